package org.layerlab.ui;

import javafx.animation.AnimationTimer;

/**
 * Runs a piece of UI work at the start of the next FX pulse, so that whatever changed in this one is styled, laid out
 * and drawn first. A piece asked for again before it ran replaces the one waiting. FX thread only.
 */
final class InNextPulse {
    private Runnable waiting;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            Runnable piece = waiting;
            waiting = null;
            if (piece != null) {
                piece.run();
            }
        }
    };

    void run(Runnable piece) {
        waiting = piece;
        timer.start();
    }
}
