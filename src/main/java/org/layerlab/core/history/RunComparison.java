package org.layerlab.core.history;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;

/**
 * The test metrics of two runs side by side: accuracy, macro precision, recall and F1 and each class's F1 for
 * classification; MAE, RMSE and R² for regression. A class only one run knows has NaN for the other.
 */
public final class RunComparison {
    private RunComparison() {
    }

    /**
     * One metric of both runs.
     *
     * @param higherIsBetter true for accuracy-like metrics, false for errors, so that a difference can be judged
     */
    public record Row(String metric, double first, double second, boolean higherIsBetter) {
        /** {@code second - first}; NaN when either is missing. */
        public double difference() {
            return second - first;
        }

        /** Whether the second run did better (positive), worse (negative) or the same or unknown (0). */
        public int verdict() {
            double difference = difference();
            if (Double.isNaN(difference) || Math.abs(difference) < 1e-12) {
                return 0;
            }
            return (difference > 0) == higherIsBetter ? 1 : -1;
        }
    }

    /**
     * The rows comparing {@code first} with {@code second}.
     *
     * @throws IllegalArgumentException when a run has no test metrics, or one is classification and the other
     *                                  regression; the message says what to do
     */
    public static List<Row> of(RunRecord first, RunRecord second) {
        if (!first.hasTestMetrics() || !second.hasTestMetrics()) {
            RunRecord missing = first.hasTestMetrics() ? second : first;
            throw new IllegalArgumentException(missing.name() + " has no test results to compare (it "
                    + (missing.outcome() == null ? "did not finish" : "ended " + missing.outcome().name()
                    .toLowerCase(java.util.Locale.ROOT)) + " before it could be measured). Pick another run.");
        }
        if (first.evaluation() != null && second.evaluation() != null) {
            return classification(first.evaluation(), second.evaluation());
        }
        if (first.regression() != null && second.regression() != null) {
            return regression(first.regression(), second.regression());
        }
        throw new IllegalArgumentException(first.name() + " and " + second.name() + " cannot be compared: one "
                + "predicts classes, the other numbers. Pick a run made on the same data.");
    }

    static List<Row> classification(Evaluation first, Evaluation second) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Accuracy", first.accuracy(), second.accuracy(), true));
        rows.add(new Row("Precision (average)", first.macroPrecision(), second.macroPrecision(), true));
        rows.add(new Row("Recall (average)", first.macroRecall(), second.macroRecall(), true));
        rows.add(new Row("Macro F1", first.macroF1(), second.macroF1(), true));
        List<String> classes = new ArrayList<>(first.classes());
        for (String name : second.classes()) {
            if (!classes.contains(name)) {
                classes.add(name);
            }
        }
        for (String name : classes) {
            rows.add(new Row("F1 of " + name, f1(first, name), f1(second, name), true));
        }
        return rows;
    }

    static List<Row> regression(RegressionEvaluation first, RegressionEvaluation second) {
        return List.of(
                new Row("Mean absolute error", first.meanAbsoluteError(), second.meanAbsoluteError(), false),
                new Row("Root mean squared error", first.rootMeanSquaredError(), second.rootMeanSquaredError(), false),
                new Row("R²", first.r2(), second.r2(), true));
    }

    private static double f1(Evaluation evaluation, String className) {
        int index = evaluation.classes().indexOf(className);
        return index < 0 ? Double.NaN : evaluation.f1(index);
    }
}
