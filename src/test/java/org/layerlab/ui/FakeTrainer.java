package org.layerlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.preprocess.ExampleSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainedModel;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;

/**
 * A trainer that reports a scripted run, for view-model tests without an engine. The loss of minibatch {@code g} (from
 * 1) is {@code 1 / (g + 1)}; its learning rate is the one the run's schedule gives (the trainer's rule,
 * {@link org.layerlab.core.train.LearningRateSchedule#rateAt}), or the one asked for through the run control from the
 * minibatch after the request on, reported with a {@link TrainingEvent.LearningRateChanged} as the real trainer does.
 */
final class FakeTrainer implements Trainer {
    private final int iterationsPerEpoch;
    private final boolean failAtEnd;
    private final boolean untilStopped;
    /** Reports layer distributions with this share of dead units every 20 minibatches; null for none. */
    private Double deadUnitFraction;
    /** Holds the run after this minibatch (global, from 1) until {@link #release()}; 0 for never. */
    private long holdAfter;
    private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private FakeTrainer(int iterationsPerEpoch, boolean failAtEnd, boolean untilStopped) {
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.failAtEnd = failAtEnd;
        this.untilStopped = untilStopped;
    }

    /** Also reports "dense_1"'s distributions, with {@code fraction} of its units dead, every 20 minibatches. */
    FakeTrainer withDeadUnits(double fraction) {
        deadUnitFraction = fraction;
        return this;
    }

    /**
     * Holds the run after minibatch {@code globalIteration} until the test calls {@link #release()}, so that it can
     * pause, change the learning rate and resume at a known place.
     */
    FakeTrainer holdingAfter(long globalIteration) {
        holdAfter = globalIteration;
        return this;
    }

    /** Waits until the run is held (see {@link #holdingAfter}). */
    void awaitHeld() throws InterruptedException {
        if (!held.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the scripted run never reached minibatch " + holdAfter);
        }
    }

    /** Lets a held run go on. */
    void release() {
        released.countDown();
    }

    /** Runs every epoch, then completes with a model that predicts every test row right. */
    static FakeTrainer completing(int iterationsPerEpoch) {
        return new FakeTrainer(iterationsPerEpoch, false, false);
    }

    /** Runs every epoch, then fails as a NaN loss would. */
    static FakeTrainer failing() {
        return new FakeTrainer(2, true, false);
    }

    /** Keeps training (slowly) until stopped. */
    static FakeTrainer untilStopped() {
        return new FakeTrainer(2, false, true);
    }

    @Override
    public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                TrainingListener listener, RunControl control) {
        listener.on(new TrainingEvent.RunStarted("Fake CPU", config.epochs(), iterationsPerEpoch, data.train().rows(),
                ShapeInference.analyse(network, data.signature()).totalParameters()));
        List<TrainingEvent.EpochEnded> history = new ArrayList<>();
        long global = 0;
        Outcome outcome = Outcome.COMPLETED;
        double chosenRate = Double.NaN; // a rate asked for while paused replaces the schedule, as in Dl4jTrainer
        double rate = Double.NaN;
        try {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                for (int i = 1; i <= iterationsPerEpoch; i++) {
                    if (!control.continueTraining()) {
                        outcome = Outcome.STOPPED;
                        break;
                    }
                    java.util.OptionalDouble requested = control.takeRequestedLearningRate();
                    if (requested.isPresent()) {
                        listener.on(new TrainingEvent.LearningRateChanged(epoch, global, rate,
                                requested.getAsDouble()));
                        chosenRate = requested.getAsDouble();
                    }
                    rate = Double.isNaN(chosenRate) ? config.schedule().rateAt(config.learningRate(), global,
                            epoch - 1, config.epochs(), iterationsPerEpoch) : chosenRate;
                    if (untilStopped) {
                        Thread.sleep(2);
                    }
                    ++global;
                    listener.on(new TrainingEvent.IterationDone(epoch, i, global, 1.0 / (global + 1), rate,
                            Double.NaN));
                    if (deadUnitFraction != null && global % 20 == 1) {
                        org.layerlab.core.train.Histogram spread =
                                org.layerlab.core.train.Histogram.of(new float[] {0f, 0.5f, 1f});
                        listener.on(new TrainingEvent.LayerDistributions(global, "dense_1", spread, 0.5, 0.4, spread,
                                deadUnitFraction));
                    }
                    if (global == holdAfter) {
                        held.countDown();
                        released.await();
                    }
                }
                if (outcome == Outcome.STOPPED) {
                    break;
                }
                TrainingEvent.EpochEnded ended = new TrainingEvent.EpochEnded(epoch, config.epochs(), 0.5 / epoch,
                        0.5 + 0.5 * epoch / config.epochs(), 0.6 / epoch, 0.4 + 0.5 * epoch / config.epochs(),
                        1234.0, 10L * epoch, rate, Double.NaN, Double.NaN, Double.NaN);
                history.add(ended);
                listener.on(ended);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.STOPPED;
        }
        String message = "";
        if (failAtEnd) {
            outcome = Outcome.FAILED;
            message = "The loss became NaN: the learning rate 10 is too high. Try 0.01.";
        }
        listener.on(new TrainingEvent.RunFinished(outcome, history.size(), message));
        return new TrainingResult(new PerfectModel(), history, outcome, message, 1234.0, "Fake CPU");
    }

    @Override
    public BackendInfo backend() {
        return new BackendInfo("CPU", "Fake CPU", "");
    }

    /** Answers every row with its true class. */
    private static final class PerfectModel implements TrainedModel {
        @Override
        public float[][] predictProbabilities(ExampleSet data) {
            int classes = 0;
            for (int label : data.labels()) {
                classes = Math.max(classes, label + 1);
            }
            float[][] out = new float[data.rows()][Math.max(classes, 1)];
            for (int row = 0; row < data.rows(); row++) {
                out[row][data.labels()[row]] = 1f;
            }
            return out;
        }

        @Override
        public void save(Path file) {
            throw new UnsupportedOperationException();
        }
    }
}
