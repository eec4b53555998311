package org.layerlab.ui.canvas;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.Problem;

/**
 * One node on the canvas: a box with the layer's icon and name, its settings, its kind and parameter count, an error
 * or warning marker, an input port on the left and an output port on the right. Fixed size, so that edges can be attached
 * without waiting for layout. Updated in place when its node changes; never rebuilt.
 */
final class NodeView extends Pane {
    static final double WIDTH = 150;
    static final double HEIGHT = 76;
    static final double PORT_RADIUS = 6;

    /** One formatter for every node ("12,345"): making one per label update was measurable with 200 layers. */
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.ROOT);
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private Node node;
    private final Label name = new Label();
    private final Label kindLabel = new Label();
    private final Label summary = new Label();
    private final Label parameters = new Label();
    private final Label marker = new Label("!");
    private final Tooltip markerTip = new Tooltip();
    private final Circle inputPort = new Circle(PORT_RADIUS);
    private final Circle outputPort = new Circle(PORT_RADIUS);
    private LayerKind shownKind;
    private Group icon;

    NodeView(Node node) {
        getStyleClass().add("canvas-node");
        setId("node-" + node.id().value());
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);

        name.getStyleClass().add("node-name");
        name.setPrefWidth(WIDTH - 56);
        name.relocate(32, 5);
        kindLabel.getStyleClass().add("node-kind");
        kindLabel.setPrefWidth(WIDTH - 20);
        kindLabel.relocate(12, 22);
        summary.getStyleClass().add("node-summary");
        summary.setPrefWidth(WIDTH - 20);
        summary.relocate(12, 38);
        parameters.getStyleClass().add("node-parameters");
        parameters.setPrefWidth(WIDTH - 20);
        parameters.relocate(12, 55);
        marker.getStyleClass().add("node-marker");
        marker.relocate(WIDTH - 24, 7);
        marker.setVisible(false);
        markerTip.setWrapText(true);
        markerTip.setMaxWidth(360);
        Tooltip.install(marker, markerTip);

        inputPort.getStyleClass().addAll("port", "input-port");
        inputPort.setCenterX(0);
        inputPort.setCenterY(HEIGHT / 2);
        outputPort.getStyleClass().addAll("port", "output-port");
        outputPort.setCenterX(WIDTH);
        outputPort.setCenterY(HEIGHT / 2);

        getChildren().addAll(name, kindLabel, summary, parameters, marker, inputPort, outputPort);
        update(node);
    }

    Node node() {
        return node;
    }

    /** Shows {@code changed}: position, name, settings (and the icon and ports if the kind changed). */
    void update(Node changed) {
        Node old = this.node;
        this.node = changed;
        if (old == null || old.x() != changed.x() || old.y() != changed.y()) {
            relocate(changed.x(), changed.y());
        }
        if (old == null || !old.name().equals(changed.name())) {
            name.setText(changed.name());
            shownKind = null; // the tooltip names the layer
        }
        if (old == null || !old.spec().equals(changed.spec())) {
            summary.setText(changed.spec().summary());
        }
        if (changed.spec().kind() != shownKind) {
            showKind(changed.spec().kind());
        }
    }

    private void showKind(LayerKind kind) {
        if (shownKind != null) {
            getStyleClass().remove(LayerIcons.styleClass(shownKind.group()));
        }
        shownKind = kind;
        kindLabel.setText(kind.label());
        getStyleClass().add(LayerIcons.styleClass(kind.group()));
        if (icon != null) {
            getChildren().remove(icon);
        }
        icon = LayerIcons.icon(kind, 16);
        icon.setMouseTransparent(true);
        icon.relocate(12, 8);
        getChildren().add(icon);
        int arity = node.spec().inputArity();
        inputPort.setVisible(arity != 0);
        outputPort.setVisible(kind != LayerKind.OUTPUT);
        Tooltip tip = new Tooltip(node.name() + " — " + kind.label() + ": " + kind.explanation());
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        Tooltip.install(this, tip);
    }

    /** Shows the parameter count and problems from the latest analysis (null: not known). */
    void showAnalysis(Long parameterCount, List<Problem> problems) {
        String text = parameterCount == null ? ""
                : parameterCount == 0 ? "no parameters" : COUNT.format(parameterCount) + " parameters";
        if (!text.equals(parameters.getText())) {
            parameters.setText(text);
        }
        boolean error = problems.stream().anyMatch(Problem::isError);
        boolean warning = !error && !problems.isEmpty();
        pseudoClassStateChanged(ERROR, error);
        pseudoClassStateChanged(WARNING, warning);
        marker.setVisible(!problems.isEmpty());
        marker.pseudoClassStateChanged(ERROR, error);
        marker.pseudoClassStateChanged(WARNING, warning);
        if (!problems.isEmpty()) {
            markerTip.setText(problems.stream().map(Problem::message).collect(Collectors.joining("\n")));
        }
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    Circle inputPort() {
        return inputPort;
    }

    Circle outputPort() {
        return outputPort;
    }

    Label marker() {
        return marker;
    }

    /** Where connections leave this node, in canvas units. */
    double outX() {
        return node.x() + WIDTH;
    }

    double outY() {
        return node.y() + HEIGHT / 2;
    }

    /** Where connections arrive. */
    double inX() {
        return node.x();
    }

    double inY() {
        return node.y() + HEIGHT / 2;
    }
}
