package org.layerlab.core.graph;

/** The output layer's activation; each comes with the loss that fits it. */
public enum OutputActivation {
    /** One probability per class, summing to 1; multi-class cross-entropy (DL4J LossMCXENT). */
    SOFTMAX("softmax", "cross-entropy", "One probability per class; the answer is the most probable class."),
    /** An independent probability per unit; binary cross-entropy (DL4J LossBinaryXENT). */
    SIGMOID("sigmoid", "binary cross-entropy", "A yes/no probability per unit."),
    /** Raw numbers; mean squared error (DL4J LossMSE) — for predicting quantities. */
    IDENTITY("identity", "mean squared error", "Raw numbers, for predicting quantities.");

    private final String label;
    private final String loss;
    private final String explanation;

    OutputActivation(String label, String loss, String explanation) {
        this.label = label;
        this.loss = loss;
        this.explanation = explanation;
    }

    public String loss() {
        return loss;
    }

    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return label;
    }
}
