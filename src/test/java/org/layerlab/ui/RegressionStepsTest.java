package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.dl4j.Dl4jTrainer;

/** The diabetes sample through Data, Train, Evaluate and Use as regression, with real DL4J training. */
class RegressionStepsTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void aNumericLabelTrainsAsRegressionAndIsMeasuredWithMaeRmseAndR2() throws java.io.IOException {
        ViewModelHarness harness = new ViewModelHarness(new Dl4jTrainer());
        harness.project.openSample(Sample.DIABETES);
        harness.pumpUntil("diabetes is prepared", WAIT, () -> harness.project.getExperiment() != null);
        DataViewModel data = harness.viewModels.data();
        assertThat(data.labelProperty().get()).isEqualTo("progression");
        assertThat(data.taskProperty().get()).isEqualTo(TaskType.REGRESSION);
        assertThat(harness.project.getExperiment().task()).isEqualTo(TaskType.REGRESSION);

        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("30");
        train.learningRateTextProperty().set("0.001");
        train.train();
        harness.pumpUntil("the run is measured", WAIT,
                () -> harness.project.regressionResultProperty().get() != null);

        assertThat(train.metricsTextProperty().get()).contains("mean absolute error");
        // The epoch chart plots mean absolute error (training and validation), one point per epoch.
        assertThat(train.epochChartShowsErrorProperty().get()).isTrue();
        org.jfree.data.xy.XYSeriesCollection errors = train.accuracyData();
        assertThat(errors.getSeries(0).getItemCount()).isEqualTo(30);
        assertThat(errors.getSeries(1).getItemCount()).isEqualTo(30);
        assertThat(errors.getSeries(0).getY(29).doubleValue()).isPositive()
                .isLessThan(errors.getSeries(0).getY(0).doubleValue());
        String csv = train.curvesSnapshot().toCsv();
        assertThat(csv.lines().findFirst().orElseThrow()).contains(",val_loss,train_mae,val_mae,");
        assertThat(csv.lines().filter(line -> line.startsWith("epoch,"))).hasSize(30)
                .allSatisfy(line -> assertThat(line).doesNotEndWith(",,"));
        assertThat(train.testAccuracyTextProperty().get()).startsWith("Test R²");
        EvaluateViewModel evaluate = harness.viewModels.evaluate();
        assertThat(evaluate.regressionAvailableProperty().get()).isTrue();
        assertThat(evaluate.availableProperty().get()).isFalse();
        assertThat(Double.parseDouble(evaluate.r2TextProperty().get())).isGreaterThan(0.3);
        assertThat(evaluate.maeTextProperty().get()).isNotEqualTo("–");
        assertThat(evaluate.predictedVsActual().getSeries(0).getItemCount())
                .isEqualTo(harness.project.getExperiment().split().test().length);
        // Residuals: one per test row, each the actual value minus the predicted one; their mean absolute value is MAE.
        org.jfree.data.xy.XYSeries residuals = evaluate.residuals().getSeries(0);
        assertThat(residuals.getItemCount()).isEqualTo(harness.project.getExperiment().split().test().length);
        double meanAbsolute = 0;
        for (int i = 0; i < residuals.getItemCount(); i++) {
            meanAbsolute += Math.abs(residuals.getY(i).doubleValue()) / residuals.getItemCount();
        }
        assertThat(String.format(java.util.Locale.ROOT, "%.4g", meanAbsolute)).isEqualTo(evaluate.maeTextProperty().get());

        // Permutation importance: the error added by shuffling each of the 10 input columns.
        harness.pumpUntil("the importance is measured", WAIT,
                () -> evaluate.importanceNoteProperty().get().startsWith("Each column"));
        assertThat(evaluate.importanceNoteProperty().get()).contains("mean absolute error added");
        assertThat(evaluate.importanceData().getColumnCount()).isEqualTo(10);
        assertThat(evaluate.importanceData().getRowKeys()).containsExactly("mean absolute error added");
        // The most relied-on column adds clearly more error than nothing.
        assertThat(evaluate.importanceData().getValue(0, 0).doubleValue()).isGreaterThan(1.0);

        // Evaluate › Export Report writes the regression metrics and the predicted-vs-actual points.
        java.nio.file.Path reportFile = java.nio.file.Files.createTempDirectory("regression-report").resolve("r.html");
        evaluate.exportReport(reportFile);
        harness.pumpUntil("the report is written", WAIT,
                () -> harness.project.statusProperty().get().startsWith("Wrote the report"));
        String html = java.nio.file.Files.readString(reportFile);
        assertThat(html).contains("Mean absolute error per epoch").contains("Root mean squared error")
                .contains("R² (1 is perfect)").contains("Predicted against actual progression")
                .doesNotContain("Confusion matrix");
        assertThat(html.split("<circle", -1)).hasSize(harness.project.getExperiment().split().test().length + 1);

        UseViewModel use = harness.viewModels.use();
        assertThat(use.fields()).hasSize(10);
        use.predict();
        harness.pumpUntil("a prediction", WAIT, () -> !use.predictedTextProperty().get().isEmpty());
        assertThat(Double.parseDouble(use.predictedTextProperty().get())).isBetween(0.0, 400.0);

        // The user can say the label is classes after all: it is prepared again as classification.
        data.taskProperty().set(TaskType.CLASSIFICATION);
        harness.pumpUntil("prepared again", WAIT, () -> harness.project.getExperiment() != null
                || !harness.project.dataProblemProperty().get().isEmpty());
        assertThat(harness.project.getProject().task()).isEqualTo(TaskType.CLASSIFICATION);
        assertThat(harness.project.dataProblemProperty().get()).contains("too many to treat as classes");
    }
}
