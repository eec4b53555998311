package org.layerlab.ui;

import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.train.TrainedModel;

/**
 * A regression model measured on the test rows: MAE, RMSE and R², and each test row's actual and predicted value
 * (in the label's units) for the predicted-vs-actual scatter.
 */
public record RegressionResult(RegressionEvaluation metrics, double[] actual, double[] predicted) {

    /** Predicts the test rows; uses the engine, so call it off the FX thread. */
    static RegressionResult of(PreparedExperiment experiment, TrainedModel model) {
        double[] actual = experiment.actualTestValues();
        double[] predicted = experiment.predictTestValues(model);
        return new RegressionResult(RegressionEvaluation.of(actual, predicted), actual, predicted);
    }
}
