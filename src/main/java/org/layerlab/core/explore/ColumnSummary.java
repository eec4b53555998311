package org.layerlab.core.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.data.NumericColumn;

/**
 * What one column holds, at a glance: its type and missing count; for numbers the minimum, maximum, mean and
 * (population) standard deviation; for categories the number of distinct values and the most frequent ones.
 *
 * @param topCategories the most frequent categories, most frequent first (at most {@link #TOP}); empty for numbers
 */
public record ColumnSummary(String name, ColumnType type, int rows, int missing, double min, double max, double mean,
                            double std, int distinct, List<CategoryCount> topCategories) {
    public static final int TOP = 5;

    public ColumnSummary {
        topCategories = List.copyOf(topCategories);
    }

    /** One category and how many rows have it. */
    public record CategoryCount(String category, int count) {
    }

    public static ColumnSummary of(Column column) {
        int rows = column.size();
        if (column instanceof NumericColumn numbers) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int count = 0;
            for (double v : numbers.values()) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                    count++;
                }
            }
            double mean = count == 0 ? Double.NaN : sum / count;
            double squares = 0;
            for (double v : numbers.values()) {
                if (!Double.isNaN(v)) {
                    squares += (v - mean) * (v - mean);
                }
            }
            return new ColumnSummary(column.name(), ColumnType.NUMERIC, rows, rows - count,
                    count == 0 ? Double.NaN : min, count == 0 ? Double.NaN : max, mean,
                    count == 0 ? Double.NaN : Math.sqrt(squares / count), Distinct.count(numbers), List.of());
        }
        CategoryCounts counts = CategoryCounts.of((CategoricalColumn) column, TOP);
        return new ColumnSummary(column.name(), ColumnType.CATEGORICAL, rows, counts.missing(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, counts.distinct(), counts.shown());
    }

    /** The summary as a few plain lines, as the Data view shows it. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s · %s · %,d rows · %,d missing%s", name, type.plainName(), rows,
                missing, missing == 0 || rows == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * missing / rows)));
        if (type == ColumnType.NUMERIC) {
            lines.add(missing == rows ? "No values: every cell is missing."
                    : String.format(Locale.ROOT, "min %s · max %s · mean %s · std %s · %,d distinct values",
                    number(min), number(max), number(mean), number(std), distinct));
        } else {
            List<String> top = new ArrayList<>();
            for (CategoryCount count : topCategories) {
                top.add(String.format(Locale.ROOT, "%s (%,d)", count.category(), count.count()));
            }
            lines.add(String.format(Locale.ROOT, "%,d distinct values%s", distinct,
                    top.isEmpty() ? "" : ": " + String.join(", ", top) + (distinct > top.size() ? ", …" : "")));
        }
        return lines;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? NumericColumn.format(v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** Counting distinct numbers without boxing every value. */
    private static final class Distinct {
        static int count(NumericColumn numbers) {
            double[] values = java.util.Arrays.stream(numbers.values()).filter(v -> !Double.isNaN(v)).toArray();
            java.util.Arrays.sort(values);
            int distinct = 0;
            for (int i = 0; i < values.length; i++) {
                if (i == 0 || values[i] != values[i - 1]) {
                    distinct++;
                }
            }
            return distinct;
        }
    }
}
