package org.layerlab.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;

/** Runs written to a project's runs folder and read back, and what happens to files that cannot be read. */
class RunStoreTest {
    private static final Instant START = Instant.parse("2026-11-27T20:00:00.123Z");
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

    @TempDir
    Path folder;

    @Test
    void theRunsFolderSitsBesideTheProjectFile() {
        assertThat(RunStore.folderFor(folder.resolve("flowers.layerlab.json")))
                .isEqualTo(folder.resolve("flowers.runs").toAbsolutePath());
        assertThat(RunStore.fileName(3)).isEqualTo("run-0003.json");
    }

    @Test
    void aClassificationRunComesBackWithItsSettingsCurvesOutcomeAndMetrics() throws Exception {
        TrainingConfig config = new TrainingConfig(4, 16, 0.003, 7).withOptimizer(Optimizer.SGD)
                .withSchedule(new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.5, 2, 1))
                .withRegularization(0, 0.0001).withGradientClip(1.5)
                .withEarlyStopping(new EarlyStopping(EarlyStopping.Metric.VAL_ACCURACY, 3));
        Evaluation evaluation = new Evaluation(CLASSES, new int[][] {{5, 0, 0}, {0, 4, 1}, {0, 2, 3}});
        RunHistory history = new RunHistory();
        RunRecord run = history.add(START, config, NetworkGraph.mlp(List.of(4, 16, 3), Activation.RELU),
                result(Outcome.STOPPED, 4, false), evaluation, null);

        RunStore.save(run, folder);
        RunStore.Loaded loaded = RunStore.load(folder);

        assertThat(loaded.notes()).isEmpty();
        RunRecord back = loaded.runs().get(0);
        assertThat(back.number()).isEqualTo(1);
        assertThat(back.started()).isEqualTo(START);
        assertThat(back.config()).isEqualTo(config);
        assertThat(back.network()).isEqualTo(run.network()).isNotBlank();
        assertThat(back.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(back.settingsSummary()).isEqualTo(run.settingsSummary());
        assertThat(back.evaluation().classes()).isEqualTo(CLASSES);
        assertThat(back.evaluation().confusion()).isDeepEqualTo(evaluation.confusion());
        assertThat(back.regression()).isNull();
        assertThat(back.epochs()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            EpochEnded saved = run.epochs().get(i);
            EpochEnded read = back.epochs().get(i);
            assertThat(read.epoch()).isEqualTo(saved.epoch());
            assertThat(read.epochs()).isEqualTo(saved.epochs());
            assertThat(read.trainLoss()).isEqualTo(saved.trainLoss());
            assertThat(read.trainAccuracy()).isEqualTo(saved.trainAccuracy());
            assertThat(read.validationLoss()).isEqualTo(saved.validationLoss());
            assertThat(read.validationAccuracy()).isEqualTo(saved.validationAccuracy());
            assertThat(read.learningRate()).isEqualTo(saved.learningRate());
            assertThat(read.elapsedMillis()).isEqualTo(saved.elapsedMillis());
            assertThat(read.isRegression()).isFalse();
        }
        assertThat(back.finalValidationMetric()).isEqualTo(run.finalValidationMetric());
    }

    @Test
    void aRegressionRunComesBackWithItsErrors() throws Exception {
        RunHistory history = new RunHistory();
        RunRecord run = history.add(START, new TrainingConfig(3, 8, 0.01, 1), NetworkGraph.defaultGraph(),
                result(Outcome.COMPLETED, 3, true), null, new RegressionEvaluation(0.4, 0.5, 0.7, 10));

        RunStore.save(run, folder);
        RunRecord back = RunStore.load(folder).runs().get(0);

        assertThat(back.isRegression()).isTrue();
        assertThat(back.regression()).isEqualTo(run.regression());
        assertThat(back.epochs().get(2).validationMeanAbsoluteError())
                .isEqualTo(run.epochs().get(2).validationMeanAbsoluteError());
        assertThat(back.epochs().get(2).validationAccuracy()).isNaN();
    }

