package org.layerlab.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;

class RunHistoryTest {
    private static final Instant START = Instant.parse("2026-11-27T20:00:00Z");
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

    @Test
    void numbersRunsInTheOrderTheyFinishedAndKeepsTheirSettingsCurvesAndMetrics() {
        RunHistory history = new RunHistory();
        Evaluation perfect = new Evaluation(CLASSES, new int[][] {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}});
        RunRecord first = history.add(START, new TrainingConfig(5, 32, 0.01, 42),
                NetworkGraph.mlp(List.of(4, 16, 3), Activation.RELU), result(Outcome.COMPLETED, 0.5, 0.7), perfect,
                null);
        RunRecord second = history.add(START.plusSeconds(60), new TrainingConfig(3, 16, 0.1, 7),
                NetworkGraph.defaultGraph(), result(Outcome.STOPPED, 0.4), null, null);

        assertThat(history.runs()).containsExactly(first, second);
        assertThat(first.name()).isEqualTo("Run 1");
        assertThat(second.name()).isEqualTo("Run 2");
        assertThat(history.latest()).contains(second);
        assertThat(history.find(1)).contains(first);
        assertThat(history.find(3)).isEmpty();
        assertThat(first.started()).isEqualTo(START);
        assertThat(first.epochs()).hasSize(2);
        assertThat(first.finalValidationMetric()).isEqualTo(0.7);
        assertThat(first.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(first.hasTestMetrics()).isTrue();
        assertThat(second.hasTestMetrics()).isFalse();
        assertThat(first.settingsSummary()).startsWith("Adam, lr 0.01, batch 32, 5 epochs, seed 42 · ");
        assertThat(first.network()).isNotBlank().doesNotContain("Input");
    }

    @Test
    void describesTheNetworkOnOneLineInTheOrderDataFlows() {
        String described = RunHistory.describe(NetworkGraph.mlp(List.of(4, 16, 8, 3), Activation.RELU));
        assertThat(described).contains("16 → ").contains("8 → ");
        assertThat(described.indexOf("16")).isLessThan(described.indexOf(" 8 "));
        assertThat(described).doesNotContain("\n");
    }

    @Test
    void comparesClassificationMetricsAndJudgesEachDifference() {
        Evaluation weaker = new Evaluation(CLASSES, new int[][] {{5, 0, 0}, {0, 3, 2}, {0, 1, 4}});
        Evaluation perfect = new Evaluation(CLASSES, new int[][] {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}});
        RunRecord first = record(1, weaker, null);
        RunRecord second = record(2, perfect, null);

        List<RunComparison.Row> rows = RunComparison.of(first, second);

        assertThat(rows).extracting(RunComparison.Row::metric).containsExactly("Accuracy", "Precision (average)",
                "Recall (average)", "Macro F1", "F1 of setosa", "F1 of versicolor", "F1 of virginica");
        RunComparison.Row accuracy = rows.get(0);
        assertThat(accuracy.first()).isCloseTo(12.0 / 15, within(1e-12));
        assertThat(accuracy.second()).isEqualTo(1.0);
        assertThat(accuracy.difference()).isCloseTo(3.0 / 15, within(1e-12));
        assertThat(accuracy.verdict()).isEqualTo(1);
        assertThat(rows.get(4).verdict()).as("setosa is perfect in both").isZero();
        assertThat(RunComparison.of(second, first).get(0).verdict()).isEqualTo(-1);
    }

    @Test
    void comparesRegressionWithLowerErrorsBetter() {
        RunRecord first = record(1, null, new RegressionEvaluation(2.0, 3.0, 0.5, 10));
        RunRecord second = record(2, null, new RegressionEvaluation(1.0, 1.5, 0.8, 10));

        List<RunComparison.Row> rows = RunComparison.of(first, second);

        assertThat(rows).extracting(RunComparison.Row::metric)
                .containsExactly("Mean absolute error", "Root mean squared error", "R²");
        assertThat(rows).extracting(RunComparison.Row::verdict).containsExactly(1, 1, 1);
        assertThat(rows.get(0).difference()).isEqualTo(-1.0);
    }

    @Test
    void refusesRunsWithoutTestMetricsOrOfDifferentKindsWithAPlainMessage() {
        RunRecord classes = record(1, new Evaluation(CLASSES, new int[3][3]), null);
        RunRecord numbers = record(2, null, new RegressionEvaluation(1, 1, 0, 3));
        RunRecord failed = new RunRecord(3, START, new TrainingConfig(1, 1, 0.1, 1), "", List.of(), Outcome.FAILED,
                null, null);

        assertThatThrownBy(() -> RunComparison.of(classes, numbers))
                .hasMessage("Run 1 and Run 2 cannot be compared: one predicts classes, the other numbers. Pick a run "
                        + "made on the same data.");
        assertThatThrownBy(() -> RunComparison.of(classes, failed))
                .hasMessageStartingWith("Run 3 has no test results to compare").hasMessageEndingWith("Pick another run.");
    }

    @Test
    void aClassOnlyOneRunKnowsIsMissingForTheOther() {
        RunRecord first = record(1, new Evaluation(List.of("a", "b"), new int[][] {{1, 0}, {0, 1}}), null);
        RunRecord second = record(2, new Evaluation(List.of("a", "c"), new int[][] {{1, 0}, {0, 1}}), null);

        List<RunComparison.Row> rows = RunComparison.of(first, second);

        assertThat(rows).extracting(RunComparison.Row::metric).endsWith("F1 of a", "F1 of b", "F1 of c");
        assertThat(rows.get(rows.size() - 1).first()).isNaN();
        assertThat(rows.get(rows.size() - 1).verdict()).isZero();
    }

    private static RunRecord record(int number, Evaluation evaluation, RegressionEvaluation regression) {
        return new RunRecord(number, START, new TrainingConfig(5, 32, 0.01, 42), "Dense 16 → Output 3",
                List.of(epoch(1, 0.5)), Outcome.COMPLETED, evaluation, regression);
    }

    private static TrainingResult result(Outcome outcome, double... validationAccuracies) {
        List<EpochEnded> epochs = new java.util.ArrayList<>();
        for (int i = 0; i < validationAccuracies.length; i++) {
            epochs.add(epoch(i + 1, validationAccuracies[i]));
        }
        return new TrainingResult(null, epochs, outcome, "", 100, "CPU");
    }

    private static EpochEnded epoch(int epoch, double validationAccuracy) {
        return new EpochEnded(epoch, 5, 1.0 / epoch, validationAccuracy, 1.1 / epoch, validationAccuracy, 100, 10);
    }
}
