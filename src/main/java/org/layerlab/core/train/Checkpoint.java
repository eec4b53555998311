package org.layerlab.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a checkpoint says about the run it was taken from, besides the network and optimizer state (which the
 * engine stores beside it): enough to continue the run as if it had never stopped. The shuffle order needs no
 * saving: the trainer shuffles epoch {@code e} with a generator seeded from the seed and {@code e}.
 *
 * @param folder           where it is stored
 * @param epoch            epochs finished when it was taken
 * @param globalIteration  minibatches fitted by then
 * @param config           the settings of the run
 * @param history          one entry per finished epoch
 * @param bestEpoch        early stopping: the best epoch so far (0 when off)
 * @param epochsSinceBest  early stopping: epochs since the best one
 * @param fitNanos         time spent fitting so far
 * @param samplesFitted    training samples fitted so far
 * @param elapsedMillis    wall time of the run so far, pauses included
 */
public record Checkpoint(Path folder, int epoch, long globalIteration, TrainingConfig config,
                         List<TrainingEvent.EpochEnded> history, int bestEpoch, int epochsSinceBest,
                         long fitNanos, long samplesFitted, long elapsedMillis) {
    public Checkpoint {
        history = List.copyOf(history);
    }
}
