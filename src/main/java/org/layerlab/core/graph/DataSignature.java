package org.layerlab.core.graph;

/**
 * What the data offers a network: the shape of one example as it comes from the data, and the number of classes
 * to predict. Shape inference, validation and templates are all relative to it.
 */
public record DataSignature(TensorShape input, int classes) {
    public DataSignature {
        java.util.Objects.requireNonNull(input, "input");
        if (classes < 1) {
            throw new IllegalArgumentException("The data needs at least one class, not " + classes + ".");
        }
    }

    /** A table with {@code features} encoded input columns. */
    public static DataSignature table(int features, int classes) {
        return new DataSignature(new TensorShape.Vector(features), classes);
    }
}
