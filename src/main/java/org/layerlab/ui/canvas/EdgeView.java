package org.layerlab.ui.canvas;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import org.layerlab.core.graph.Edge;

/**
 * One connection: a cubic curve from an output port to an input port, a wider invisible curve to make it easy to
 * click, and a label at its middle with the shape of the values flowing along it (e.g. "16×14×14").
 */
final class EdgeView {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");

    final Edge edge;
    final CubicCurve curve = new CubicCurve();
    final CubicCurve hitArea = new CubicCurve();
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

    /** Routes the curve from ({@code x1}, {@code y1}) to ({@code x2}, {@code y2}). */
    void route(double x1, double y1, double x2, double y2) {
        double[] c = controls(x1, y1, x2, y2);
        for (CubicCurve line : new CubicCurve[] {curve, hitArea}) {
            line.setStartX(x1);
            line.setStartY(y1);
            line.setControlX1(c[0]);
            line.setControlY1(c[1]);
            line.setControlX2(c[2]);
            line.setControlY2(c[3]);
            line.setEndX(x2);
            line.setEndY(y2);
        }
        // The point of the curve at t = 1/2.
        shape.setLayoutX((x1 + 3 * c[0] + 3 * c[2] + x2) / 8);
        shape.setLayoutY((y1 + 3 * c[1] + 3 * c[3] + y2) / 8);
    }

    /**
     * Control points: horizontal tangents at both ports. A connection that skips over columns on the same row arches
     * above the nodes in between instead of running through them; one that goes backwards loops out wide.
     */
    static double[] controls(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double reach = Math.max(40, Math.abs(dx) / 2);
        double lift = 0;
        if (dx > NodeView.WIDTH * 1.8 && Math.abs(y2 - y1) < NodeView.HEIGHT) {
            lift = -Math.min(110, 50 + dx * 0.08);
        } else if (dx < 0) {
            reach = Math.max(90, Math.abs(dx) / 3);
            lift = Math.abs(y2 - y1) < NodeView.HEIGHT ? -90 : 0;
        }
        return new double[] {x1 + reach, y1 + lift, x2 - reach, y2 + lift};
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
