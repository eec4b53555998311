package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Augmentation of the training split of a table, drawn afresh every epoch (validation and test rows are never
 * touched): Gaussian noise added to the number inputs, and oversampling of the smaller classes (rows drawn again at
 * random until every class has as many rows as the largest). Inputs that only hold 0 and 1 (one-hot categories,
 * yes/no columns) get no noise: 0.93 of a category means nothing.
 *
 * @param noise      standard deviation of the noise, in the inputs' units (standardized inputs: a share of their
 *                   spread, e.g. 0.1); 0 for none
 * @param oversample whether to oversample the smaller classes (classification only; ignored for regression)
 */
public record TableAugmentation(double noise, boolean oversample) {
    /** No augmentation: the training rows as they are. */
    public static final TableAugmentation NONE = new TableAugmentation(0, false);

    public TableAugmentation {
        if (!(noise >= 0) || noise > 10) {
            throw new IllegalArgumentException("The noise must be between 0 and 10 (try 0.1); " + noise
                    + " is not possible.");
        }
    }

    public boolean isNone() {
        return noise == 0 && !oversample;
    }

    /**
     * How many rows one epoch of {@code train} has once augmented: more than {@code train.rows()} when oversampling
     * fills up the smaller classes of a classification, else the same.
     */
    public int rowsPerEpoch(EncodedSet train) {
        if (!oversample || train.hasTargets()) {
            return train.rows();
        }
        int[] counts = classCounts(train.labels());
        int largest = 0;
        int present = 0;
        for (int count : counts) {
            largest = Math.max(largest, count);
            present += count > 0 ? 1 : 0;
        }
        return largest * present;
    }

    /** How many rows of each class (by label index) {@code labels} holds. */
    public static int[] classCounts(int[] labels) {
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The training rows as one epoch sees them. {@code train} itself is not changed. */
    public EncodedSet apply(EncodedSet train, Random random) {
        int columns = train.columns();
        int[] order = oversample && !train.hasTargets() ? oversampledRows(train.labels(), random) : identity(train.rows());
        boolean[] noisy = noise > 0 ? nonBinaryColumns(train) : new boolean[columns];
        float[] features = new float[order.length * columns];
        int[] labels = new int[order.length];
        float[] targets = train.hasTargets() ? new float[order.length] : null;
        for (int i = 0; i < order.length; i++) {
            int row = order[i];
            System.arraycopy(train.features(), row * columns, features, i * columns, columns);
            labels[i] = train.labels()[row];
            if (targets != null) {
                targets[i] = train.targets()[row];
            }
            if (noise > 0) {
                for (int c = 0; c < columns; c++) {
                    if (noisy[c]) {
                        features[i * columns + c] += (float) (random.nextGaussian() * noise);
                    }
                }
            }
        }
        return new EncodedSet(features, order.length, columns, labels, targets);
    }

    /** Every row once, then random extra rows of each smaller class until it matches the largest class. */
    static int[] oversampledRows(int[] labels, Random random) {
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int row = 0; row < labels.length; row++) {
            byClass.get(labels[row]).add(row);
        }
        int largest = byClass.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> rows = new ArrayList<>();
        for (List<Integer> members : byClass) {
            rows.addAll(members);
            for (int extra = members.size(); extra < largest && !members.isEmpty(); extra++) {
                rows.add(members.get(random.nextInt(members.size())));
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] identity(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The inputs that get noise: those holding anything other than 0 and 1 in {@code train}. */
    static boolean[] nonBinaryColumns(EncodedSet train) {
        boolean[] nonBinary = new boolean[train.columns()];
        int found = 0;
        // Stops once every column is known to be non-binary: with only measured columns that is the first row or
        // two; going on read every row of a million-row table while the window was showing it.
        for (int row = 0; row < train.rows() && found < nonBinary.length; row++) {
            for (int c = 0; c < nonBinary.length; c++) {
                float v = train.feature(row, c);
                if (!nonBinary[c] && v != 0f && v != 1f) {
                    nonBinary[c] = true;
                    found++;
                }
            }
        }
        return nonBinary;
    }
}
