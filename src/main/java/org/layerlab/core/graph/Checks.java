package org.layerlab.core.graph;

/** Validation helpers shared by the layer specs, so every spec words its limits the same way. */
final class Checks {
    private Checks() {
    }

    static void atLeastOne(int value, String what, String layer) {
        if (value < 1 || value > 100_000) {
            throw new IllegalArgumentException("A " + layer + " layer needs between 1 and 100000 " + what + "; "
                    + value + " is not possible.");
        }
    }

    static void regularization(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0) || l1 > 1 || l2 > 1) {
            throw new IllegalArgumentException("L1 and L2 must be between 0 and 1 (try 0.0001); " + l1 + " and " + l2
                    + " are not possible.");
        }
    }

    static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("Choose " + what + ".");
        }
        return value;
    }
}
