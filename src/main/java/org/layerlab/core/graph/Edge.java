package org.layerlab.core.graph;

import java.util.Objects;

/**
 * A connection: the output of {@code from} feeds an input of {@code to}. For vertices with several inputs
 * (Concatenate), the order of edges in the graph is the order of the inputs.
 */
public record Edge(NodeId from, NodeId to) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
