package org.layerlab.core.train;

/**
 * What a training run reports, in order: one {@link RunStarted}, then {@link IterationDone} for every
 * minibatch and {@link EpochEnded} after each epoch, then exactly one {@link RunFinished}. Along the way it may report
 * {@link LearningRateChanged}, {@link CheckpointSaved} or {@link CheckpointFailed}, {@link LayerStats} with
 * {@link LayerDistributions} and, when early
 * stopping is on, {@link BestEpochKept} just before the end.
 * Events are immutable snapshots of scalars (and {@link Histogram}s, which copy their counts), safe to hand to
 * another thread.
 */
public sealed interface TrainingEvent {

    /** The run has begun on {@code backend}. */
    record RunStarted(String backend, int epochs, int iterationsPerEpoch, int trainSamples,
                      long parameterCount) implements TrainingEvent {
    }

    /**
     * One minibatch was fitted. {@code epoch} and {@code iteration} count from 1.
     *
     * @param learningRate     the learning rate this minibatch was fitted with; NaN if unknown
     * @param remainingSeconds an estimate of the time left (see {@link Eta}); NaN while there is nothing to go by
     */
    record IterationDone(int epoch, int iteration, long globalIteration, double loss, double learningRate,
                         double remainingSeconds) implements TrainingEvent {
        public IterationDone(int epoch, int iteration, long globalIteration, double loss) {
            this(epoch, iteration, globalIteration, loss, Double.NaN, Double.NaN);
        }
    }

    /**
     * An epoch ended; losses and accuracies are measured on the whole train and validation splits. For regression
     * the accuracies are NaN and the mean absolute errors (in the label's own units) are set; for classification
     * it is the other way round.
     *
     * @param learningRate     the learning rate the epoch's last minibatch was fitted with; NaN if unknown
     * @param remainingSeconds an estimate of the time left (see {@link Eta}), 0 after the last epoch
     */
    record EpochEnded(int epoch, int epochs, double trainLoss, double trainAccuracy,
                      double validationLoss, double validationAccuracy,
                      double samplesPerSecond, long elapsedMillis, double learningRate,
                      double remainingSeconds, double trainMeanAbsoluteError,
                      double validationMeanAbsoluteError) implements TrainingEvent {

        /** A classification epoch without learning rate or time estimate. */
        public EpochEnded(int epoch, int epochs, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double samplesPerSecond, long elapsedMillis) {
            this(epoch, epochs, trainLoss, trainAccuracy, validationLoss, validationAccuracy, samplesPerSecond,
                    elapsedMillis, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        /** True for a regression epoch, which measures mean absolute error instead of accuracy. */
        public boolean isRegression() {
            return !Double.isNaN(trainMeanAbsoluteError);
        }
    }

    /**
     * The learning rate was changed by hand (e.g. while paused), from before minibatch {@code globalIteration + 1}.
     * A schedule, if there was one, no longer applies.
     */
    record LearningRateChanged(int epoch, long globalIteration, double oldRate, double newRate)
            implements TrainingEvent {
    }

    /** A checkpoint of the state after {@code epoch} was written to {@code folder}. */
    record CheckpointSaved(int epoch, String folder) implements TrainingEvent {
    }

    /** The checkpoint after {@code epoch} could not be written; training goes on. {@code message} says why. */
    record CheckpointFailed(int epoch, String message) implements TrainingEvent {
    }

    /**
     * Early stopping kept the network of its best epoch: {@code bestEpoch}, where the watched {@code metric}
     * (e.g. "validation loss") was {@code value}.
     */
    record BestEpochKept(int bestEpoch, String metric, double value) implements TrainingEvent {
    }

    /**
     * How much one layer's weights moved in the last minibatch, measured every few iterations.
     *
     * @param updateRatio mean |update| / mean |parameter| over the layer's parameters; about 1e-3 is healthy
     */
    record LayerStats(long globalIteration, String layer, double updateRatio, double meanAbsParameter)
            implements TrainingEvent {
    }

    /**
     * How one layer's weights and its outputs are spread, measured at the same moments as {@link LayerStats}: the
     * weights from the layer's {@code W} parameter (all its parameters if it has none), the activations from one
     * inference pass over (at most a few hundred rows of) the minibatch just fitted.
     *
     * @param activationStd      the population standard deviation of the activations, never negative
     * @param deadUnitFraction   the share (0 to 1) of the layer's units that output 0 for every measured row: "dead"
     *                           ReLU units, which get no gradient and so stop learning. A unit is a neuron of a Dense
     *                           or recurrent layer and a filter (channel) of a convolution, dead when it is 0 at every
     *                           position too. NaN when the layer's activation is not ReLU or it could not be measured
     */
    record LayerDistributions(long globalIteration, String layer, Histogram weightHistogram, double activationMean,
                              double activationStd, Histogram activationHistogram, double deadUnitFraction)
            implements TrainingEvent {

        /** Distributions of a layer whose dead units are not measured (not ReLU). */
        public LayerDistributions(long globalIteration, String layer, Histogram weightHistogram, double activationMean,
                                  double activationStd, Histogram activationHistogram) {
            this(globalIteration, layer, weightHistogram, activationMean, activationStd, activationHistogram,
                    Double.NaN);
        }
    }

    /** The run is over: completed, stopped by the user, or failed with a message for the user. */
    record RunFinished(Outcome outcome, int epochsCompleted, String message) implements TrainingEvent {
    }

    enum Outcome { COMPLETED, STOPPED, FAILED }
}
