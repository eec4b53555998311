package org.layerlab.ui;

import org.layerlab.core.train.BackgroundPriority;

/**
 * Pays, on a background thread while the window opens, the first-use costs that the first chart of a session would
 * otherwise pay on the FX thread ({@link ChartWarmUp}) and the core's first-use costs of opening a table
 * ({@link FirstTableRehearsal}), and puts the JVM's compiler threads behind the window
 * ({@link BackgroundPriority#andJitCompilers}). docs/decisions/0026 and 0027.
 *
 * <p>Tables are not warmed up this way: JavaFX controls built off the FX thread, even in a scene never shown, share
 * text-measuring state with the window's (a table built here broke the window's text layout in tests).
 */
final class WarmUp {
    private WarmUp() {
    }

    /** Starts the warm-up on a daemon thread at lower OS priority: the window neither waits for it nor loses a core. */
    static void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                // Behind the window, which is laying itself out for the first time on the same cores.
                new BackgroundPriority(Thread.currentThread()).andJitCompilers().lowerNow();
                ChartWarmUp.run();
                FirstTableRehearsal.run();
            } catch (RuntimeException | LinkageError ignored) {
                // Only a head start: the charts do the same work themselves when first drawn.
            }
        }, "layerlab-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
