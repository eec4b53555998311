package org.layerlab.ui.canvas;

import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Problem;

/**
 * Every problem shape inference found, errors first: which layer, what is wrong, and a Fix button when there is an
 * obvious repair. Clicking a problem selects its layer and brings it into view.
 */
public final class ProblemList extends VBox {
    private CanvasViewModel model;
    private Consumer<NodeId> reveal = id -> { };
    private final Label summary = new Label();
    private final VBox rows = new VBox(6);

    public ProblemList() {
        getStyleClass().add("problem-list");
        setSpacing(8);
        summary.setWrapText(true);
        summary.setMinHeight(Control.USE_PREF_SIZE);
        summary.setId("problems-summary");
        getChildren().addAll(summary, rows);
    }

    /** @param onReveal brings a layer into view (the canvas scrolls to it) */
    public void setModel(CanvasViewModel canvasModel, Consumer<NodeId> onReveal) {
        this.model = canvasModel;
        this.reveal = onReveal;
        model.problems().addListener((ListChangeListener<Problem>) change -> rebuild());
        model.analysisNoteProperty().addListener((obs, old, note) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        rows.getChildren().clear();
        summary.getStyleClass().removeAll("problems-none", "problems-some");
        if (model.getAnalysis() == null) {
            summary.setText(model.analysisNoteProperty().get());
            return;
        }
        long errors = model.problems().stream().filter(Problem::isError).count();
        long warnings = model.problems().size() - errors;
        if (model.problems().isEmpty()) {
            summary.setText("No problems: the network can train.");
            summary.getStyleClass().add("problems-none");
            return;
        }
        summary.setText(errors == 0 ? count(warnings, "warning") + ": the network can train."
                : count(errors, "problem") + " to fix before training"
                + (warnings == 0 ? "." : ", and " + count(warnings, "warning") + "."));
        summary.getStyleClass().add("problems-some");
        model.problems().stream().filter(Problem::isError).forEach(p -> rows.getChildren().add(row(p)));
        model.problems().stream().filter(p -> !p.isError()).forEach(p -> rows.getChildren().add(row(p)));
    }

    private HBox row(Problem problem) {
        Label marker = new Label("!");
        marker.getStyleClass().addAll("node-marker", problem.isError() ? "marker-error" : "marker-warning");
        marker.setMinWidth(Control.USE_PREF_SIZE);
        String where = problem.node() == null ? "Network"
                : model.getGraph().find(problem.node()).map(Node::name).orElse(problem.node().value());
        Label name = new Label(where);
        name.getStyleClass().add("problem-node");
        Label message = new Label(problem.message());
        message.setWrapText(true);
        message.setMinHeight(Control.USE_PREF_SIZE);
        message.getStyleClass().add("problem-message");
        VBox text = new VBox(2, name, message);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        HBox row = new HBox(8, marker, text);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().addAll("problem-row", problem.isError() ? "problem-error" : "problem-warning");
        problem.fix().ifPresent(fix -> {
            Button button = new Button("Fix");
            button.getStyleClass().add("fix-button");
            button.setMinWidth(Control.USE_PREF_SIZE);
            Tooltip tip = new Tooltip(fix.label());
            tip.setWrapText(true);
            tip.setMaxWidth(320);
            button.setTooltip(tip);
            button.setOnAction(event -> model.applyFix(problem));
            Label what = new Label(fix.label());
            what.getStyleClass().add("fix-label");
            what.setWrapText(true);
            what.setMinHeight(Control.USE_PREF_SIZE);
            HBox fixLine = new HBox(8, button, what);
            fixLine.setAlignment(Pos.CENTER_LEFT);
            text.getChildren().add(fixLine);
        });
        if (problem.node() != null) {
            row.setOnMouseClicked(event -> {
                model.select(Set.of(problem.node()));
                reveal.accept(problem.node());
            });
        }
        return row;
    }

    private static String count(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
