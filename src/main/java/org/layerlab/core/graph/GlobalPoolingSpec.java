package org.layerlab.core.graph;

/** Summarises each whole feature map (or sequence) into one number. Maps to DL4J's {@code GlobalPoolingLayer}. */
public record GlobalPoolingSpec(PoolType type) implements LayerSpec {
    public GlobalPoolingSpec {
        Checks.required(type, "max or average pooling");
    }

    @Override
    public LayerKind kind() {
        return LayerKind.GLOBAL_POOLING;
    }

    @Override
    public String summary() {
        return "global " + type;
    }
}
