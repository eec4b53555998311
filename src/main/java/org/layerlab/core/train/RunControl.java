package org.layerlab.core.train;

/**
 * The user's hand on a running training: stop, pause and resume. The trainer checks it between
 * minibatches (not only between epochs), so Stop answers within one iteration.
 */
public final class RunControl {
    private volatile boolean stopRequested;
    private boolean paused;

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
