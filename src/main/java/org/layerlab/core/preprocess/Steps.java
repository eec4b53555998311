package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.preprocess.PipelineStep.ImputeStrategy;
import org.layerlab.core.preprocess.PipelineStep.StepKind;

/** Statistics and column choices shared by the pipeline steps. */
final class Steps {
    private Steps() {
    }

    /** The columns a step works on: the named ones that are candidates, or every candidate when none is named. */
    static List<Column> chosen(Table table, List<String> named, List<String> candidates) {
        List<Column> out = new ArrayList<>();
        for (String name : named.isEmpty() ? candidates : named) {
            if (candidates.contains(name)) {
                table.find(name).ifPresent(out::add);
            }
        }
        return out;
    }

    static List<NumericColumn> numeric(Table table, List<String> named, List<String> candidates, StepKind kind,
                                       List<String> notes) {
        List<NumericColumn> out = new ArrayList<>();
        for (Column column : chosen(table, named, candidates)) {
            if (column instanceof NumericColumn numbers) {
                out.add(numbers);
            } else if (!named.isEmpty()) {
                notes.add(kind.label() + ": '" + column.name() + "' holds categories, not numbers, and is skipped.");
            }
        }
        return out;
    }

    static List<CategoricalColumn> categorical(Table table, List<String> named, List<String> candidates, StepKind kind,
                                               List<String> notes) {
        List<CategoricalColumn> out = new ArrayList<>();
        for (Column column : chosen(table, named, candidates)) {
            if (column instanceof CategoricalColumn categories) {
                out.add(categories);
            } else if (!named.isEmpty()) {
                notes.add(kind.label() + ": '" + column.name() + "' holds numbers, not categories, and is skipped.");
            }
        }
        return out;
    }

    /** {mean, population standard deviation} of the non-missing training values; NaN when there are none. */
    static double[] meanAndStd(NumericColumn column, int[] rows) {
        double sum = 0;
        int count = 0;
        for (int row : rows) {
            double v = column.value(row);
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = sum / count;
        double squares = 0;
        for (int row : rows) {
            double v = column.value(row);
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new double[] {mean, Math.sqrt(squares / count)};
    }

    /** The categories present in {@code rows}, sorted. */
    static List<String> levelsSeen(CategoricalColumn column, int[] rows) {
        boolean[] seen = new boolean[column.levels().size()];
        for (int row : rows) {
            int code = column.code(row);
            if (code >= 0) {
                seen[code] = true;
            }
        }
        List<String> levels = new ArrayList<>();
        for (int code = 0; code < seen.length; code++) {
            if (seen[code]) {
                levels.add(column.levels().get(code));
            }
        }
        levels.sort(null);
        return levels;
    }

    static double numericFill(NumericColumn column, int[] rows, ImputeStrategy strategy, String constant,
                              List<String> notes) {
        if (strategy == ImputeStrategy.CONSTANT) {
            try {
                return Double.parseDouble(constant);
            } catch (NumberFormatException notANumber) {
                notes.add("Impute missing: '" + column.name() + "' is a number column, so the constant '" + constant
                        + "' cannot fill it; it is skipped.");
                return Double.NaN;
            }
        }
        double[] values = Arrays.stream(rows).mapToDouble(column::value).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            notes.add("Impute missing: '" + column.name() + "' has no values in the training rows to learn from.");
            return Double.NaN;
        }
        return switch (strategy) {
            case MEAN -> Arrays.stream(values).average().orElse(Double.NaN);
            case MEDIAN -> median(values);
            case MOST_FREQUENT -> mostFrequent(values);
            case CONSTANT -> throw new AssertionError();
        };
    }

    static String categoryFill(CategoricalColumn column, int[] rows, ImputeStrategy strategy, String constant,
                               List<String> notes) {
        if (strategy == ImputeStrategy.CONSTANT) {
            return constant;
        }
        if (strategy != ImputeStrategy.MOST_FREQUENT) {
            notes.add("Impute missing: '" + column.name() + "' holds categories, which have no " + strategy
                    + "; it is skipped (choose most frequent or a constant for it).");
            return null;
        }
        int[] counts = new int[column.levels().size()];
        for (int row : rows) {
            if (column.code(row) >= 0) {
                counts[column.code(row)]++;
            }
        }
        int best = -1;
        for (int code = 0; code < counts.length; code++) {
            // Ties go to the alphabetically first category, so the choice does not depend on the file's order.
            if (counts[code] > 0 && (best < 0 || counts[code] > counts[best] || counts[code] == counts[best]
                    && column.levels().get(code).compareTo(column.levels().get(best)) < 0)) {
                best = code;
            }
        }
        if (best < 0) {
            notes.add("Impute missing: '" + column.name() + "' has no values in the training rows to learn from.");
            return null;
        }
        return column.levels().get(best);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The most frequent value; ties go to the smallest. */
    static double mostFrequent(double[] values) {
        Map<Double, Integer> counts = new HashMap<>();
        for (double v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        double best = Double.NaN;
        int bestCount = 0;
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount || entry.getValue() == bestCount && entry.getKey() < best) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }
}
