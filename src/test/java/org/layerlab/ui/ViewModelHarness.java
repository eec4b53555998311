package org.layerlab.ui;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.Trainer;

/**
 * View models without the FX toolkit: background work runs inline, and "UI thread" work is queued and run by the
 * test thread in {@link #pumpUntil}, so properties are only touched by one thread, as in the app.
 */
final class ViewModelHarness {
    final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    final ManualTicker ticker = new ManualTicker();
    final ProjectViewModel project;
    final ViewModels viewModels;

    ViewModelHarness(Trainer trainer) {
        project = new ProjectViewModel(Runnable::run, uiQueue::add,
                () -> new BackendInfo("CPU", "test processor, 2 cores", "Test backend."), () -> trainer, null);
        viewModels = ViewModels.create(project, task -> {
            ticker.task = task;
            return ticker;
        });
    }

    /** Runs queued UI work until {@code condition} holds; fails after {@code timeout}. */
    void pumpUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Runnable next;
                while ((next = uiQueue.poll()) != null) {
                    next.run();
                }
                if (condition.getAsBoolean()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out waiting until " + what + "; status='"
                            + project.statusProperty().get() + "', error='" + project.errorProperty().get() + "'");
                }
                next = uiQueue.poll(50, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs what is queued for the UI right now. */
    void pump() {
        Runnable next;
        while ((next = uiQueue.poll()) != null) {
            next.run();
        }
    }

    /** A ticker the test fires by hand. */
    static final class ManualTicker implements Ticker {
        Runnable task;
        boolean running;
        int starts;

        @Override
        public void start() {
            running = true;
            starts++;
        }

        @Override
        public void stop() {
            running = false;
        }

        void tick() {
            task.run();
        }

        /**
         * Ticks while the ticker runs, as the FX pulse would, at most {@code maxTicks} times; returns how many ticks
         * it took to stop (after a run the last charts are drawn one per pulse, then the ticker rests).
         */
        int tickUntilStopped(int maxTicks) {
            int ticks = 0;
            while (running && ticks < maxTicks) {
                tick();
                ticks++;
            }
            return ticks;
        }
    }
}
