package org.layerlab.core.graph;

/**
 * Joins its inputs side by side: vectors end to end, images channel by channel (the other sizes must match).
 * DL4J MergeVertex.
 */
public record ConcatSpec() implements LayerSpec {
    @Override
    public LayerKind kind() {
        return LayerKind.CONCATENATE;
    }

    @Override
    public int inputArity() {
        return -1;
    }

    @Override
    public String summary() {
        return "join inputs";
    }
}
