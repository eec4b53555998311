package org.layerlab.core.train;

/** Receives training events on the training thread. Must return quickly: hand work to another thread. */
@FunctionalInterface
public interface TrainingListener {
    void on(TrainingEvent event);

    TrainingListener NONE = event -> { };
}
