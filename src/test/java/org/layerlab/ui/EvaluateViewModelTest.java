package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void afterTrainingTheCurvesAndTheWeightedAndAucMetricsAreShown() {
        ViewModelHarness harness = trainedIris();
        EvaluateViewModel evaluate = harness.viewModels.evaluate();

        harness.pumpUntil("the probabilities are computed", WAIT, () -> evaluate.probabilitiesProperty().get() != null);

        EvaluateViewModel.TestProbabilities computed = evaluate.probabilitiesProperty().get();
        int testRows = harness.project.getExperiment().split().test().length;
        assertThat(computed.probabilities()).hasNumberOfRows(testRows);
        assertThat(computed.curves().roc()).hasSize(3);
        assertThat(computed.curves().precisionRecall()).hasSize(3);
        // The fake model is always right: every curve is perfect.
        assertThat(evaluate.macroAucTextProperty().get()).isEqualTo("1.000");
        assertThat(evaluate.weightedTextProperty().get())
                .isEqualTo("Weighted by class size: precision 1.000 · recall 1.000 · F1 1.000");
        assertThat(evaluate.topKTextProperty().get()).as("3 classes: top-k adds nothing").isEmpty();
        harness.pumpUntil("the importance is measured", WAIT,
                () -> evaluate.importanceNoteProperty().get().startsWith("Each column"));
        // The fake model reads the labels, not the inputs: no column matters to it.
        assertThat(evaluate.importanceData().getColumnKeys())
                .containsExactlyInAnyOrder("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(evaluate.importanceData().getValue(0, 0).doubleValue()).isEqualTo(0.0);
    }

    @Test
    void aNewRunClearsTheOldProbabilities() {
        ViewModelHarness harness = trainedIris();
        EvaluateViewModel evaluate = harness.viewModels.evaluate();
        harness.pumpUntil("the probabilities are computed", WAIT, () -> evaluate.probabilitiesProperty().get() != null);

        harness.project.evaluationProperty().set(null);

        assertThat(evaluate.probabilitiesProperty().get()).isNull();
        assertThat(evaluate.macroAucTextProperty().get()).isEqualTo("–");
    }

    @Test
    void aConfusionCellListsItsTestRowsWithTheirTableValues() {
        ViewModelHarness harness = trainedIris();
        EvaluateViewModel evaluate = harness.viewModels.evaluate();
        harness.pumpUntil("the probabilities are computed", WAIT, () -> evaluate.probabilitiesProperty().get() != null);

        evaluate.selectCell(1, 1);

        int expected = harness.project.evaluationProperty().get().confusion()[1][1];
        assertThat(evaluate.cellRows()).hasSize(expected);
        var table = harness.project.getExperiment().table();
        EvaluateViewModel.CellRow row = evaluate.cellRows().get(0);
        for (int c = 0; c < table.columnCount(); c++) {
            assertThat(row.values().get(c)).isEqualTo(table.columns().get(c).text(row.tableRow()));
        }
        assertThat(row.predicted()).isEqualTo("versicolor");
        assertThat(row.trueProbability()).isEqualTo(row.predictedProbability());
        assertThat(evaluate.cellTitleProperty().get()).startsWith(expected + " test rows 'versicolor' predicted right");

        evaluate.selectCell(0, 2);
        assertThat(evaluate.cellRows()).isEmpty();
        evaluate.clearCell();
        assertThat(evaluate.selectedCellProperty().get()).isNull();
    }

    @Test
    void theReportIsWrittenAsAWebPage(@TempDir Path folder)
            throws IOException {
        ViewModelHarness harness = trainedIris();

        harness.viewModels.evaluate().exportReport(folder.resolve("iris-report"));
        Path written = folder.resolve("iris-report.html");
        harness.pumpUntil("the report is written", WAIT,
                () -> harness.project.statusProperty().get().startsWith("Wrote the report"));

        String html = Files.readString(written);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("iris.csv").contains("setosa");
        assertThat(harness.project.errorProperty().get()).isEmpty();
    }

    @Test
    void withoutATrainingThereIsNoReportAndTheUserIsTold(@TempDir Path folder) {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(1));

        harness.viewModels.evaluate().exportReport(folder.resolve("r.html"));

        assertThat(harness.project.errorProperty().get()).contains("train a network first");
        assertThat(folder.resolve("r.html")).doesNotExist();
    }

    static ViewModelHarness trainedIris() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(2));
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> harness.project.getExperiment() != null);
        harness.viewModels.train().epochsTextProperty().set("2");
        harness.viewModels.train().train();
        harness.pumpUntil("the run ends", WAIT, () -> harness.project.evaluationProperty().get() != null);
        return harness;
    }
}
