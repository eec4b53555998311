package org.layerlab.core.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;

/**
 * Runs training on its own background thread so that callers (the window, the command line) stay free.
 * Each {@link #start} returns a {@link TrainingRun} handle to pause, resume or stop it and to await its result.
 */
public final class TrainingService {
    private static final AtomicInteger RUN_NUMBER = new AtomicInteger();
    private final Trainer trainer;

    public TrainingService(Trainer trainer) {
        this.trainer = trainer;
    }

    public BackendInfo backend() {
        return trainer.backend();
    }

    public TrainingRun start(PreparedData data, NetworkGraph network, TrainingConfig config,
                             TrainingListener listener) {
        return start(data, network, config, listener, RunOptions.none());
    }

    /** Starts a run that checkpoints and resumes as {@code options} say. */
    public TrainingRun start(PreparedData data, NetworkGraph network, TrainingConfig config,
                             TrainingListener listener, RunOptions options) {
        RunControl control = new RunControl();
        CompletableFuture<TrainingResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(trainer.train(data, network, config, listener, control, options));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "layerlab-training-" + RUN_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return new TrainingRun(control, result);
    }
}
