package org.layerlab.core.graph;

/** Activation functions offered for hidden layers, with the words shown to users. */
public enum Activation {
    RELU("ReLU", "Passes positive values, zeroes negative ones. A good default."),
    TANH("tanh", "Squashes values into -1..1."),
    SIGMOID("sigmoid", "Squashes values into 0..1."),
    LEAKY_RELU("Leaky ReLU", "Like ReLU but lets a little of negative values through."),
    ELU("ELU", "Like ReLU with a smooth negative part."),
    IDENTITY("identity", "Passes values unchanged (no non-linearity).");

    private final String label;
    private final String explanation;

    Activation(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return label;
    }
}
