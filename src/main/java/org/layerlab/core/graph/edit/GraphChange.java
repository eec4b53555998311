package org.layerlab.core.graph.edit;

import java.util.HashMap;
import java.util.Map;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;

/**
 * One change of the editor's graph, as {@code before} and {@code after} (both immutable), so a view can update only
 * what differs.
 *
 * @param description what the user did, in words (e.g. "Move 3 layers"); for undo and redo, the edit undone/redone
 */
public record GraphChange(NetworkGraph before, NetworkGraph after, String description, Cause cause) {

    /** Why the graph changed. */
    public enum Cause {
        /** A finished edit: one undo step. */
        EDIT,
        /** A step of a gesture still in progress (a drag); it becomes one undo step when the gesture ends. */
        GESTURE,
        UNDO,
        REDO,
        /** A different network was loaded; the history was cleared. */
        RESET
    }

    /**
     * True when only node positions changed: same nodes with the same names and settings, same connections. Shapes,
     * parameter counts and problems cannot have changed, so they need not be worked out again.
     */
    public boolean positionsOnly() {
        if (before == after) {
            return true;
        }
        if (!before.edges().equals(after.edges()) || before.nodes().size() != after.nodes().size()) {
            return false;
        }
        Map<NodeId, Node> old = new HashMap<>();
        for (Node node : before.nodes()) {
            old.put(node.id(), node);
        }
        for (Node node : after.nodes()) {
            Node was = old.get(node.id());
            if (was == null || !was.spec().equals(node.spec()) || !was.name().equals(node.name())) {
                return false;
            }
        }
        return true;
    }
}
