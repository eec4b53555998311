package org.layerlab.ui.canvas;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.layerlab.core.graph.Template;

/**
 * The network editor: toolbar, palette, canvas, inspector and problems around one {@link CanvasViewModel}.
 * Handlers only delegate; the file chooser lives here because it needs the window.
 */
public final class CanvasController {
    private final CanvasViewModel model;

    @FXML private NetworkCanvas canvas;
    @FXML private LayerPalette palette;
    @FXML private LayerInspector inspector;
    @FXML private ProblemList problemList;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private Button layoutButton;
    @FXML private Label zoomLabel;
    @FXML private MenuButton templatesButton;
    @FXML private Label totalsLabel;
    @FXML private Label messageLabel;
    @FXML private Node inspectorCard;

    public CanvasController(CanvasViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        canvas.setId("networkCanvas");
        canvas.setModel(model);
        palette.setOnAdd(canvas::addAtCentre);
        palette.disableProperty().bind(model.lockedProperty());
        inspector.setModel(model);
        problemList.setModel(model, canvas::centreOn);

        undoButton.disableProperty().bind(model.canUndoProperty().not().or(model.lockedProperty()));
        redoButton.disableProperty().bind(model.canRedoProperty().not().or(model.lockedProperty()));
        undoButton.setTooltip(boundTip(model.undoTextProperty(), " (Ctrl+Z)"));
        redoButton.setTooltip(boundTip(model.redoTextProperty(), " (Ctrl+Shift+Z)"));
        layoutButton.disableProperty().bind(model.lockedProperty());
        zoomLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(canvas.getZoom() * 100) + " %", canvas.zoomProperty()));
        totalsLabel.setId("totalsLabel");
        totalsLabel.textProperty().bind(model.totalsTextProperty());
        messageLabel.setId("canvasMessage");
        messageLabel.textProperty().bind(Bindings.createStringBinding(() -> model.messageProperty().get().isEmpty()
                ? "Drag empty space to pan · wheel zooms · Shift-drag selects · Ctrl+Z undoes"
                : model.messageProperty().get(), model.messageProperty()));
        // The settings float over the canvas only while there is something to show.
        inspectorCard.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !model.selectionProperty().get().isEmpty(), model.selectionProperty()));
        canvas.coveredRightProperty().bind(Bindings.when(inspectorCard.visibleProperty())
                .then(inspectorCard.prefWidth(-1) + 10).otherwise(0.0));


        templatesButton.disableProperty().bind(model.lockedProperty());
        templatesButton.setOnShowing(event -> fillTemplates());
        templatesButton.setTooltip(new Tooltip("Starts from a ready-made network that fits the loaded data. "
                + "Replaces the current network (Undo brings it back)."));
        fillTemplates();
    }

    private void fillTemplates() {
        List<Template> templates = model.templates();
        templatesButton.getItems().clear();
        if (templates.isEmpty()) {
            MenuItem none = new MenuItem("No templates available");
            none.setDisable(true);
            templatesButton.getItems().add(none);
            return;
        }
        for (Template template : templates) {
            MenuItem item = new MenuItem(template.name() + " — " + template.description());
            item.setId("template-" + template.id().toLowerCase(Locale.ROOT));
            item.setOnAction(event -> model.useTemplate(template));
            item.setDisable(model.dataProperty().get() == null);
            templatesButton.getItems().add(item);
        }
    }

    @FXML
    private void onUndo() {
        model.undo();
        canvas.requestFocus();
    }

    @FXML
    private void onRedo() {
        model.redo();
        canvas.requestFocus();
    }

    @FXML
    private void onAutoLayout() {
        model.autoLayout();
    }

    @FXML
    private void onZoomToFit() {
        canvas.zoomToFit();
    }

    @FXML
    private void onZoomIn() {
        canvas.zoomIn();
    }

    @FXML
    private void onZoomOut() {
        canvas.zoomOut();
    }

    @FXML
    private void onExportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the network as a picture");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG picture", "*.png"));
        chooser.setInitialFileName("network.png");
        Window window = canvas.getScene() == null ? null : canvas.getScene().getWindow();
        File file = chooser.showSaveDialog(window);
        if (file != null) {
            exportPng(file.toPath());
        }
    }

    /** Writes the picture to {@code file} (".png" added when missing) and says so below the canvas. */
    public void exportPng(Path file) {
        Path target = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") ? file
                : file.resolveSibling(file.getFileName() + ".png");
        try {
            canvas.exportPng(target);
            model.say("Saved a picture of the network to " + target + ".");
        } catch (IOException | RuntimeException failure) {
            model.say("The picture could not be saved to " + target + ": " + failure.getMessage());
        }
    }

    public NetworkCanvas canvas() {
        return canvas;
    }

    private static Tooltip boundTip(ObservableStringValue text, String keys) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat(text, keys));
        return tip;
    }
}