    @Test
    void aDamagedOrNewerFileIsLeftOutWithAPlainNoteAndTheOthersLoad() throws Exception {
        RunHistory history = new RunHistory();
        for (int i = 0; i < 3; i++) {
            RunStore.save(history.add(START, new TrainingConfig(2, 8, 0.01, 1), NetworkGraph.defaultGraph(),
                    result(Outcome.COMPLETED, 2, false), null, null), folder);
        }
        // A crash in the middle of a copy, and a file from a later LayerLab.
        Path second = folder.resolve("run-0002.json");
        byte[] whole = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path third = folder.resolve("run-0003.json");
        Files.writeString(third, Files.readString(third).replace("\"version\":1", "\"version\":99"),
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("notes.txt"), "not a run");
        Files.writeString(folder.resolve(".run-0004.json.123.tmp"), "{");

        RunStore.Loaded loaded = RunStore.load(folder);

        assertThat(loaded.runs()).extracting(RunRecord::name).containsExactly("Run 1");
        assertThat(loaded.notes()).containsExactly(
                "The saved run run-0002.json could not be read and is left out (it is damaged or was cut short).",
                "The saved run run-0003.json was written by a newer LayerLab and is left out; update LayerLab to "
                        + "see it.");

        // A run added after loading never takes the number of one left out.
        RunHistory reopened = new RunHistory();
        assertThat(loaded.highestNumber()).isEqualTo(3);
        reopened.replaceWith(loaded.runs(), loaded.highestNumber());
        RunRecord next = reopened.add(START, new TrainingConfig(2, 8, 0.01, 1), NetworkGraph.defaultGraph(),
                result(Outcome.COMPLETED, 2, false), null, null);
        assertThat(next.number()).isEqualTo(4);
        assertThat(reopened.find(1)).isPresent();
        assertThat(reopened.find(2)).isEmpty();
        assertThat(reopened.find(4)).contains(next);
    }

    @Test
    void aMissingFolderHasNoRunsAndNoNotes() {
        RunStore.Loaded loaded = RunStore.load(folder.resolve("never.runs"));
        assertThat(loaded.runs()).isEmpty();
        assertThat(loaded.notes()).isEmpty();
    }

    @Test
    void aVeryLongRunIsThinnedButKeepsItsLastEpochAndStaysSmall() throws Exception {
        RunHistory history = new RunHistory();
        RunRecord run = history.add(START, new TrainingConfig(20_000, 8, 0.01, 1), NetworkGraph.defaultGraph(),
                result(Outcome.COMPLETED, 20_000, false), null, null);

        Path file = RunStore.save(run, folder);
        RunRecord back = RunStore.read(file);

        assertThat(back.epochs()).hasSizeLessThanOrEqualTo(RunStore.MAX_SAVED_EPOCHS).hasSizeGreaterThan(900);
        assertThat(back.epochs().get(back.epochs().size() - 1).epoch()).isEqualTo(20_000);
        assertThat(back.finalValidationMetric()).isEqualTo(run.finalValidationMetric());
        assertThat(Files.size(file)).isLessThan(300_000);
    }

    private static TrainingResult result(Outcome outcome, int epochs, boolean regression) {
        List<EpochEnded> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = 1.0 / epoch + epoch * 1e-7;
            history.add(regression
                    ? new EpochEnded(epoch, epochs, loss, Double.NaN, loss * 1.1, Double.NaN, 250.5, epoch * 11L,
                    0.01, 3.0, loss / 2, loss / 1.5)
                    : new EpochEnded(epoch, epochs, loss, 1 - loss / 3, loss * 1.2, 1 - loss / 2.5, 250.5,
                    epoch * 11L, 0.01 / epoch, 3.0, Double.NaN, Double.NaN));
        }
        return new TrainingResult(null, history, outcome, "", 100, "CPU");
    }
}
