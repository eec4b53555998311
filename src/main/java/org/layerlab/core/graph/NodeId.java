package org.layerlab.core.graph;

/** A node's identity in a {@link NetworkGraph}; stable across edits and saved in the project file. */
public record NodeId(String value) {
    public NodeId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A node id cannot be empty.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
