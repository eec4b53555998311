package org.layerlab.ui;

import javafx.animation.AnimationTimer;

/**
 * Runs a task on the FX pulse, at most once per {@code minIntervalMillis}. Used to drain training events:
 * however fast the trainer reports, the charts redraw a bounded number of times per second.
 */
public final class FxPulseTicker implements Ticker {
    private final Runnable task;
    private final long minIntervalNanos;
    private AnimationTimer timer;

    public FxPulseTicker(Runnable task, long minIntervalMillis) {
        this.task = task;
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    @Override
    public void start() {
        if (timer != null) {
            return;
        }
        timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last >= minIntervalNanos) {
                    last = now;
                    task.run();
                }
            }
        };
        timer.start();
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }
}
