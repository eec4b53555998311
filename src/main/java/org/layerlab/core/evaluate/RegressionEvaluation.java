package org.layerlab.core.evaluate;

/**
 * Metrics of a model that predicts numbers: mean absolute error, root mean squared error and R² (the share of the
 * target's variance the model explains: 1 is perfect, 0 is no better than always predicting the average).
 */
public record RegressionEvaluation(double meanAbsoluteError, double rootMeanSquaredError, double r2, int count) {

    public static RegressionEvaluation of(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual vs " + predicted.length + " predicted");
        }
        int n = actual.length;
        if (n == 0) {
            return new RegressionEvaluation(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= n;
        double absolute = 0;
        double squared = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double error = predicted[i] - actual[i];
            absolute += Math.abs(error);
            squared += error * error;
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        // R² is undefined for a constant target; scikit-learn reports 0 unless the fit is perfect, and so do we.
        double r2 = total == 0 ? (squared == 0 ? 1 : 0) : 1 - squared / total;
        return new RegressionEvaluation(absolute / n, Math.sqrt(squared / n), r2, n);
    }
}
