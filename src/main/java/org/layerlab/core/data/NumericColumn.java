package org.layerlab.core.data;

import java.util.Objects;

/** A column of numbers; a missing value is stored as NaN. */
public record NumericColumn(String name, double[] values) implements Column {
    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    /**
     * Counted once per column and remembered (by the identity of its array, which never changes): the Data step
     * shows every column's count on the FX thread, and a million rows took milliseconds per column there. The
     * reader counts while it still works in the background ({@link ColumnBuilder}).
     */
    @Override
    public int missingCount() {
        return MISSING.get(values, () -> {
            int missing = 0;
            for (double value : values) {
                if (Double.isNaN(value)) {
                    missing++;
                }
            }
            return missing;
        });
    }

    /** Missing counts by column array. */
    private static final ArrayMemo<Integer> MISSING = new ArrayMemo<>();

    public double value(int row) {
        return values[row];
    }

    @Override
    public String text(int row) {
        return format(values[row]);
    }

    /** A number as users write it: "3" rather than "3.0", empty for missing. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
