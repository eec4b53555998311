package org.layerlab.core.graph;

import java.util.function.UnaryOperator;

/**
 * A one-click repair offered with a {@link Problem}, e.g. "Insert Flatten" or "Set 3 units".
 *
 * @param label what the button says
 * @param apply the repaired graph from the current one
 */
public record Fix(String label, UnaryOperator<NetworkGraph> apply) {
    public NetworkGraph applyTo(NetworkGraph graph) {
        return apply.apply(graph);
    }
}
