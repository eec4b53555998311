package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
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

        // The charts still waiting for their last points are drawn one per pulse (here loss, accuracy and learning
        // rate: this scripted run measures no layers), then the ticker rests.
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

        // The smoothed loss and the learning rate are thinned alike: a point at the end of each block.
        XYSeries smoothed = train.lossData().getSeries(1);
        XYSeries rates = train.learningRateData().getSeries(0);
        assertThat(smoothed.getItemCount()).isEqualTo(points);
        assertThat(rates.getItemCount()).isEqualTo(points);
        assertThat(rates.getX(points - 1).longValue()).isEqualTo(10_000);
        // Smoothed over every minibatch (10,000 of them: a window of 100), not over the block averages drawn.
        double[] everyLoss = new double[10_000];
        for (int g = 1; g <= everyLoss.length; g++) {
            everyLoss[g - 1] = 1.0 / (g + 1);
        }
        double[] expected = tensorBoardSmoothing(everyLoss, 1 - 1.0 / 100);
        for (int i = 0; i < points; i++) {
            int iteration = smoothed.getX(i).intValue();
            assertThat(smoothed.getX(i)).isEqualTo(train.lossData().getSeries(0).getX(i));
            assertThat(smoothed.getY(i).doubleValue()).isCloseTo(expected[iteration - 1], within(1e-12));
        }
        // Each epoch's training and validation loss, one point per epoch, however long the run.
        assertThat(train.lossData().getSeries(2).getItemCount()).isEqualTo(1_000);
        assertThat(train.lossData().getSeries(3).getItemCount()).isEqualTo(1_000);
    }

    @Test
    void theLossChartShowsEachBatchItsSmoothedCurveAndEachEpochsTrainingAndValidationLoss() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(4));
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("3");
        train.train();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        XYSeriesCollection loss = train.lossData();
        assertThat(loss.getSeriesCount()).isEqualTo(4);
        assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(i -> loss.getSeriesKey(i).toString()))
                .containsExactly("per batch", "smoothed", "training per epoch", "validation per epoch");
        // 12 minibatches with loss 1/(g+1), each drawn (no thinning), and smoothed over 10 of them (weight 0.9).
        double[] raw = new double[12];
        for (int g = 1; g <= 12; g++) {
            raw[g - 1] = 1.0 / (g + 1);
        }
        double[] smoothed = tensorBoardSmoothing(raw, 0.9);
        assertThat(smoothed[0]).isEqualTo(0.5); // bias-corrected: the first smoothed value is the first loss
        for (int g = 1; g <= 12; g++) {
            assertThat(loss.getSeries(0).getX(g - 1).intValue()).isEqualTo(g);
            assertThat(loss.getSeries(0).getY(g - 1).doubleValue()).isCloseTo(raw[g - 1], within(1e-15));
            assertThat(loss.getSeries(1).getX(g - 1).intValue()).isEqualTo(g);
            assertThat(loss.getSeries(1).getY(g - 1).doubleValue()).isCloseTo(smoothed[g - 1], within(1e-12));
        }
        // The scripted epochs measure training loss 0.5/e and validation loss 0.6/e, drawn at each epoch's last batch.
        for (int e = 1; e <= 3; e++) {
            assertThat(loss.getSeries(2).getX(e - 1).intValue()).isEqualTo(4 * e);
            assertThat(loss.getSeries(2).getY(e - 1).doubleValue()).isCloseTo(0.5 / e, within(1e-15));
            assertThat(loss.getSeries(3).getX(e - 1).intValue()).isEqualTo(4 * e);
            assertThat(loss.getSeries(3).getY(e - 1).doubleValue()).isCloseTo(0.6 / e, within(1e-15));
        }

        // The CSV keeps its columns and adds the smoothed loss at the end: the same numbers as the chart.
        java.util.List<String[]> rows = train.curvesSnapshot().toCsv().lines().map(line -> line.split(",", -1)).toList();
        assertThat(String.join(",", rows.get(0))).isEqualTo("kind,iteration,epoch,loss,learning_rate,train_loss,"
                + "val_loss,train_accuracy,val_accuracy,smoothed_loss");
        java.util.List<String[]> iterations = rows.stream().filter(row -> row[0].equals("iteration")).toList();
        assertThat(iterations).hasSize(12);
        for (int g = 1; g <= 12; g++) {
            assertThat(Double.parseDouble(iterations.get(g - 1)[9])).isCloseTo(smoothed[g - 1], within(1e-7));
        }
        java.util.List<String[]> epochs = rows.stream().filter(row -> row[0].equals("epoch")).toList();
        assertThat(epochs.stream().mapToDouble(row -> Double.parseDouble(row[5])).toArray())
                .as("train_loss of each epoch").containsExactly(new double[] {0.5, 0.25, 0.5 / 3},
                        org.assertj.core.api.Assertions.offset(1e-7));
        assertThat(epochs).allSatisfy(row -> assertThat(row[9]).isEmpty());
    }

    @Test
    void theLearningRateChartShowsEachBatchsRateThroughAWarmUpAndAStepSchedule() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(4));
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("25");
        train.learningRateTextProperty().set("0.01");
        train.scheduleKindProperty().set(org.layerlab.core.train.LearningRateSchedule.Kind.STEP); // ×0.5 every 10
        train.warmupTextProperty().set("1");
        train.train();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        XYSeries rates = train.learningRateData().getSeries(0);
        assertThat(rates.getItemCount()).isEqualTo(100);
        for (int g = 1; g <= 100; g++) {
            int epoch = (g - 1) / 4 + 1;
            // Epoch 1 warms up over its 4 batches; then the rate halves every 10 epochs: epochs 12 and 22.
            double expected = epoch == 1 ? 0.01 * g / 4 : epoch <= 11 ? 0.01 : epoch <= 21 ? 0.005 : 0.0025;
            assertThat(rates.getX(g - 1).intValue()).isEqualTo(g);
            assertThat(rates.getY(g - 1).doubleValue()).as("batch %d", g).isCloseTo(expected, within(1e-12));
        }
        assertThat(harness.ticker.tickUntilStopped(10)).isLessThanOrEqualTo(5);
    }

    @Test
    void aLearningRateChangedWhilePausedIsDrawnFromTheNextBatchOnAndMarked() throws InterruptedException {
        FakeTrainer trainer = FakeTrainer.completing(5).holdingAfter(7);
        ViewModelHarness harness = loadedIris(trainer);
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("4");
        train.learningRateTextProperty().set("0.01");
        train.train();
        trainer.awaitHeld();

        train.pause();
        train.liveLearningRateTextProperty().set("0.002");
        train.resume();
        trainer.release();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        assertThat(train.learningRateMarks()).containsExactly(7.0);
        XYSeries rates = train.learningRateData().getSeries(0);
        assertThat(rates.getItemCount()).isEqualTo(20);
        for (int g = 1; g <= 20; g++) {
            assertThat(rates.getY(g - 1).doubleValue()).as("batch %d", g).isEqualTo(g <= 7 ? 0.01 : 0.002);
        }
        assertThat(train.curvesSnapshot().toCsv()).contains("\nlearning_rate_change,7,2,,0.0020000000,,,,,\n");
    }

    @Test
    void layerDetailSaysHowManyUnitsAreDeadAndTheDoctorExplainsIt() {
        ViewModelHarness harness = loadedIris(FakeTrainer.completing(4).withDeadUnits(0.75));
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("20");
        train.train();
        harness.pumpUntil("the run ends", WAIT, () -> !harness.project.trainingRunningProperty().get());

        assertThat(train.distributionLayerProperty().get()).isEqualTo("dense_1");
        assertThat(train.activationTextProperty().get()).isEqualTo("activations: mean 0.5 · std 0.4 · dead units 75%");
        assertThat(train.distributionsMeasuredTextProperty().get()).isEqualTo("Measured at iteration 61, on the "
                + "batch just fitted.");
        assertThat(train.hints()).singleElement().asString().startsWith("75% of the units in layer 'dense_1'");
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

    /** TensorBoard's smoothing, written out here as its docs give it, to check the app's against. */
    private static double[] tensorBoardSmoothing(double[] values, double weight) {
        double[] smoothed = new double[values.length];
        double last = 0;
        double debiasWeight = 0;
        for (int i = 0; i < values.length; i++) {
            last = last * weight + (1 - weight) * values[i];
            debiasWeight = debiasWeight * weight + (1 - weight);
            smoothed[i] = last / debiasWeight;
        }
        return smoothed;
    }
}
