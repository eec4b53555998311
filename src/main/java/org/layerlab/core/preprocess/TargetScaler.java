package org.layerlab.core.preprocess;

/**
 * How a regression target is standardized for training: {@code (y − mean) / scale} with the mean and standard
 * deviation of the training rows only. A network learns a target near 0 with spread 1 much more easily than, say,
 * prices in the thousands; predictions are turned back with {@link #restore}.
 *
 * @param column the label column
 */
public record TargetScaler(String column, double mean, double scale) {
    public TargetScaler {
        if (!Double.isFinite(mean) || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("The target of '" + column + "' cannot be scaled (mean " + mean
                    + ", spread " + scale + ").");
        }
    }

    /** Fitted on the values of {@code trainRows} (missing values skipped). */
    public static TargetScaler fit(String column, double[] values, int[] trainRows) {
        double sum = 0;
        int count = 0;
        for (int row : trainRows) {
            if (!Double.isNaN(values[row])) {
                sum += values[row];
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("The label '" + column + "' has no values in the training rows.");
        }
        double mean = sum / count;
        double squares = 0;
        for (int row : trainRows) {
            if (!Double.isNaN(values[row])) {
                squares += (values[row] - mean) * (values[row] - mean);
            }
        }
        double std = Math.sqrt(squares / count);
        return new TargetScaler(column, mean, std > 1e-12 ? std : 1);
    }

    public float standardize(double value) {
        return (float) ((value - mean) / scale);
    }

    public double restore(double standardized) {
        return standardized * scale + mean;
    }

    /** Standardized targets of {@code rows}. */
    public float[] standardize(double[] values, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = standardize(values[rows[i]]);
        }
        return out;
    }
}
