package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.BestEpochKept;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.LearningRateChanged;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;

/** Early stopping keeps the best epoch; pausing keeps the optimizer state; a new learning rate applies at resume. */
class EarlyStoppingAndControlTest {

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestEpochsNetwork() {
        PreparedData data = IrisFixture.prepared();
        TrainingConfig config = new TrainingConfig(200, 16, 0.05, 42).withEarlyStopping(EarlyStopping.onValidationLoss(3));
        RecordingListener events = new RecordingListener();

        TrainingResult result = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, events, null);

        EpochEnded best = result.history().stream().min(Comparator.comparingDouble(EpochEnded::validationLoss))
                .orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.epochsCompleted()).isLessThan(200).isEqualTo(best.epoch() + 3);
        assertThat(result.bestEpoch()).isEqualTo(best.epoch());
        assertThat(result.message()).startsWith("Stopped early after " + result.epochsCompleted() + " epochs: the "
                + "validation loss did not improve for 3 epochs.").contains("Kept the network of epoch " + best.epoch());
        // The model handed back is the best epoch's, not the last one's.
        assertThat(crossEntropy(result, data.validationTable())).isCloseTo(best.validationLoss(), within(1e-5));
        assertThat(best.validationLoss()).isLessThan(result.history().get(result.epochsCompleted() - 1).validationLoss());
        assertThat(events.all(BestEpochKept.class)).containsExactly(
                new BestEpochKept(best.epoch(), "validation loss", best.validationLoss()));
        assertThat(events.events.get(events.size() - 2)).isInstanceOf(BestEpochKept.class);
    }

    @Test
    void earlyStoppingOnAccuracyWatchesTheTrainingSplitWhenThereIsNoValidation() {
        TrainingConfig config = new TrainingConfig(100, 16, 0.05, 42)
                .withEarlyStopping(new EarlyStopping(EarlyStopping.Metric.VAL_ACCURACY, 2));

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.withoutValidation(), NetworkGraph.defaultGraph(),
                config, null, null);

        double bestAccuracy = result.history().stream().mapToDouble(EpochEnded::trainAccuracy).max().orElseThrow();
        assertThat(result.history().get(result.bestEpoch() - 1).trainAccuracy()).isEqualTo(bestAccuracy);
        assertThat(result.message()).contains("training accuracy (there are no validation rows)");
    }

    @Test
    void pausingAndResumingEndsWithTheSameParametersAsAnUninterruptedRun() {
        PreparedData data = IrisFixture.prepared();
        TrainingConfig config = new TrainingConfig(3, 16, 0.01, 5);
        TrainingResult uninterrupted = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, null, null);
        RunControl control = new RunControl();

        TrainingResult paused = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config,
                pauseAt(control, 2, 3, Double.NaN), control);

        assertThat(paused.outcome()).isEqualTo(Outcome.COMPLETED);
        CheckpointAndResumeTest.assertSameHistory(paused.history(), uninterrupted.history());
        CheckpointAndResumeTest.assertSameParameters(paused, uninterrupted);
    }

    @Test
    void aLearningRateSetWhilePausedAppliesFromTheNextMinibatchAndIsReported() {
        PreparedData data = IrisFixture.prepared();
        TrainingConfig config = new TrainingConfig(3, 16, 0.01, 5);
        RunControl control = new RunControl();
        RecordingListener events = pauseAt(control, 2, 3, 0.002);

        TrainingResult result = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, events, control);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(events.all(LearningRateChanged.class)).containsExactly(
                new LearningRateChanged(2, 7 + 3, 0.01, 0.002));
        List<IterationDone> iterations = events.all(IterationDone.class);
        assertThat(iterations.subList(0, 10)).allSatisfy(done -> assertThat(done.learningRate()).isEqualTo(0.01));
        assertThat(iterations.subList(10, iterations.size()))
                .allSatisfy(done -> assertThat(done.learningRate()).isCloseTo(0.002, within(1e-12)));
        assertThat(events.all(EpochEnded.class).get(2).learningRate()).isCloseTo(0.002, within(1e-12));
        // The change is in the model that is handed back, so a checkpoint or a saved model keeps it.
        assertThat(((Dl4jModel) result.model()).network().getLearningRate("output_1")).isCloseTo(0.002, within(1e-12));
        int changedAt = events.events.indexOf(events.all(LearningRateChanged.class).get(0));
        assertThat(events.events.get(changedAt - 1)).isEqualTo(iterations.get(9));
    }

    @Test
    void eventsCarryAnEstimateOfTheTimeLeftThatReachesZero() {
        RecordingListener events = new RecordingListener();
        new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(), new TrainingConfig(3, 16, 0.01, 5),
                events, null);

        List<EpochEnded> epochs = events.all(EpochEnded.class);
        assertThat(epochs.get(0).remainingSeconds()).isFinite().isPositive();
        assertThat(epochs.get(2).remainingSeconds()).isZero();
        assertThat(events.all(IterationDone.class)).allSatisfy(done ->
                assertThat(done.remainingSeconds()).isNotNegative());
    }

    @Test
    void layerDistributionsCountEveryWeightAndActivationAtTheLayerStatsMoments() {
        RecordingListener events = new RecordingListener();
        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(6, 16, 0.01, 5), events, null);

        List<TrainingEvent.LayerDistributions> distributions = events.all(TrainingEvent.LayerDistributions.class);
        assertThat(distributions).extracting(TrainingEvent.LayerDistributions::globalIteration)
                .containsOnly(1L, 21L, 41L);
        assertThat(distributions).hasSize(3 * 3);
        assertThat(distributions).extracting(TrainingEvent.LayerDistributions::layer)
                .containsOnly("dense_1", "dense_2", "output_1");
        org.deeplearning4j.nn.graph.ComputationGraph network = ((Dl4jModel) result.model()).network();
        assertThat(distributions).allSatisfy(d -> {
            org.nd4j.linalg.api.ndarray.INDArray weights = network.getLayer(d.layer()).getParam("W");
            assertThat(d.weightHistogram().counts()).hasSize(org.layerlab.core.train.Histogram.BINS);
            assertThat(d.weightHistogram().total()).isEqualTo(weights.length());
            assertThat(d.weightHistogram().min()).isLessThan(d.weightHistogram().max());
            long outputs = weights.size(1);
            long activations = d.activationHistogram().total();
            assertThat(activations % outputs).isZero();
            assertThat(activations / outputs).isBetween(1L, 16L);
            assertThat(d.activationStd()).isNotNegative();
            assertThat(d.activationMean()).isBetween(d.activationHistogram().min(), d.activationHistogram().max());
        });
        // The softmax output's activations are probabilities.
        assertThat(distributions).filteredOn(d -> d.layer().equals("output_1")).allSatisfy(d -> {
            assertThat(d.activationHistogram().min()).isNotNegative();
            assertThat(d.activationHistogram().max()).isLessThanOrEqualTo(1.0);
        });
        // Each one follows its layer's LayerStats, so a listener sees the two together.
        int first = events.events.indexOf(distributions.get(0));
        assertThat(events.events.get(first - 1)).isInstanceOf(TrainingEvent.LayerStats.class);
    }

    @Test
    void layerStatsReportEachLayersUpdateRatioEveryFewIterations() {
        RecordingListener events = new RecordingListener();
        new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(), new TrainingConfig(12, 16, 0.01, 5),
                events, null);

        List<TrainingEvent.LayerStats> stats = events.all(TrainingEvent.LayerStats.class);
        int measured = (12 * 7 + Dl4jTrainer.LAYER_STATS_EVERY - 1) / Dl4jTrainer.LAYER_STATS_EVERY;
        assertThat(stats).hasSize(3 * measured);
        assertThat(stats).extracting(TrainingEvent.LayerStats::layer).containsOnly("dense_1", "dense_2", "output_1");
        assertThat(stats).extracting(TrainingEvent.LayerStats::globalIteration).containsOnly(1L, 21L, 41L, 61L, 81L);
        // Adam at 0.01 on standardized iris moves each layer by roughly a thousandth to a hundredth per step.
        assertThat(stats.subList(3, stats.size())).allSatisfy(s -> {
            assertThat(s.updateRatio()).isBetween(1e-4, 5e-2);
            assertThat(s.meanAbsParameter()).isPositive();
        });
        // The doctor finds nothing wrong with the learning rate or the size of the steps in this healthy run.
        org.layerlab.core.train.TrainingDoctor doctor = new org.layerlab.core.train.TrainingDoctor();
        events.events.forEach(doctor::on);
        assertThat(doctor.hints()).extracting(org.layerlab.core.train.TrainingDoctor.Hint::kind)
                .doesNotContain(org.layerlab.core.train.TrainingDoctor.Kind.LEARNING_RATE_TOO_HIGH,
                        org.layerlab.core.train.TrainingDoctor.Kind.LEARNING_RATE_TOO_LOW,
                        org.layerlab.core.train.TrainingDoctor.Kind.UPDATES_TOO_LARGE,
                        org.layerlab.core.train.TrainingDoctor.Kind.UPDATES_TOO_SMALL);
    }

    @Test
    void theDoctorCatchesATooHighLearningRateInARealRun() {
        RecordingListener events = new RecordingListener();
        new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(15, 16, 0.5, 5).withOptimizer(org.layerlab.core.train.Optimizer.NESTEROV), events,
                null);

        org.layerlab.core.train.TrainingDoctor doctor = new org.layerlab.core.train.TrainingDoctor();
        events.events.forEach(doctor::on);

        // The rising loss first; then the harm the big steps did: every unit of dense_2 outputs 0 from about the
        // third measurement on (a dead ReLU layer, so the network answers the same for every row).
        assertThat(doctor.hints()).extracting(org.layerlab.core.train.TrainingDoctor.Hint::kind)
                .containsExactly(org.layerlab.core.train.TrainingDoctor.Kind.LEARNING_RATE_TOO_HIGH,
                        org.layerlab.core.train.TrainingDoctor.Kind.DEAD_UNITS);
        assertThat(doctor.hints().get(1).message()).startsWith("100% of the units in layer 'dense_2'");
    }

    /**
     * A listener that pauses the run after minibatch {@code iteration} of {@code epoch}, and resumes it from
     * another thread once the trainer is really waiting, first asking for {@code newRate} unless it is NaN.
     */
    private static RecordingListener pauseAt(RunControl control, int epoch, int iteration, double newRate) {
        Thread trainingThread = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean();
        return new RecordingListener() {
            @Override
            public void on(TrainingEvent event) {
                super.on(event);
                if (event instanceof IterationDone it && it.epoch() == epoch && it.iteration() == iteration
                        && !done.getAndSet(true)) {
                    control.pause();
                    Thread resumer = new Thread(() -> {
                        while (trainingThread.getState() != Thread.State.WAITING) {
                            Thread.onSpinWait();
                        }
                        if (!Double.isNaN(newRate)) {
                            control.requestLearningRate(newRate);
                        }
                        control.resume();
                    });
                    resumer.setDaemon(true);
                    resumer.start();
                }
            }
        };
    }

    private static double crossEntropy(TrainingResult result, EncodedSet split) {
        float[][] probabilities = result.model().predictProbabilities(split);
        double sum = 0;
        for (int row = 0; row < split.rows(); row++) {
            sum -= Math.log(Math.max(probabilities[row][split.labels()[row]], 1e-10));
        }
        return sum / split.rows();
    }
}
