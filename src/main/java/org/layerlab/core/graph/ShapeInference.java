package org.layerlab.core.graph;

/**
 * Works out, for a {@link NetworkGraph} fed by data of a given {@link DataSignature}, the shape leaving every node,
 * every node's parameter count, and every problem that would stop training — with a fix where one is obvious.
 * Its shapes and counts agree with DL4J's own inference (checked in tests against {@code setInputType}).
 */
public final class ShapeInference {
    private ShapeInference() {
    }

    public static GraphAnalysis analyse(NetworkGraph graph, DataSignature data) {
        throw new UnsupportedOperationException("implemented in the issue-4 work");
    }
}
