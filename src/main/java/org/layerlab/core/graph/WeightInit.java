package org.layerlab.core.graph;

/** How a layer's weights are drawn before training. */
public enum WeightInit {
    /** He initialisation for the ReLU family, Xavier for the rest — what LayerLab picks unless told otherwise. */
    AUTO("automatic", "LayerLab picks the usual choice for the layer's activation."),
    /** Glorot &amp; Bengio (2010); DL4J WeightInit.XAVIER. */
    XAVIER("Xavier", "Scaled to the number of inputs and outputs; suits tanh and sigmoid."),
    /** He et al. (2015); DL4J WeightInit.RELU. */
    HE("He", "Scaled to the number of inputs; suits ReLU."),
    /** Small uniform random values; DL4J WeightInit.UNIFORM. */
    UNIFORM("uniform", "Small random values, all equally likely.");

    private final String label;
    private final String explanation;

    WeightInit(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return label;
    }
}
