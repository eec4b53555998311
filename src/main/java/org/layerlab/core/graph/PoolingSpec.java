package org.layerlab.core.graph;

/** Shrinks feature maps by summarising each window (max or average). Maps to DL4J's {@code SubsamplingLayer}. */
public record PoolingSpec(PoolType type, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                          Padding padding) implements LayerSpec {
    public PoolingSpec {
        Checks.required(type, "max or average pooling");
        Checks.atLeastOne(kernelHeight, "rows in its window", "Pooling");
        Checks.atLeastOne(kernelWidth, "columns in its window", "Pooling");
        Checks.atLeastOne(strideHeight, "as stride", "Pooling");
        Checks.atLeastOne(strideWidth, "as stride", "Pooling");
        Checks.required(padding, "a padding");
    }

    /** A square window whose stride equals its size (the usual halving with size 2). */
    public PoolingSpec(PoolType type, int size) {
        this(type, size, size, size, size, Padding.VALID);
    }

    @Override
    public LayerKind kind() {
        return type == PoolType.MAX ? LayerKind.MAX_POOLING : LayerKind.AVERAGE_POOLING;
    }

    @Override
    public String summary() {
        return type + " " + kernelHeight + "×" + kernelWidth;
    }
}
