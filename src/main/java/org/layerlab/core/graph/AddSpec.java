package org.layerlab.core.graph;

/** Adds its inputs element by element (all must have the same shape), as in a residual block. DL4J ElementWiseVertex(Add). */
public record AddSpec() implements LayerSpec {
    @Override
    public LayerKind kind() {
        return LayerKind.ADD;
    }

    @Override
    public int inputArity() {
        return -1;
    }

    @Override
    public String summary() {
        return "sum of inputs";
    }
}
