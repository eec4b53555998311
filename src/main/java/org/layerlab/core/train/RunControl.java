package org.layerlab.core.train;

import java.util.OptionalDouble;

/**
 * The user's hand on a running training: stop, pause and resume, and a new learning rate. The trainer checks it
 * between minibatches (not only between epochs), so Stop answers within one iteration and a new learning rate
 * applies from the next minibatch.
 */
public final class RunControl {
    private volatile boolean stopRequested;
    private boolean paused;
    private double requestedLearningRate = Double.NaN;

    public void stop() {
        stopRequested = true;
        synchronized (this) {
            notifyAll();
        }
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Asks the trainer to train with {@code rate} from the next minibatch on (replacing any schedule). Meant for
     * while paused; the trainer reports the change with {@link TrainingEvent.LearningRateChanged}.
     */
    public synchronized void requestLearningRate(double rate) {
        if (!(rate > 0) || rate > 10 || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("The learning rate must be a small positive number such as 0.001; "
                    + rate + " is not possible.");
        }
        requestedLearningRate = rate;
    }

    /** The learning rate asked for since the last call, once; empty if none. Called by the trainer. */
    public synchronized OptionalDouble takeRequestedLearningRate() {
        if (Double.isNaN(requestedLearningRate)) {
            return OptionalDouble.empty();
        }
        double rate = requestedLearningRate;
        requestedLearningRate = Double.NaN;
        return OptionalDouble.of(rate);
    }

    /** Called by the trainer between minibatches: blocks while paused, returns false once stop was asked. */
    public boolean continueTraining() throws InterruptedException {
        synchronized (this) {
            while (paused && !stopRequested) {
                wait();
            }
        }
        return !stopRequested && !Thread.currentThread().isInterrupted();
    }
}
