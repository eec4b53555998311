package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * "What the network sees" of a table's training rows under {@link TableAugmentation}: a few randomly drawn training
 * rows as prepared (after the preprocessing steps) and the same rows with this draw's noise, plus how many rows of
 * each class an epoch holds before and after oversampling. A pure function of the prepared training rows, the
 * augmentation and the draw number (a new draw shows other rows and other noise).
 *
 * @param columns      "class" (or the predicted number's name), then the input names shown
 * @param before       one list of cells per shown row, as prepared
 * @param after        the same rows as one epoch may feed them to the network (with noise)
 * @param classNames   the classes (empty for regression)
 * @param countsBefore training rows of each class as prepared
 * @param countsAfter  rows of each class in one epoch once oversampled (the same as before without oversampling)
 * @param summary      one plain sentence on what changes
 */
public record AugmentationPreview(List<String> columns, List<List<String>> before, List<List<String>> after,
                                  List<String> classNames, List<Integer> countsBefore, List<Integer> countsAfter,
                                  String summary) {
    /** Rows shown. */
    public static final int SAMPLE_ROWS = 5;
    /** Input columns shown at most (those that get noise first). */
    public static final int MAX_COLUMNS = 8;

    public AugmentationPreview {
        columns = List.copyOf(columns);
        before = before.stream().map(List::copyOf).toList();
        after = after.stream().map(List::copyOf).toList();
        classNames = List.copyOf(classNames);
        countsBefore = List.copyOf(countsBefore);
        countsAfter = List.copyOf(countsAfter);
    }

    /**
     * @param train        the prepared training rows
     * @param featureNames one name per input column of {@code train}
     * @param classNames   the classes a label index points to; for regression the one name of the number
     * @param draw         which draw: the same number always shows the same rows and noise
     */
    public static AugmentationPreview of(EncodedSet train, List<String> featureNames, List<String> classNames,
                                         TableAugmentation augmentation, long draw) {
        if (featureNames.size() != train.columns()) {
            throw new IllegalArgumentException(featureNames.size() + " names for " + train.columns() + " inputs");
        }
        boolean regression = train.hasTargets();
        boolean[] noisy = TableAugmentation.nonBinaryColumns(train);
        int noisyCount = 0;
        List<Integer> shownColumns = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < train.columns() && shownColumns.size() < MAX_COLUMNS; c++) {
                if (noisy[c] == (pass == 0)) {
                    shownColumns.add(c);
                }
            }
        }
        for (boolean b : noisy) {
            noisyCount += b ? 1 : 0;
        }
        List<String> columns = new ArrayList<>();
        columns.add(regression ? classNames.get(0) : "class");
        shownColumns.forEach(c -> columns.add(featureNames.get(c)));

        Random random = new Random(draw * 1_000_003L + 17);
        List<List<String>> before = new ArrayList<>();
        List<List<String>> after = new ArrayList<>();
        int rows = Math.min(SAMPLE_ROWS, train.rows());
        for (int row : distinctRows(train.rows(), rows, random)) {
            String answer = regression ? format(train.targets()[row]) : classNames.get(train.labels()[row]);
            List<String> plain = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            plain.add(answer);
            seen.add(answer);
            // Noise for every input of the row, as TableAugmentation draws it, though only some columns are shown.
            float[] noised = new float[train.columns()];
            for (int c = 0; c < train.columns(); c++) {
                noised[c] = train.feature(row, c);
                if (noisy[c] && augmentation.noise() > 0) {
                    noised[c] += (float) (random.nextGaussian() * augmentation.noise());
                }
            }
            for (int c : shownColumns) {
                plain.add(format(train.feature(row, c)));
                seen.add(format(noised[c]));
            }
            before.add(plain);
            after.add(seen);
        }

        List<Integer> countsBefore = new ArrayList<>();
        List<Integer> countsAfter = new ArrayList<>();
        List<String> classes = regression ? List.of() : classNames;
        if (!regression) {
            int[] counts = TableAugmentation.classCounts(train.labels());
            int largest = 0;
            for (int count : counts) {
                largest = Math.max(largest, count);
            }
            for (int k = 0; k < classNames.size(); k++) {
                int count = k < counts.length ? counts[k] : 0;
                countsBefore.add(count);
                countsAfter.add(augmentation.oversample() && count > 0 ? largest : count);
            }
        }
        return new AugmentationPreview(columns, before, after, classes, countsBefore, countsAfter,
                summary(train, augmentation, noisyCount, regression));
    }

    private static String summary(EncodedSet train, TableAugmentation augmentation, int noisyCount,
                                  boolean regression) {
        List<String> parts = new ArrayList<>();
        if (augmentation.noise() > 0) {
            parts.add(String.format(Locale.ROOT, "noise of spread %s on %d of %d inputs (0/1 inputs such as one-hot "
                    + "categories get none)", format((float) augmentation.noise()), noisyCount, train.columns()));
        }
        if (augmentation.oversample() && !regression) {
            parts.add(String.format(Locale.ROOT, "%,d rows per epoch instead of %,d", augmentation.rowsPerEpoch(train),
                    train.rows()));
        }
        if (parts.isEmpty()) {
            return String.format(Locale.ROOT, "No augmentation: every epoch sees the %,d training rows as they are.",
                    train.rows());
        }
        return "Each epoch draws afresh: " + String.join("; ", parts) + ". Validation and test rows are never changed.";
    }

    /** {@code count} different row numbers below {@code rows}, in increasing order. */
    private static int[] distinctRows(int rows, int count, Random random) {
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
        while (chosen.size() < count) {
            chosen.add(random.nextInt(rows));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String format(float value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
