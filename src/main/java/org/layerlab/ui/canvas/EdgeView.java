package org.layerlab.ui.canvas;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import org.layerlab.core.graph.Edge;

/**
 * One connection: a curve from an output port to an input port, a wider invisible copy to make it easy to click,
 * and a label above its middle with the shape of the values flowing along it (e.g. "16×14×14").
 *
 * <p>Most connections are one S-shaped cubic curve. A connection that skips over layers on the same row (a residual
 * shortcut) instead leaves through the top of its source, runs above the row and comes down into the top of its
 * target, so it never crosses the boxes or labels in between; one that runs backwards goes over the row the same
 * way.
 */
final class EdgeView {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");
    /** Horizontal room a rising or falling part takes: less than the gap between two columns. */
    private static final double BEND = 16;
    /** How far inside a box, from its port's side, a detour leaves or enters it. */
    private static final double INSET = 22;
    /** How far above the row's middle line a detour runs: clear of the boxes and of their shape labels. */
    static final double DETOUR_HEIGHT = NodeView.HEIGHT / 2 + 28;

    final Edge edge;
    final Path curve = new Path();
    final Path hitArea = new Path();
    final Label shape = new Label();

    EdgeView(Edge edge) {
        this.edge = edge;
        curve.getStyleClass().add("canvas-edge");
        curve.setMouseTransparent(true);
        hitArea.getStyleClass().add("canvas-edge-hit");
        shape.getStyleClass().add("shape-label");
        shape.setId("shape-" + edge.from().value() + "-" + edge.to().value());
        // Centred above its point whatever its size, so that the line and the ports stay in sight.
        shape.translateXProperty().bind(shape.widthProperty().divide(-2));
        shape.translateYProperty().bind(shape.heightProperty().add(3).negate());
        shape.setVisible(false);
    }

    /** Routes the connection from ({@code x1}, {@code y1}) to ({@code x2}, {@code y2}). */
    void route(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        boolean sameRow = Math.abs(y2 - y1) < NodeView.HEIGHT;
        if (sameRow && (dx > NodeView.WIDTH * 1.5 || dx < 0)) {
            // Leaves through the top of the source box, next to its output port, and enters the top of the target
            // box next to its input port: the gaps between columns keep their own connection and shape label.
            double top = Math.min(y1, y2) - DETOUR_HEIGHT;
            double startX = x1 - INSET;
            double startY = y1 - NodeView.HEIGHT / 2;
            double endX = x2 + INSET;
            double endY = y2 - NodeView.HEIGHT / 2;
            double turn = dx < 0 ? -BEND : BEND;
            for (Path path : new Path[] {curve, hitArea}) {
                path.getElements().setAll(new MoveTo(startX, startY),
                        new CubicCurveTo(startX, top, startX, top, startX + turn, top),
                        new LineTo(endX - turn, top),
                        new CubicCurveTo(endX, top, endX, top, endX, endY));
            }
            place((startX + endX) / 2, top);
            return;
        }
        double reach = Math.max(40, Math.abs(dx) / 2);
        for (Path path : new Path[] {curve, hitArea}) {
            path.getElements().setAll(new MoveTo(x1, y1),
                    new CubicCurveTo(x1 + reach, y1, x2 - reach, y2, x2, y2));
        }
        // The point of the curve at t = 1/2.
        place((x1 + 3 * (x1 + reach) + 3 * (x2 - reach) + x2) / 8, (y1 + 3 * y1 + 3 * y2 + y2) / 8);
    }

    private void place(double x, double y) {
        shape.setLayoutX(x);
        shape.setLayoutY(y);
    }

    /** Shows the shape along this connection, or hides the label when it is not known. */
    void showShape(String text) {
        boolean known = text != null && !text.isEmpty();
        if (known && !text.equals(shape.getText())) {
            shape.setText(text);
        }
        shape.setVisible(known);
        curve.pseudoClassStateChanged(UNKNOWN, !known);
    }

    void setSelected(boolean selected) {
        curve.pseudoClassStateChanged(SELECTED, selected);
        shape.pseudoClassStateChanged(SELECTED, selected);
    }
}
