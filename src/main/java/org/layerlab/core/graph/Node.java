package org.layerlab.core.graph;

import java.util.Objects;

/**
 * One layer or merge vertex placed on the canvas.
 *
 * @param name a name the user may change, shown on the canvas and in messages (e.g. "dense_2")
 * @param x    canvas position of the node's top-left corner, in canvas units (not pixels: zoom scales them)
 * @param y    ditto
 */
public record Node(NodeId id, String name, LayerSpec spec, double x, double y) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        name = name == null || name.isBlank() ? id.value() : name;
    }

    public Node withSpec(LayerSpec newSpec) {
        return new Node(id, name, newSpec, x, y);
    }

    public Node at(double newX, double newY) {
        return new Node(id, name, spec, newX, newY);
    }

    public Node named(String newName) {
        return new Node(id, newName, spec, x, y);
    }
}
