package org.layerlab.ui.canvas;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;

/**
 * The palette: every kind of layer, grouped (input and output, core, images, sequences, merging), each with its
 * icon, its name and one line of explanation (all of it in the tooltip). Drag an entry onto the canvas to place it;
 * a double-click places it in the middle of the view.
 */
public final class LayerPalette extends ScrollPane {
    private final VBox entries = new VBox(2);
    private Consumer<LayerKind> onAdd = kind -> { };

    public LayerPalette() {
        getStyleClass().addAll("layer-palette", "plain-scroll");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        entries.getStyleClass().add("palette-entries");
        LayerKind.Group shown = null;
        for (LayerKind kind : LayerKind.values()) {
            if (kind.group() != shown) {
                shown = kind.group();
                Label header = new Label(shown.toString());
                header.getStyleClass().add("palette-group");
                entries.getChildren().add(header);
            }
            entries.getChildren().add(entry(kind));
        }
        setContent(entries);
    }

    /** What a double-click on an entry does (the canvas adds the layer in view). */
    public void setOnAdd(Consumer<LayerKind> action) {
        this.onAdd = action == null ? kind -> { } : action;
    }

    private HBox entry(LayerKind kind) {
        Label name = new Label(kind.label());
        name.getStyleClass().add("palette-name");
        Label line = new Label(kind.explanation());
        line.getStyleClass().add("palette-line");
        line.setMinWidth(0);
        VBox text = new VBox(0, name, line);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox entry = new HBox(8, LayerIcons.icon(kind, 20), text);
        entry.setAlignment(Pos.CENTER_LEFT);
        entry.getStyleClass().add("palette-entry");
        entry.setId("palette-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Tooltip tip = new Tooltip(kind.label() + ": " + kind.explanation() + example(kind.defaultSpec())
                + "\nDrag it onto the canvas, or double-click to add it.");
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        Tooltip.install(entry, tip);
        entry.setOnDragDetected(event -> {
            Dragboard board = entry.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.putString(NetworkCanvas.KIND_PREFIX + kind.name());
            board.setContent(content);
            board.setDragView(entry.snapshot(null, null), 12, 12);
            event.consume();
        });
        entry.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                onAdd.accept(kind);
            }
        });
        return entry;
    }

    private static String example(LayerSpec defaults) {
        String summary = defaults.summary();
        return summary.isBlank() ? "" : "\nStarts as: " + summary + ".";
    }
}
