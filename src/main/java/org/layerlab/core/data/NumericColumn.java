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

    /** A plain loop over the array: the Data step counts every column's missing values on the FX thread. */
    @Override
    public int missingCount() {
        int missing = 0;
        for (double value : values) {
            if (Double.isNaN(value)) {
                missing++;
            }
        }
        return missing;
    }

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
