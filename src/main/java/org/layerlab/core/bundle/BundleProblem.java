package org.layerlab.core.bundle;

/** A model bundle cannot be read or written, or a prediction request is wrong; the message says what to do. */
public class BundleProblem extends RuntimeException {
    public BundleProblem(String message) {
        super(message);
    }

    public BundleProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
