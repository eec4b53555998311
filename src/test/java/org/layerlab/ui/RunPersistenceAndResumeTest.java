package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.history.RunRecord;
import org.layerlab.core.history.RunStore;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;

/**
 * The app's run history kept with the project across a restart, and "Resume from checkpoint" ending as a run that
 * never stopped: view models with real DL4J training on the iris sample.
 */
class RunPersistenceAndResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path folder;

    @Test
    void runsAreSavedWithTheProjectAndComeBackWhenItIsOpenedAgain() throws Exception {
        ViewModelHarness first = loadedIris();
        TrainViewModel train = first.viewModels.train();
        train.epochsTextProperty().set("2");
        // Trained before the project was ever saved: kept in memory, written by the first save.
        trainAndWait(first, 1);

        Path projectFile = folder.resolve("iris-study.layerlab.json");
        first.project.saveProject(projectFile);
        first.pumpUntil("the project is saved", WAIT, () -> first.project.projectFileProperty().get() != null);
        Path runsFolder = folder.resolve("iris-study.runs");
        assertThat(runsFolder.resolve("run-0001.json")).isRegularFile();

        train.learningRateTextProperty().set("0.05");
        trainAndWait(first, 2);
        assertThat(runsFolder.resolve("run-0002.json")).isRegularFile();
        assertThat(Files.size(runsFolder.resolve("run-0002.json"))).isLessThan(10_000);
        List<RunRecord> trained = first.project.runs();
        // A run file damaged by a crash elsewhere must not keep the others from loading.
        Files.writeString(runsFolder.resolve("run-0003.json"), "{\"format\":\"layerlab-run\",\"vers");

        // A fresh app opens the project.
        ViewModelHarness reopened = new ViewModelHarness(new Dl4jTrainer());
        RunsViewModel runs = reopened.viewModels.train().runs();
        reopened.project.openProject(projectFile);
        reopened.pumpUntil("the project's runs are listed", WAIT, () -> runs.rows().size() == 2);

        assertThat(runs.rows()).extracting(row -> row.run().name()).containsExactly("Run 1", "Run 2");
        for (int i = 0; i < 2; i++) {
            RunRecord before = trained.get(i);
            RunRecord after = runs.rows().get(i).run();
            assertThat(after.settingsSummary()).isEqualTo(before.settingsSummary());
            assertThat(after.config()).isEqualTo(before.config());
            assertThat(after.outcome()).isEqualTo(before.outcome());
            assertThat(after.evaluation().confusion()).isDeepEqualTo(before.evaluation().confusion());
            assertThat(runs.rows().get(i).finalMetricText()).isEqualTo(new RunsViewModel.Row(before).finalMetricText());
        }
        assertThat(runs.rows().get(1).run().settingsSummary()).contains("lr 0.05");
        assertThat(reopened.project.runsNoteProperty().get()).isEqualTo("The saved run run-0003.json could not be "
                + "read and is left out (it is damaged or was cut short).");
        assertThat(reopened.project.statusProperty().get()).startsWith("Opened project iris-study.layerlab.json")
                .endsWith("left out (it is damaged or was cut short).");

        runs.setTicked(1, true);
        runs.setTicked(2, true);
        reopened.pumpUntil("both runs are overlaid", WAIT, () -> runs.lossOverlay().getSeriesCount() == 2);
        assertThat(runs.lossOverlay().getSeries(0).getItemCount()).isEqualTo(2);
        assertThat(runs.metricOverlay().getSeries(1).getItemCount()).isEqualTo(2);

        // The next run continues the numbering (after the damaged file's number, which is never reused).
        reopened.viewModels.train().epochsTextProperty().set("1");
        trainAndWait(reopened, 3);
        assertThat(reopened.project.runs().get(2).name()).isEqualTo("Run 4");
        assertThat(runsFolder.resolve("run-0004.json")).isRegularFile();
        assertThat(Files.readString(runsFolder.resolve("run-0003.json"))).endsWith("\"vers");
    }

    @Test
    void resumingTakesTheCheckpointsSettingsAndEndsAsARunThatNeverStopped() {
        ViewModelHarness harness = loadedIris();
        harness.project.saveProject(folder.resolve("resume.layerlab.json"));
        harness.pumpUntil("the project is saved", WAIT, () -> harness.project.projectFileProperty().get() != null);
        TrainViewModel train = harness.viewModels.train();
        setForm(train, 2, 16, "0.01", 7);
        trainAndWait(harness, 1);
        harness.pumpUntil("the checkpoint is offered", WAIT, () -> train.resumableCheckpointProperty().get() != null);
        assertThat(train.resumeTextProperty().get()).contains("after epoch 2");

        // Different settings in the form; only the total number of epochs applies to the resumed run.
        setForm(train, 4, 32, "0.05", 7);
        train.resumeFromCheckpoint();
        waitForRun(harness, 2);
        List<EpochEnded> resumed = harness.project.trainingResultProperty().get().history();
        RunRecord resumedRun = harness.project.runs().get(1);
        assertThat(resumedRun.config()).isEqualTo(new TrainingConfig(4, 16, 0.01, 7));
        assertThat(train.runStatusProperty().get()).isEqualTo("Finished 4 epochs. The resumed run keeps its own "
                + "batch size 16 and learning rate 0.01; the form's apply to new runs.");

        setForm(train, 4, 16, "0.01", 7);
        trainAndWait(harness, 3);
        List<EpochEnded> straight = harness.project.trainingResultProperty().get().history();
        assertThat(train.runStatusProperty().get()).isEqualTo("Finished 4 epochs.");

        assertThat(resumed).hasSize(4);
        assertThat(straight).hasSize(4);
        for (int i = 0; i < 4; i++) {
            EpochEnded a = resumed.get(i);
            EpochEnded b = straight.get(i);
            assertThat(a.epoch()).isEqualTo(b.epoch());
            assertThat(a.trainLoss()).as("train loss of epoch %d", i + 1).isCloseTo(b.trainLoss(), within(1e-6));
            assertThat(a.validationLoss()).as("validation loss of epoch %d", i + 1)
                    .isCloseTo(b.validationLoss(), within(1e-6));
            assertThat(a.trainAccuracy()).isCloseTo(b.trainAccuracy(), within(1e-9));
            assertThat(a.validationAccuracy()).isCloseTo(b.validationAccuracy(), within(1e-9));
        }
        assertThat(harness.project.runs().get(1).evaluation().confusion())
                .isDeepEqualTo(harness.project.runs().get(2).evaluation().confusion());
    }

    @Test
    void theNoteNamesOnlyTheSettingsThatDiffer() {
        TrainingConfig kept = new TrainingConfig(4, 16, 0.01, 7);
        assertThat(TrainViewModel.resumedSettingsNote(kept, new TrainingConfig(9, 16, 0.01, 7))).isEmpty();
        assertThat(TrainViewModel.resumedSettingsNote(kept, new TrainingConfig(4, 16, 0.01, 8)))
                .isEqualTo("The resumed run keeps its own seed 7; the form's apply to new runs.");
        assertThat(TrainViewModel.resumedSettingsNote(kept, new TrainingConfig(4, 8, 0.1, 8)
                .withRegularization(0, 0.001)))
                .isEqualTo("The resumed run keeps its own batch size 16, learning rate 0.01, seed 7 and L2 off; the "
                        + "form's apply to new runs.");
    }

    private static ViewModelHarness loadedIris() {
        ViewModelHarness harness = new ViewModelHarness(new Dl4jTrainer());
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> harness.project.getExperiment() != null);
        return harness;
    }

    private static void setForm(TrainViewModel train, int epochs, int batch, String learningRate, long seed) {
        train.epochsTextProperty().set(String.valueOf(epochs));
        train.batchSizeTextProperty().set(String.valueOf(batch));
        train.learningRateTextProperty().set(learningRate);
        train.seedTextProperty().set(String.valueOf(seed));
    }

    private static void trainAndWait(ViewModelHarness harness, int runsAfter) {
        harness.viewModels.train().train();
        waitForRun(harness, runsAfter);
    }

    private static void waitForRun(ViewModelHarness harness, int runsAfter) {
        assertThat(harness.project.trainingRunningProperty().get()).as("the run started").isTrue();
        harness.pumpUntil("run " + runsAfter + " is recorded", WAIT, () -> harness.project.runs().size() == runsAfter);
    }
}
