package org.layerlab.core.graph;

import java.util.Objects;

/**
 * A fully connected layer: every input feeds every one of {@code units} neurons.
 * Maps to DL4J's {@code DenseLayer}.
 */
public record DenseSpec(int units, Activation activation) {
    public static final int MAX_UNITS = 100_000;

    public DenseSpec {
        Objects.requireNonNull(activation, "Choose an activation for the layer.");
        if (units < 1 || units > MAX_UNITS) {
            throw new IllegalArgumentException("A Dense layer needs between 1 and " + MAX_UNITS
                    + " units; " + units + " is not possible.");
        }
    }

    /** Weights plus biases for a layer fed by {@code inputs} values. */
    public long parameterCount(long inputs) {
        return inputs * units + units;
    }
}
