package org.layerlab.ui.canvas;

import java.util.Locale;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import org.layerlab.core.graph.LayerKind;

/**
 * A small vector icon for each kind of layer, drawn on a 20×20 grid in its group's colour: a picture of what the
 * layer does (Dense: everything wired to everything; Convolution: stacked feature maps; Dropout: some dots missing).
 * Drawn with shapes rather than images so they stay sharp at every zoom.
 */
public final class LayerIcons {
    private LayerIcons() {
    }

    /** The colour of a palette group, also the stripe on the canvas nodes of that group. */
    public static Color colour(LayerKind.Group group) {
        return switch (group) {
            case INPUT_OUTPUT -> Color.web("#d97706");
            case CORE -> Color.web("#4f46e5");
            case IMAGE -> Color.web("#0d9488");
            case SEQUENCE -> Color.web("#c026d3");
            case MERGE -> Color.web("#2563eb");
        };
    }

    /** The CSS class naming a group ("group-core"), for colours defined in the stylesheet. */
    public static String styleClass(LayerKind.Group group) {
        return "group-" + group.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A new icon of {@code kind}, {@code size} pixels square. */
    public static Group icon(LayerKind kind, double size) {
        Color colour = colour(kind.group());
        Group icon = new Group();
        // A transparent square fixes the bounds to the full grid, whatever the drawing.
        Rectangle frame = new Rectangle(0, 0, 20, 20);
        frame.setFill(Color.TRANSPARENT);
        icon.getChildren().add(frame);
        switch (kind) {
            case INPUT -> icon.getChildren().addAll(stroke("M2 10 H12 M8 6 L12 10 L8 14", colour),
                    bar(14, 3, 3, 14, colour));
            case OUTPUT -> icon.getChildren().addAll(bar(3, 3, 3, 14, colour),
                    stroke("M8 10 H18 M14 6 L18 10 L14 14", colour));
            case DENSE -> {
                icon.getChildren().add(stroke("M4 4 L16 7 M4 4 L16 13 M4 10 L16 7 M4 10 L16 13 M4 16 L16 7 "
                        + "M4 16 L16 13", colour.deriveColor(0, 1, 1, 0.55)));
                icon.getChildren().addAll(dot(4, 4, colour), dot(4, 10, colour), dot(4, 16, colour),
                        dot(16, 7, colour), dot(16, 13, colour));
            }
            case DROPOUT -> {
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 3; col++) {
                        boolean dropped = (row + col) % 3 == 1;
                        Circle c = dot(4 + col * 6, 4 + row * 6, colour);
                        if (dropped) {
                            c.setFill(Color.TRANSPARENT);
                            c.setStroke(colour);
                            c.setStrokeWidth(1);
                        }
                        icon.getChildren().add(c);
                    }
                }
            }
            case ACTIVATION -> icon.getChildren().addAll(stroke("M2 17 H18", colour.deriveColor(0, 1, 1, 0.35)),
                    stroke("M2 14 H10 L18 4", colour));
            case BATCH_NORM -> icon.getChildren().addAll(stroke("M2 17 H18", colour.deriveColor(0, 1, 1, 0.35)),
                    stroke("M2 16 C6 16 7 4 10 4 C13 4 14 16 18 16", colour));
            case FLATTEN -> icon.getChildren().addAll(grid(2, 5, 8, colour), stroke("M11 9 H14", colour),
                    bar(16, 2, 2.5, 16, colour));
            case CONVOLUTION -> icon.getChildren().addAll(square(6, 2, 12, colour, 0.35),
                    square(2, 6, 12, colour, 0.65), square(5, 9, 5, colour, 1.0));
            case MAX_POOLING -> {
                icon.getChildren().add(grid(2, 4, 12, colour));
                Rectangle best = new Rectangle(3, 5, 5, 5);
                best.setFill(colour);
                icon.getChildren().addAll(best, stroke("M15 10 H18", colour));
            }
            case AVERAGE_POOLING -> {
                icon.getChildren().add(grid(2, 4, 12, colour));
                Rectangle mean = new Rectangle(3, 5, 11, 11);
                mean.setFill(colour.deriveColor(0, 1, 1, 0.35));
                icon.getChildren().addAll(mean, stroke("M15 10 H18", colour));
            }
            case GLOBAL_POOLING -> icon.getChildren().addAll(square(2, 3, 12, colour, 0.35),
                    stroke("M14 9 L17 9", colour), dot(17.5, 9, colour));
            case LSTM -> icon.getChildren().addAll(square(5, 8, 10, colour, 0.8),
                    stroke("M7 7 C7 1 13 1 13 7 M11 5 L13 7 L15 5", colour));
            case SIMPLE_RNN -> {
                Circle cell = new Circle(10, 13, 5);
                cell.setFill(colour.deriveColor(0, 1, 1, 0.8));
                icon.getChildren().addAll(cell, stroke("M7 8 C7 1 13 1 13 8 M11 6 L13 8 L15 6", colour));
            }
            case EMBEDDING -> icon.getChildren().addAll(stroke("M3 6 H9 M3 11 H9 M5 3 L4 14 M8 3 L7 14", colour),
                    bar(12, 3, 2, 14, colour), bar(15, 6, 2, 11, colour.deriveColor(0, 1, 1, 0.6)));
            case ADD -> {
                Circle ring = new Circle(10, 10, 7.5);
                ring.setFill(Color.TRANSPARENT);
                ring.setStroke(colour);
                ring.setStrokeWidth(1.8);
                icon.getChildren().addAll(ring, stroke("M10 6 V14 M6 10 H14", colour));
            }
            case CONCATENATE -> icon.getChildren().addAll(bar(3, 3, 4, 14, colour.deriveColor(0, 1, 1, 0.55)),
                    bar(8, 3, 4, 14, colour), stroke("M14 10 H18", colour));
        }
        icon.setScaleX(size / 20);
        icon.setScaleY(size / 20);
        // Scaling a Group scales around its centre; wrap it so its layout bounds are the scaled size.
        Group holder = new Group(icon);
        holder.getStyleClass().add("layer-icon");
        return holder;
    }

    private static SVGPath stroke(String path, Color colour) {
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        shape.setFill(null);
        shape.setStroke(colour);
        shape.setStrokeWidth(1.8);
        shape.setStrokeLineCap(StrokeLineCap.ROUND);
        shape.setStrokeLineJoin(StrokeLineJoin.ROUND);
        return shape;
    }

    private static Circle dot(double x, double y, Color colour) {
        Circle c = new Circle(x, y, 2.2);
        c.setFill(colour);
        return c;
    }

    private static Rectangle bar(double x, double y, double w, double h, Color colour) {
        Rectangle r = new Rectangle(x, y, w, h);
        r.setArcWidth(1.5);
        r.setArcHeight(1.5);
        r.setFill(colour);
        return r;
    }

    private static Shape square(double x, double y, double side, Color colour, double opacity) {
        Rectangle r = new Rectangle(x, y, side, side);
        r.setFill(colour.deriveColor(0, 1, 1, opacity * 0.5));
        r.setStroke(colour.deriveColor(0, 1, 1, Math.max(0.5, opacity)));
        r.setStrokeWidth(1.2);
        return r;
    }

    /** A square of 2×2 cells. */
    private static Group grid(double x, double y, double side, Color colour) {
        Rectangle outline = new Rectangle(x, y, side, side);
        outline.setFill(Color.TRANSPARENT);
        outline.setStroke(colour);
        outline.setStrokeWidth(1.2);
        SVGPath lines = stroke("M" + (x + side / 2) + " " + y + " V" + (y + side) + " M" + x + " " + (y + side / 2)
                + " H" + (x + side), colour);
        lines.setStrokeWidth(1);
        return new Group(outline, lines);
    }
}
