package org.layerlab.core.graph;

/**
 * What the data offers a network: the shape of one example as it comes from the data, and the number of classes
 * to predict. Shape inference, validation and templates are all relative to it.
 *
 * @param regression true when the network predicts one number per example (then {@code classes} is 1): the Output
 *                   layer has one unit, an identity activation and a mean-squared-error loss
 */
public record DataSignature(TensorShape input, int classes, boolean regression) {
    public DataSignature {
        java.util.Objects.requireNonNull(input, "input");
        if (classes < 1) {
            throw new IllegalArgumentException("The data needs at least one class, not " + classes + ".");
        }
        if (regression && classes != 1) {
            throw new IllegalArgumentException("Regression predicts one number, so it has 1 output, not " + classes
                    + ".");
        }
    }

    /** Classification data of this shape. */
    public DataSignature(TensorShape input, int classes) {
        this(input, classes, false);
    }

    /** A table with {@code features} encoded input columns. */
    public static DataSignature table(int features, int classes) {
        return new DataSignature(new TensorShape.Vector(features), classes);
    }

    /** A table with {@code features} encoded input columns and one number to predict. */
    public static DataSignature regressionTable(int features) {
        return new DataSignature(new TensorShape.Vector(features), 1, true);
    }
}
