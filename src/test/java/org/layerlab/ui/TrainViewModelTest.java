package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.train.Trainer;

/** The Train step's view model with a scripted trainer: events into charts, outcomes into words. */
class TrainViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aCompletedRunFillsTheChartsAndTheEvaluation() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(4));
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("3");

        train.train();
        assertThat(harness.project.trainingRunningProperty().get()).isTrue();
        assertThat(train.trainDisabledProperty().get()).isTrue();
        assertThat(train.stopDisabledProperty().get()).isFalse();
        assertThat(harness.ticker.running).isTrue();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        // The charts still waiting for their last points are drawn one per pulse (loss, accuracy, layers and the two
        // histograms at most), then the ticker rests.
        assertThat(harness.ticker.tickUntilStopped(10)).isLessThanOrEqualTo(5);
        assertThat(harness.ticker.running).isFalse();
        assertThat(train.lossData().getSeries(0).getItemCount()).isEqualTo(12);
        assertThat(train.accuracyData().getSeries(0).getItemCount()).isEqualTo(3);
        assertThat(train.accuracyData().getSeries(1).getItemCount()).isEqualTo(3);
        assertThat(train.epochTextProperty().get()).isEqualTo("Epoch 3 / 3");
        assertThat(train.progressProperty().get()).isEqualTo(1.0);
        assertThat(train.runStatusProperty().get()).isEqualTo("Finished 3 epochs.");
        assertThat(train.testAccuracyTextProperty().get()).isEqualTo("Test accuracy: 1.000");
        assertThat(harness.project.evaluationProperty().get().total())
                .isEqualTo(harness.project.getExperiment().split().test().length);
        assertThat(harness.viewModels.evaluate().accuracyTextProperty().get()).isEqualTo("1.000");
        assertThat(harness.viewModels.evaluate().classMetrics()).hasSize(3);
        assertThat(train.trainDisabledProperty().get()).isFalse();
        assertThat(train.stopDisabledProperty().get()).isTrue();
    }

    @Test
    void eventsAreDrainedInBatchesAndLongRunsAreThinnedOut() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(10));
        TrainViewModel train = harness.viewModels.train();
        // 1,000 epochs × 10 iterations: 10,000 losses, plotted as at most 2,000 block averages.
        train.epochsTextProperty().set("1000");
        train.train();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        int points = train.lossData().getSeries(0).getItemCount();
        assertThat(points).isLessThanOrEqualTo(TrainViewModel.MAX_LOSS_POINTS).isGreaterThan(1_000);
        assertThat(train.lossData().getSeries(0).getX(points - 1).longValue()).isEqualTo(10_000);
        assertThat(train.accuracyData().getSeries(0).getItemCount()).isEqualTo(1_000);
    }

    @Test
    void theTrainButtonExplainsWhatIsWrongWithTheNetworkAndWorksAgainOnceFixed() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(4));
        TrainViewModel train = harness.viewModels.train();
        NetworkGraph good = harness.project.networkProperty().get();
        assertThat(train.trainDisabledProperty().get()).isFalse();

        // Output set to 2 units while iris has 3 species (as a canvas edit would).
        NodeId output = good.nodesOfKind(LayerKind.OUTPUT).get(0).id();
        harness.project.networkProperty().set(good.withSpec(output, new OutputSpec(2, OutputActivation.SOFTMAX)));

        assertThat(train.trainDisabledProperty().get()).isTrue();
        assertThat(train.blockedReasonProperty().get()).isEqualTo("The network cannot train yet (step 2, Network): "
                + "Output has 2 units but the data has 3 classes: it needs one unit per class.");

        harness.project.networkProperty().set(good);
        assertThat(train.trainDisabledProperty().get()).isFalse();
        assertThat(train.blockedReasonProperty().get()).isEmpty();
    }

    @Test
    void aFailedRunShowsItsMessage() {
        ViewModelHarness harness = loadedIris(FakeTrainer.failing());
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("2");

        train.train();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        assertThat(train.runStateProperty().get()).isEqualTo(TrainViewModel.RunState.FAILED);
        assertThat(train.runStatusProperty().get()).contains("The loss became NaN");
        assertThat(harness.project.errorProperty().get()).contains("The loss became NaN");
        assertThat(harness.project.statusProperty().get()).isEqualTo("Training failed.");
        assertThat(train.testAccuracyTextProperty().get()).isEmpty();
        assertThat(harness.project.evaluationProperty().get()).isNull();
        assertThat(train.trainDisabledProperty().get()).isFalse();
    }

    @Test
    void stopEndsTheRunAndKeepsTheModelAsItStood() {
        ViewModelHarness harness = loadedIris(FakeTrainer.untilStopped());
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("100000");
        train.train();
        harness.pumpUntil("a few epochs are done", WAIT, () -> {
            harness.ticker.tick();
            return train.accuracyData().getSeries(0).getItemCount() >= 2;
        });

        train.stop();
        assertThat(train.stopDisabledProperty().get()).isTrue();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        assertThat(train.runStateProperty().get()).isEqualTo(TrainViewModel.RunState.STOPPED);
        assertThat(train.runStatusProperty().get()).startsWith("Stopped after").contains("of 100000 epochs");
        assertThat(harness.project.statusProperty().get()).contains("stopped");
        assertThat(harness.project.evaluationProperty().get()).isNotNull();
        assertThat(train.trainDisabledProperty().get()).isFalse();
        assertThat(harness.ticker.tickUntilStopped(10)).isLessThanOrEqualTo(5);
        assertThat(harness.ticker.running).isFalse();
    }

    @Test
    void trainSaysWhyItIsOff() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(1));
        TrainViewModel train = harness.viewModels.train();
        assertThat(train.trainDisabledProperty().get()).isTrue();
        assertThat(train.blockedReasonProperty().get()).contains("Open a data file first");

        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> harness.project.getExperiment() != null);
        assertThat(train.blockedReasonProperty().get()).isEmpty();

        train.epochsTextProperty().set("many");
        assertThat(train.blockedReasonProperty().get()).contains("Epochs must be a whole number");
        assertThat(train.invalidFieldProperty().get()).isEqualTo(TrainViewModel.Field.EPOCHS);
        assertThat(train.trainDisabledProperty().get()).isTrue();

        train.epochsTextProperty().set("0");
        assertThat(train.blockedReasonProperty().get()).startsWith("Epochs must be between 1 and");
        train.epochsTextProperty().set("20");
        train.learningRateTextProperty().set("0,05");
        assertThat(train.blockedReasonProperty().get()).isEmpty();
        assertThat(harness.project.getProject().training().learningRate()).isEqualTo(0.05);
        train.learningRateTextProperty().set("-1");
        assertThat(train.blockedReasonProperty().get()).contains("learning rate");
        assertThat(train.invalidFieldProperty().get()).isEqualTo(TrainViewModel.Field.LEARNING_RATE);
        train.learningRateTextProperty().set("0.01");
        train.batchSizeTextProperty().set("0");
        assertThat(train.invalidFieldProperty().get()).isEqualTo(TrainViewModel.Field.BATCH_SIZE);
        train.batchSizeTextProperty().set("16");
        train.seedTextProperty().set("x");
        assertThat(train.invalidFieldProperty().get()).isEqualTo(TrainViewModel.Field.SEED);
        train.seedTextProperty().set("1");
        assertThat(train.trainDisabledProperty().get()).isFalse();
        assertThat(harness.project.getProject().training())
                .isEqualTo(new org.layerlab.core.train.TrainingConfig(20, 16, 0.01, 1));
    }

    @Test
    void noBackendMeansNoTraining() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(1));
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> harness.project.getExperiment() != null);
        ProjectViewModel broken = new ProjectViewModel(Runnable::run, harness.uiQueue::add,
                () -> new org.layerlab.core.train.BackendInfo("none", "", "The native library could not load."),
                () -> FakeTrainer.completing(1), null);
        TrainViewModel train = new TrainViewModel(broken, task -> harness.ticker);
        broken.detectBackend();
        harness.pumpUntil("the backend is known", WAIT, () -> broken.backendProperty().get() != null);
        broken.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> broken.getExperiment() != null);

        assertThat(train.blockedReasonProperty().get()).contains("not possible on this computer")
                .contains("native library");
    }

    @Test
    void theTrainingOptionsAreEditedIntoTheProjectsSettings() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(1));
        TrainViewModel train = harness.viewModels.train();

        train.optimizerProperty().set(org.layerlab.core.train.Optimizer.RMSPROP);
        train.scheduleKindProperty().set(org.layerlab.core.train.LearningRateSchedule.Kind.STEP);
        train.warmupTextProperty().set("2");
        train.l2TextProperty().set("0.0001");
        train.clipTextProperty().set("1");
        train.patienceTextProperty().set("5");
        train.earlyStoppingMetricProperty().set(org.layerlab.core.train.EarlyStopping.Metric.VAL_ACCURACY);
        train.weightInitProperty().set(org.layerlab.core.graph.WeightInit.XAVIER);
        train.epochsTextProperty().set("40");

        org.layerlab.core.train.TrainingConfig config = harness.project.trainingProperty().get();
        assertThat(config.epochs()).isEqualTo(40);
        assertThat(config.optimizer()).isEqualTo(org.layerlab.core.train.Optimizer.RMSPROP);
        assertThat(config.schedule()).isEqualTo(org.layerlab.core.train.LearningRateSchedule.step(0.5, 10)
                .withWarmup(2));
        assertThat(config.l2()).isEqualTo(0.0001);
        assertThat(config.gradientClip()).isEqualTo(1);
        assertThat(config.earlyStopping()).isEqualTo(new org.layerlab.core.train.EarlyStopping(
                org.layerlab.core.train.EarlyStopping.Metric.VAL_ACCURACY, 5));
        assertThat(config.weightInit()).isEqualTo(org.layerlab.core.graph.WeightInit.XAVIER);

        train.l2TextProperty().set("lots");
        assertThat(train.invalidFieldProperty().get()).isEqualTo(TrainViewModel.Field.L2);
        assertThat(train.configProblemProperty().get()).isEqualTo("L2 must be a number, like 0.0001 (0 = off).");
        train.l2TextProperty().set("3");
        assertThat(train.invalidFieldProperty().get()).isEqualTo(TrainViewModel.Field.L2);
        assertThat(train.configProblemProperty().get()).startsWith("L2 must be 0 (off) or a small positive number");
        train.l2TextProperty().set("0");
        assertThat(train.invalidFieldProperty().get()).isNull();
        assertThat(harness.project.trainingProperty().get().optimizer())
                .isEqualTo(org.layerlab.core.train.Optimizer.RMSPROP);
    }

    @Test
    void pauseHoldsTheRunAndANewLearningRateIsAskedForAtResume() {
        ViewModelHarness harness = loadedIris(FakeTrainer.untilStopped());
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("100000");
        train.train();
        harness.pumpUntil("a few epochs are done", WAIT, () -> {
            harness.ticker.tick();
            return train.accuracyData().getSeries(0).getItemCount() >= 1;
        });

        train.pause();
        assertThat(train.pausedProperty().get()).isTrue();
        assertThat(train.runStatusProperty().get()).startsWith("Paused");
        train.liveLearningRateTextProperty().set("-3");
        train.resume();
        assertThat(train.pausedProperty().get()).as("an impossible rate keeps the run paused").isTrue();
        assertThat(train.liveLearningRateProblemProperty().get()).contains("small positive number");
        train.liveLearningRateTextProperty().set("0.002");
        train.resume();
        assertThat(train.pausedProperty().get()).isFalse();
        assertThat(train.liveLearningRateProblemProperty().get()).isEmpty();

        train.stop();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());
        assertThat(train.pausedProperty().get()).isFalse();
    }

    private static ViewModelHarness loadedIris(Trainer trainer) {
        ViewModelHarness harness = new ViewModelHarness(trainer);
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> harness.project.getExperiment() != null);
        return harness;
    }
}
