package org.layerlab.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.animation.AnimationTimer;

/**
 * Pieces of UI work done one per FX pulse, in order, so that a view made of many heavy parts (the scatter matrix's 56
 * charts) appears part by part while the window keeps drawing, rather than in one long pulse. FX thread only.
 */
final class OnePerPulse {
    private final Deque<Runnable> pieces = new ArrayDeque<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable next = pieces.poll();
            if (next != null) {
                next.run();
            }
            if (pieces.isEmpty()) {
                stop();
            }
        }
    };

    /** Queues {@code piece} after those already waiting; it runs at the start of a later pulse. */
    void later(Runnable piece) {
        pieces.add(piece);
        timer.start();
    }

    /**
     * Queues {@code piece} to run a pulse later than {@link #later} would: at the start of a pulse after the one that
     * lays out what changed just now. A change made between pulses (a background task's result) is styled and laid
     * out in the next pulse, and the first piece runs at that pulse's start too — so a piece meant to come after the
     * change's own layout must wait one more pulse.
     */
    void afterNextLayout(Runnable piece) {
        pieces.add(() -> { });
        pieces.add(piece);
        timer.start();
    }

    /** Forgets the pieces not done yet (what they would build is about to be replaced). */
    void cancel() {
        pieces.clear();
        timer.stop();
    }
}
