package org.layerlab.core.train;

/**
 * What a training run reports, in order: one {@link RunStarted}, then {@link IterationDone} for every
 * minibatch and {@link EpochEnded} after each epoch, then exactly one {@link RunFinished}.
 * Events are immutable snapshots of scalars, safe to hand to another thread.
 */
public sealed interface TrainingEvent {

    /** The run has begun on {@code backend}. */
    record RunStarted(String backend, int epochs, int iterationsPerEpoch, int trainSamples,
                      long parameterCount) implements TrainingEvent {
    }

    /** One minibatch was fitted. {@code epoch} and {@code iteration} count from 1. */
    record IterationDone(int epoch, int iteration, long globalIteration, double loss) implements TrainingEvent {
    }

    /**
     * An epoch ended; losses and accuracies are measured on the whole train and validation splits. For regression
     * the accuracies are NaN and the mean absolute errors (in the label's own units) are set; for classification
     * it is the other way round.
     */
    record EpochEnded(int epoch, int epochs, double trainLoss, double trainAccuracy,
                      double validationLoss, double validationAccuracy,
                      double samplesPerSecond, long elapsedMillis,
                      double trainMeanAbsoluteError, double validationMeanAbsoluteError) implements TrainingEvent {

        /** A classification epoch (no mean absolute errors). */
        public EpochEnded(int epoch, int epochs, double trainLoss, double trainAccuracy,
                          double validationLoss, double validationAccuracy,
                          double samplesPerSecond, long elapsedMillis) {
            this(epoch, epochs, trainLoss, trainAccuracy, validationLoss, validationAccuracy, samplesPerSecond,
                    elapsedMillis, Double.NaN, Double.NaN);
        }

        /** True for a regression epoch, which measures mean absolute error instead of accuracy. */
        public boolean isRegression() {
            return !Double.isNaN(trainMeanAbsoluteError);
        }
    }

    /** The run is over: completed, stopped by the user, or failed with a message for the user. */
    record RunFinished(Outcome outcome, int epochsCompleted, String message) implements TrainingEvent {
    }

    enum Outcome { COMPLETED, STOPPED, FAILED }
}
