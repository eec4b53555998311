package org.layerlab.ui;

import javafx.application.Platform;

/** The one way UI code reaches the FX application thread. */
public final class FxThread {
    private FxThread() {
    }

    /** Runs {@code action} now when already on the FX thread, else as soon as the FX thread is free. */
    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
