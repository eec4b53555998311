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

    /** The compute backend this trainer runs on. */
    BackendInfo backend();
}
