package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.DoubleSpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.layerlab.core.preprocess.AugmentationPreview;

/**
 * Wires the Augmentation card of the Data view (declared in DataView.fxml) to its {@link TableAugmentationViewModel}:
 * the noise and oversampling controls, the "what the network sees" tables and the class counts before and after.
 */
final class TableAugmentationPanel {
    private final TableAugmentationViewModel model;
    private final TableView<List<String>> beforeTable;
    private final TableView<List<String>> afterTable;
    private final VBox countsBox;

    TableAugmentationPanel(TableAugmentationViewModel model, CheckBox noiseCheck, Spinner<Double> noiseSpinner,
                           CheckBox oversampleCheck, Label oversampleNote, Button regenerateButton, Label previewNote,
                           TableView<List<String>> beforeTable, TableView<List<String>> afterTable,
                           VBox countsBox) {
        this.model = model;
        this.beforeTable = beforeTable;
        this.afterTable = afterTable;
        this.countsBox = countsBox;

        noiseCheck.selectedProperty().bindBidirectional(model.noiseOnProperty());
        DoubleSpinnerValueFactory spread = new DoubleSpinnerValueFactory(0.01, 2.0, model.noiseProperty().get(), 0.05);
        spread.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double value) {
                return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text.trim().replace(',', '.'));
            }
        });
        noiseSpinner.setValueFactory(spread);
        noiseSpinner.setEditable(true);
        noiseSpinner.getEditor().setTextFormatter(new TextFormatter<>(change ->
                change.getControlNewText().matches("\\d{0,2}([.,]\\d{0,3})?") ? change : null));
        noiseSpinner.getEditor().focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                Spinners.commit(noiseSpinner);
            }
        });
        noiseSpinner.getEditor().setOnAction(event -> Spinners.commit(noiseSpinner));
        spread.valueProperty().addListener((obs, old, value) -> {
            if (value != null) {
                model.noiseProperty().set(value);
            }
        });
        model.noiseProperty().addListener((obs, old, value) -> spread.setValue(value.doubleValue()));
        noiseSpinner.disableProperty().bind(model.noiseOnProperty().not());

        oversampleCheck.selectedProperty().bindBidirectional(model.oversampleProperty());
        oversampleCheck.disableProperty().bind(model.oversampleAvailableProperty().not());
        oversampleNote.textProperty().bind(model.oversampleNoteProperty());
        oversampleNote.visibleProperty().bind(model.oversampleNoteProperty().isNotEmpty());
        oversampleNote.managedProperty().bind(oversampleNote.visibleProperty());

        regenerateButton.setOnAction(event -> model.regenerate());
        regenerateButton.disableProperty().bind(model.previewProperty().isNull());
        previewNote.textProperty().bind(model.previewNoteProperty());
        // Built when scrolled to: the card is far down the Data step's column, and each table opened brings a new
        // preview (docs/decisions/0025).
        RebuildWhenShown previewBuild = new RebuildWhenShown(beforeTable, ScrolledIntoView.of(beforeTable),
                () -> showPreview(model.previewProperty().get()));
        model.previewProperty().addListener((obs, old, preview) -> previewBuild.request());
        previewBuild.request();
    }

    private void showPreview(AugmentationPreview preview) {
        fill(beforeTable, preview, preview == null ? List.of() : preview.before());
        fill(afterTable, preview, preview == null ? List.of() : preview.after());
        countsBox.getChildren().clear();
        if (preview == null || preview.classNames().isEmpty()) {
            return;
        }
        GridPane grid = new GridPane();
        grid.setId("augmentationCounts");
        grid.getStyleClass().add("class-balance");
        grid.setHgap(14);
        grid.setVgap(2);
        grid.addRow(0, header("Class"), header("Training rows"), header("Rows per epoch"));
        for (int c = 0; c < preview.classNames().size(); c++) {
            Label name = new Label(preview.classNames().get(c));
            name.getStyleClass().add("class-name");
            Label before = new Label(String.format(Locale.ROOT, "%,d", preview.countsBefore().get(c)));
            int afterCount = preview.countsAfter().get(c);
            Label after = new Label(String.format(Locale.ROOT, "%,d", afterCount));
            if (afterCount != preview.countsBefore().get(c)) {
                after.getStyleClass().add("value");
            }
            grid.addRow(c + 1, name, before, after);
        }
        countsBox.getChildren().add(grid);
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("metric-name");
        return label;
    }

    private static void fill(TableView<List<String>> table, AugmentationPreview preview, List<List<String>> rows) {
        List<TableColumn<List<String>, ?>> columns = new ArrayList<>();
        if (preview != null) {
            for (int c = 0; c < preview.columns().size(); c++) {
                columns.add(PreviewTables.column(preview.columns().get(c), c));
            }
        }
        PreviewTables.show(table, columns, preview == null ? List.of() : rows);
    }
}
