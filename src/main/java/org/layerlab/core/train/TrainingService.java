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
    private final boolean yieldToWindow;

    public TrainingService(Trainer trainer) {
        this(trainer, false);
    }

    /**
     * @param yieldToWindow lower the operating system priority of each run's threads ({@link BackgroundPriority}),
     *                      so that a window on the same cores stays smooth while it trains: what the app asks for
     */
    public TrainingService(Trainer trainer, boolean yieldToWindow) {
        this.trainer = trainer;
        this.yieldToWindow = yieldToWindow;
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
                TrainingListener reporting = yieldToWindow ? yielding(listener) : listener;
                result.complete(trainer.train(data, network, config, reporting, control, options));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "layerlab-training-" + RUN_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return new TrainingRun(control, result);
    }

    /** How often the run's threads are looked for again: the engine may start worker threads as it goes. */
    private static final long LOWER_AGAIN_NANOS = 2_000_000_000L;

    /**
     * Passes every event on, and lowers the priority of the run's threads (called on the run's own thread) when it
     * starts, at its first minibatch (when the engine's worker threads exist) and then at most every two seconds.
     */
    private static TrainingListener yielding(TrainingListener listener) {
        BackgroundPriority priority = new BackgroundPriority(Thread.currentThread());
        priority.lowerNow();
        long[] last = {System.nanoTime(), 0};
        return event -> {
            if (event instanceof TrainingEvent.IterationDone || event instanceof TrainingEvent.EpochEnded) {
                long now = System.nanoTime();
                if (last[1]++ == 0 || now - last[0] > LOWER_AGAIN_NANOS) {
                    last[0] = now;
                    priority.lowerNow();
                }
            }
            listener.on(event);
        };
    }
}
