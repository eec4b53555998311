package org.layerlab.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;

/**
 * Whether a node lies, at least partly, in the visible part of the scroll pane that holds it (true for a node in a
 * scene and in no scroll pane). With {@link RebuildWhenShown}, a part far down a long column is built when it is
 * scrolled to, not with the rest of the column: the Data step's augmentation preview (two tables, built anew for every
 * table opened) held the FX thread 100–240 ms below the fold, where nobody saw it.
 *
 * <p>FX thread only.
 */
final class ScrolledIntoView {
    private ScrolledIntoView() {
    }

    /**
     * Follows {@code node}: it moves on screen when its scroll pane scrolls or the nodes above it change size, and
     * each move re-evaluates the binding (a cheap bounds check).
     */
    static BooleanBinding of(Node node) {
        return Bindings.createBooleanBinding(() -> isInSight(node), node.localToSceneTransformProperty(),
                node.layoutBoundsProperty(), node.sceneProperty());
    }

    static boolean isInSight(Node node) {
        // Read the property, not only the bounds: an invalidated property that is never read again stays invalid and
        // sends no further invalidations, so the binding would stop following the node.
        node.getLocalToSceneTransform();
        if (node.getScene() == null) {
            return false;
        }
        ScrollPane pane = scrollPaneAround(node);
        if (pane == null) {
            return true;
        }
        Bounds visible = pane.localToScene(pane.getLayoutBounds());
        Bounds mine = node.localToScene(node.getLayoutBounds());
        return mine.getHeight() > 0 && mine.intersects(visible);
    }

    private static ScrollPane scrollPaneAround(Node node) {
        for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof ScrollPane pane) {
                return pane;
            }
        }
        return null;
    }
}
