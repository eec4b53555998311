package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.history.RunComparison;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;

/** The runs list, the overlay of ticked runs and "Compare with…", without the toolkit. */
class RunHistoryViewModelTest {
    private static final List<String> CLASSES = List.of("a", "b");
    private static final Evaluation WEAKER = new Evaluation(CLASSES, new int[][] {{4, 1}, {2, 3}});
    private static final Evaluation BETTER = new Evaluation(CLASSES, new int[][] {{5, 0}, {1, 4}});

    private final ViewModelHarness harness = new ViewModelHarness(null);
    private final ProjectViewModel project = harness.project;

    @Test
    void tickedRunsAreOverlaidOneSeriesPerRunNamedAfterIt() {
        record(new TrainingConfig(5, 32, 0.01, 42), 5, WEAKER);
        record(new TrainingConfig(3, 16, 0.1, 42), 3, BETTER);
        record(new TrainingConfig(2, 16, 0.1, 42), 2, BETTER);
        RunsViewModel runs = harness.viewModels.train().runs();
        assertThat(runs.rows()).extracting(row -> row.run().name()).containsExactly("Run 1", "Run 2", "Run 3");
        assertThat(runs.rows().get(0).finalMetricText()).isEqualTo("0.750");
        assertThat(runs.rows().get(0).outcomeText()).isEqualTo("completed");

        runs.setTicked(1, true);
        runs.setTicked(3, true);
        harness.pumpUntil("two runs are overlaid", Duration.ofSeconds(10),
                () -> runs.lossOverlay().getSeriesCount() == 2);

        assertThat(runs.lossOverlay().getSeries(0).getKey()).isEqualTo("Run 1");
        assertThat(runs.lossOverlay().getSeries(1).getKey()).isEqualTo("Run 3");
        assertThat(runs.lossOverlay().getSeries(0).getItemCount()).isEqualTo(5);
        assertThat(runs.metricOverlay().getSeries(1).getItemCount()).isEqualTo(2);
        assertThat(runs.metricOverlay().getSeries(0).getY(4).doubleValue()).isEqualTo(0.75);

        runs.setTicked(1, false);
        harness.pumpUntil("one run is left", Duration.ofSeconds(10), () -> runs.lossOverlay().getSeriesCount() == 1);
        assertThat(runs.lossOverlay().getSeries(0).getKey()).isEqualTo("Run 3");
    }

    @Test
    void aLongRunIsThinnedButKeepsItsLastEpoch() {
        record(new TrainingConfig(5000, 32, 0.01, 42), 5000, WEAKER);
        RunsViewModel runs = harness.viewModels.train().runs();
        runs.setTicked(1, true);
        harness.pumpUntil("the run is overlaid", Duration.ofSeconds(10), () -> runs.lossOverlay().getSeriesCount() == 1);
        var series = runs.lossOverlay().getSeries(0);
        assertThat(series.getItemCount()).isLessThanOrEqualTo(RunsViewModel.MAX_POINTS_PER_RUN + 1);
        assertThat(series.getMaxX()).isEqualTo(5000);
    }

    @Test
    void comparesTheShownRunWithAnEarlierOneOfTheSameKind() {
        RunComparisonViewModel comparison = harness.viewModels.evaluate().comparison();
        record(new TrainingConfig(5, 32, 0.01, 42), 5, WEAKER);
        recordRegression();
        project.evaluationProperty().set(BETTER);
        record(new TrainingConfig(3, 16, 0.1, 42), 3, BETTER);

        assertThat(comparison.choices()).extracting(run -> run.name()).containsExactly("Run 1");
        assertThat(comparison.hintProperty().get()).startsWith("Pick an earlier run");
        comparison.compareWith(1);

        assertThat(comparison.otherRunNameProperty().get()).isEqualTo("Run 1");
        assertThat(comparison.shownRunNameProperty().get()).isEqualTo("Run 3 (shown)");
        RunComparison.Row accuracy = comparison.rows().get(0);
        assertThat(accuracy.metric()).isEqualTo("Accuracy");
        assertThat(accuracy.first()).isEqualTo(0.7);
        assertThat(accuracy.second()).isEqualTo(0.9);
        assertThat(accuracy.verdict()).isEqualTo(1);
        assertThat(RunComparisonViewModel.formatDifference(accuracy.difference())).isEqualTo("+0.200");
        assertThat(comparison.rows()).extracting(RunComparison.Row::metric).contains("F1 of a", "F1 of b");

        // A new run clears the shown evaluation: nothing to compare until it is measured.
        project.evaluationProperty().set(null);
        assertThat(comparison.choices()).isEmpty();
        assertThat(comparison.rows()).isEmpty();
    }

    private void record(TrainingConfig config, int epochs, Evaluation evaluation) {
        List<EpochEnded> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            history.add(new EpochEnded(epoch, epochs, 1.0 / epoch, evaluation.accuracy(), 1.2 / epoch,
                    evaluation.accuracy() + 0.05, 100, epoch * 10L));
        }
        project.recordRun(Instant.now(), config, NetworkGraph.defaultGraph(),
                new TrainingResult(null, history, Outcome.COMPLETED, "", 100, "CPU"), evaluation, null);
    }

    private void recordRegression() {
        EpochEnded epoch = new EpochEnded(1, 1, 0.5, Double.NaN, 0.6, Double.NaN, 100, 10, 0.01, 0, 0.3, 0.4);
        project.recordRun(Instant.now(), new TrainingConfig(1, 8, 0.01, 1), NetworkGraph.defaultGraph(),
                new TrainingResult(null, List.of(epoch), Outcome.COMPLETED, "", 100, "CPU"), null,
                new RegressionEvaluation(0.4, 0.5, 0.7, 10));
    }
}
