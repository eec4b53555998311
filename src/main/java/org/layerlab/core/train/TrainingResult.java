package org.layerlab.core.train;

import java.util.List;

/**
 * The end of a run: the model as it stands (also after Stop), the per-epoch history and how it ended.
 *
 * @param model the trained network; null only when the run FAILED before a network existed. With early stopping on,
 *              the network of the best epoch.
 * @param history one entry per finished epoch; {@code elapsedMillis} there includes time spent paused,
 *                {@code samplesPerSecond} does not
 * @param trainSamplesPerSecond training samples fitted per second, counting only time spent fitting
 * @param bestEpoch the epoch whose network {@code model} is, when early stopping is on; 0 otherwise
 */
public record TrainingResult(TrainedModel model, List<TrainingEvent.EpochEnded> history,
                             TrainingEvent.Outcome outcome, String message,
                             double trainSamplesPerSecond, String backend, int bestEpoch) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** A result without early stopping. */
    public TrainingResult(TrainedModel model, List<TrainingEvent.EpochEnded> history, TrainingEvent.Outcome outcome,
                          String message, double trainSamplesPerSecond, String backend) {
        this(model, history, outcome, message, trainSamplesPerSecond, backend, 0);
    }

    public int epochsCompleted() {
        return history.size();
    }
}
