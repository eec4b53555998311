package org.layerlab.core.graph;

/**
 * Normalises each feature to mean 0 and variance 1 over the batch, then rescales; speeds up and steadies training.
 * Ioffe &amp; Szegedy (2015); maps to DL4J's {@code BatchNormalization}.
 */
public record BatchNormSpec() implements LayerSpec {
    @Override
    public LayerKind kind() {
        return LayerKind.BATCH_NORM;
    }

    @Override
    public String summary() {
        return "normalise";
    }
}
