package org.layerlab.core;

/** Helpers for reporting failures in words: engines wrap the real reason in layers of exceptions. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause of {@code failure} (itself when it has none), where the telling message usually is. */
    public static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
