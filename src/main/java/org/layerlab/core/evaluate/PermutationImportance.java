package org.layerlab.core.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.train.TrainedModel;

/**
 * How much the model relies on each input column: the drop in test accuracy when that column's values are
 * shuffled among the test rows (so it no longer matches the rest of its row), averaged over a few seeded repeats.
 * The raw table column is shuffled and encoded again with the fitted {@link FeatureEncoder}, so the one-hot inputs
 * of a category move together. (Breiman, "Random Forests", Machine Learning 45, 2001, §10; model-agnostic form as in
 * scikit-learn's {@code permutation_importance}.)
 *
 * <p>For regression the measure is the mean absolute error instead, and a column's importance is how much the
 * error grows when it is shuffled.
 *
 * @param baseline the model's accuracy (regression: mean absolute error) on the rows as they are
 * @param entries  one per input column, largest drop first
 * @param measure  what {@code baseline} and each entry's {@code drop} are measured in
 */
public record PermutationImportance(double baseline, List<Entry> entries, Measure measure) {
    public PermutationImportance {
        entries = List.copyOf(entries);
    }

    /** A classification measurement (accuracy). */
    public PermutationImportance(double baseline, List<Entry> entries) {
        this(baseline, entries, Measure.ACCURACY);
    }

    /** What the model is scored with. */
    public enum Measure {
        /** Share of rows whose class is right; higher is better. A drop is accuracy lost. */
        ACCURACY,
        /** Mean absolute error in the label's units; lower is better. A drop is error added. */
        MEAN_ABSOLUTE_ERROR
    }

    /**
     * One column's importance.
     *
     * @param drop how much worse the model gets when the column is shuffled: accuracy lost, or (regression) mean
     *             absolute error added. Can be slightly negative by chance.
     */
    public record Entry(String column, double drop) {
    }

    /**
     * @param table      the data table
     * @param encoder    the encoding fitted at training time (its features name the input columns)
     * @param rows       the rows to measure on (the test rows)
     * @param classOfRow the true class of every table row
     * @param repeats    shuffles per column (at least 1)
     * @param seed       makes the shuffles repeatable
     */
    public static PermutationImportance of(Table table, FeatureEncoder encoder, int[] rows, int[] classOfRow,
                                           TrainedModel model, int repeats, long seed) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = classOfRow[rows[i]];
        }
        return measure(table, encoder, rows, labels, repeats, seed, Measure.ACCURACY,
                set -> -accuracy(model, set, labels));
    }

    /**
     * Regression: how much the mean absolute error (in the label's units) grows when each column is shuffled.
     *
     * @param actual  the label's value on each of {@code rows}, in the same order
     * @param restore turns the model's output back into the label's units (the output is standardized)
     */
    public static PermutationImportance ofRegression(Table table, FeatureEncoder encoder, int[] rows, double[] actual,
                                                     TrainedModel model, DoubleUnaryOperator restore, int repeats,
                                                     long seed) {
        if (actual.length != rows.length) {
            throw new IllegalArgumentException("Give one actual value per measured row (" + rows.length + " rows, "
                    + actual.length + " values).");
        }
        return measure(table, encoder, rows, new int[rows.length], repeats, seed, Measure.MEAN_ABSOLUTE_ERROR,
                set -> meanAbsoluteError(model, set, actual, restore));
    }

    /**
     * @param labels the class of each measured row (zeros for regression, which the encoding does not read)
     * @param error  how bad the model is on an encoded set: lower is better
     */
    private static PermutationImportance measure(Table table, FeatureEncoder encoder, int[] rows, int[] labels,
                                                 int repeats, long seed, Measure measure,
                                                 ToDoubleFunction<EncodedSet> error) {
        if (repeats < 1) {
            throw new IllegalArgumentException("Shuffle each column at least once (repeats was " + repeats + ").");
        }
        // Only the measured rows, renumbered 0..n-1: shuffling then copies n values, not the whole table.
        int n = rows.length;
        List<Column> columns = new ArrayList<>();
        // With a preprocessing pipeline the encoder's features are derived columns: shuffle the raw ones it reads.
        List<String> inputColumns = encoder.pipeline() != null
                ? encoder.pipeline().inputs().stream().map(input -> input.name()).toList()
                : encoder.features().stream().map(FeatureEncoder.Feature::column).toList();
        for (String column : inputColumns) {
            columns.add(subset(table.column(column), rows));
        }
        Table measured = new Table(table.source(), columns);
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        double baselineError = error.applyAsDouble(encoder.encode(measured, index, labels));
        List<Entry> entries = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            SplittableRandom random = new SplittableRandom(seed + 7919L * c);
            double lost = 0;
            for (int r = 0; r < repeats; r++) {
                List<Column> shuffled = new ArrayList<>(columns);
                shuffled.set(c, shuffle(columns.get(c), random));
                Table changed = new Table(table.source(), shuffled);
                lost += error.applyAsDouble(encoder.encode(changed, index, labels)) - baselineError;
            }
            entries.add(new Entry(columns.get(c).name(), lost / repeats));
        }
        entries.sort(Comparator.comparingDouble(Entry::drop).reversed());
        double baseline = measure == Measure.ACCURACY ? -baselineError : baselineError;
        return new PermutationImportance(baseline, entries, measure);
    }

    private static double meanAbsoluteError(TrainedModel model, EncodedSet set, double[] actual,
                                            DoubleUnaryOperator restore) {
        if (actual.length == 0) {
            return 0;
        }
        float[] predicted = model.predictValues(set);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(restore.applyAsDouble(predicted[i]) - actual[i]);
        }
        return sum / actual.length;
    }

    private static double accuracy(TrainedModel model, EncodedSet set, int[] labels) {
        if (labels.length == 0) {
            return 0;
        }
        int[] predicted = model.predictClasses(set);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return (double) right / labels.length;
    }

    private static Column subset(Column column, int[] rows) {
        if (column instanceof NumericColumn numbers) {
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = numbers.value(rows[i]);
            }
            return new NumericColumn(numbers.name(), values);
        }
        CategoricalColumn categories = (CategoricalColumn) column;
        int[] codes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            codes[i] = categories.code(rows[i]);
        }
        return new CategoricalColumn(categories.name(), codes, categories.levels());
    }

    /** Fisher–Yates over the column's values. */
    private static Column shuffle(Column column, SplittableRandom random) {
        int[] order = new int[column.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return subset(column, order);
    }
}
