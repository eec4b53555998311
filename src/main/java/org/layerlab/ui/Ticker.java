package org.layerlab.ui;

/** Calls something regularly on the UI thread while started; the app's is an {@link FxPulseTicker}. */
public interface Ticker {
    void start();

    void stop();
}
