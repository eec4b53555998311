package org.layerlab.core.train;

import java.util.concurrent.CompletableFuture;

/** A handle on one running training: control it, and get its result when it ends. */
public record TrainingRun(RunControl control, CompletableFuture<TrainingResult> result) {
    public void stop() {
        control.stop();
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.resume();
    }

    public boolean isDone() {
        return result.isDone();
    }
}
