package org.layerlab.core.graph;

/**
 * A fully connected layer: every input feeds every one of {@code units} neurons. Maps to DL4J's {@code DenseLayer}.
 *
 * @param l1 L1 penalty on the weights (pushes unimportant weights to exactly 0); 0 for none
 * @param l2 L2 penalty on the weights (keeps weights small, against overfitting); 0 for none
 */
public record DenseSpec(int units, Activation activation, WeightInit weightInit, double l1, double l2)
        implements LayerSpec {
    public static final int MAX_UNITS = 100_000;

    public DenseSpec {
        Checks.required(activation, "an activation for the layer");
        Checks.required(weightInit, "a weight initialisation");
        if (units < 1 || units > MAX_UNITS) {
            throw new IllegalArgumentException("A Dense layer needs between 1 and " + MAX_UNITS
                    + " units; " + units + " is not possible.");
        }
        Checks.regularization(l1, l2);
    }

    public DenseSpec(int units, Activation activation) {
        this(units, activation, WeightInit.AUTO, 0, 0);
    }

    /** Weights plus biases for a layer fed by {@code inputs} values. */
    public long parameterCount(long inputs) {
        return inputs * units + units;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DENSE;
    }

    @Override
    public String summary() {
        return units + " units, " + activation;
    }
}
