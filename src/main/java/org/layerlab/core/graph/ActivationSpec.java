package org.layerlab.core.graph;

/** Applies an activation function on its own. Maps to DL4J's {@code ActivationLayer}. */
public record ActivationSpec(Activation activation) implements LayerSpec {
    public ActivationSpec {
        Checks.required(activation, "an activation");
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ACTIVATION;
    }

    @Override
    public String summary() {
        return activation.toString();
    }
}
