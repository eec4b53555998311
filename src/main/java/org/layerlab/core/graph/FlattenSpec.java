package org.layerlab.core.graph;

/** Lays feature maps (or a sequence) out as one flat vector, e.g. between convolutions and Dense layers. */
public record FlattenSpec() implements LayerSpec {
    @Override
    public LayerKind kind() {
        return LayerKind.FLATTEN;
    }

    @Override
    public String summary() {
        return "to a vector";
    }
}
