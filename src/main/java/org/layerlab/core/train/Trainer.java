package org.layerlab.core.train;

import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;

/** Fits a network to prepared data, reporting events and obeying the run control. */
public interface Trainer {

    /**
     * Trains on the calling thread until all epochs are done or {@code control} asks to stop.
     * Emits exactly one {@link TrainingEvent.RunStarted} first and one {@link TrainingEvent.RunFinished} last,
     * also when training fails (e.g. the loss became NaN); a failure is reported in the result, not thrown.
     */
    TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                         TrainingListener listener, RunControl control);

    /**
     * As {@link #train(PreparedData, NetworkGraph, TrainingConfig, TrainingListener, RunControl)}, writing checkpoints
     * and resuming as {@code options} say. A trainer that cannot checkpoint fails a run asked to resume.
     */
    default TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                 TrainingListener listener, RunControl control, RunOptions options) {
        if (options != null && options.resumeFrom() != null) {
            String message = "This trainer cannot resume from a checkpoint.";
            listener.on(new TrainingEvent.RunStarted(backend().summary(), config.epochs(), 0, 0, 0));
            listener.on(new TrainingEvent.RunFinished(TrainingEvent.Outcome.FAILED, 0, message));
            return new TrainingResult(null, java.util.List.of(), TrainingEvent.Outcome.FAILED, message, 0,
                    backend().summary());
        }
        return train(data, network, config, listener, control);
    }

    /** The compute backend this trainer runs on. */
    BackendInfo backend();
}
