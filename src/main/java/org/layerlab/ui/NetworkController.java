package org.layerlab.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import org.layerlab.ui.canvas.CanvasController;

/** The Network step: a header over the network editor (palette, canvas, settings, problems). */
public final class NetworkController {
    private final NetworkViewModel model;

    @FXML private Label lockedHint;
    /** The included editor's controller (fx:id "canvasView" + "Controller"). */
    @FXML private CanvasController canvasViewController;

    NetworkController(NetworkViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        lockedHint.visibleProperty().bind(model.shared().trainingRunningProperty());
        lockedHint.managedProperty().bind(lockedHint.visibleProperty());
    }

    /** The network editor (e.g. to export its picture). */
    public CanvasController canvas() {
        return canvasViewController;
    }
}
