package org.layerlab.ui;

import java.io.File;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.data.ColumnType;
import org.layerlab.ui.UseViewModel.FormField;

/** The Use step: try the model on typed values, predict a file, serve it over HTTP. */
public final class UseController {
    private final UseViewModel model;

    @FXML private Node useEmptyState;
    @FXML private Node useContent;
    @FXML private Label modelSourceLabel;
    @FXML private GridPane formGrid;
    @FXML private Button predictButton;
    @FXML private Label inputProblemLabel;
    @FXML private Label predictedLabel;
    @FXML private ChartViewer probabilityChart;
    @FXML private StackPane probabilityChartHolder;
    @FXML private Button predictFileButton;
    @FXML private Label batchStatusLabel;
    @FXML private TextField portField;
    @FXML private ToggleButton serveToggle;
    @FXML private Label serveStatusLabel;
    @FXML private Node servingBox;
    @FXML private TextField serverUrlField;
    @FXML private TextField curlField;

    UseController(UseViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        useEmptyState.visibleProperty().bind(model.bundleProperty().isNull());
        useContent.visibleProperty().bind(model.bundleProperty().isNotNull());
        modelSourceLabel.textProperty().bind(model.modelSourceProperty());
        inputProblemLabel.textProperty().bind(model.inputProblemProperty());
        inputProblemLabel.visibleProperty().bind(model.inputProblemProperty().isNotEmpty());
        inputProblemLabel.managedProperty().bind(inputProblemLabel.visibleProperty());
        predictedLabel.textProperty().bind(model.predictedTextProperty());
        batchStatusLabel.textProperty().bind(model.batchStatusProperty());
        batchStatusLabel.visibleProperty().bind(model.batchStatusProperty().isNotEmpty());
        batchStatusLabel.managedProperty().bind(batchStatusLabel.visibleProperty());
        probabilityChart.setChart(Charts.probabilityBars(model.probabilityData()));
        portField.textProperty().bindBidirectional(model.portTextProperty());
        portField.disableProperty().bind(model.servingProperty().or(model.serverBusyProperty()));
        serveToggle.disableProperty().bind(model.serverBusyProperty());
        // The toggle shows whether the server runs; a click asks, the model answers (it may fail to start).
        model.servingProperty().addListener((obs, old, on) -> showServing(on));
        model.serverBusyProperty().addListener((obs, old, busy) -> showServing(model.servingProperty().get()));
        serveStatusLabel.textProperty().bind(model.serveStatusProperty());
        serveStatusLabel.visibleProperty().bind(model.serveStatusProperty().isNotEmpty());
        serveStatusLabel.managedProperty().bind(serveStatusLabel.visibleProperty());
        servingBox.visibleProperty().bind(model.servingProperty());
        servingBox.managedProperty().bind(servingBox.visibleProperty());
        serverUrlField.textProperty().bind(model.serverUrlProperty());
        curlField.textProperty().bind(model.curlExampleProperty());
        showServing(false);
        model.fields().addListener((ListChangeListener<FormField>) change -> buildForm());
        // A bar per class: as tall as the classes need, within reason.
        model.bundleProperty().addListener((obs, old, bundle) -> sizeChart());
        sizeChart();
        buildForm();
    }

    @FXML
    private void onPredict() {
        model.predict();
    }

    @FXML
    private void onServeToggle() {
        if (model.servingProperty().get()) {
            model.stopServing();
        } else {
            model.startServing();
        }
        showServing(model.servingProperty().get());
    }

    @FXML
    private void onCopyCurl() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.curlExampleProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void showServing(boolean on) {
        serveToggle.setSelected(on);
        serveToggle.setText(on ? "Stop" : "Serve");
    }

    @FXML
    private void onGoToTrain() {
        model.shared().stepProperty().set(Step.TRAIN);
    }

    @FXML
    private void onOpenModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a saved model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("LayerLab models (*" + ModelBundleStore.EXTENSION + ")",
                        "*" + ModelBundleStore.EXTENSION),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.openModel(file.toPath());
        }
    }

    @FXML
    private void onPredictFile() {
        FileChooser open = new FileChooser();
        open.setTitle("Choose the rows to predict");
        open.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data tables (*.csv, *.tsv, *.txt, *.arff)", "*.csv", "*.tsv", "*.txt",
                        "*.tab", "*.arff"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File data = open.showOpenDialog(window());
        if (data == null) {
            return;
        }
        FileChooser save = new FileChooser();
        save.setTitle("Save the predictions");
        save.setInitialDirectory(data.getParentFile());
        String name = data.getName();
        int dot = name.lastIndexOf('.');
        save.setInitialFileName((dot > 0 ? name.substring(0, dot) : name) + "-predictions.csv");
        save.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files (*.csv)", "*.csv"));
        File out = save.showSaveDialog(window());
        if (out != null) {
            model.predictFile(data.toPath(), out.toPath());
        }
    }

    /** One row per input: a text field for numbers, a list of the known values for categories. */
    private void buildForm() {
        formGrid.getChildren().clear();
        int row = 0;
        for (FormField field : model.fields()) {
            Label name = new Label(field.input().name());
            name.setTooltip(new Tooltip(field.input().name()));
            name.setMinWidth(0);
            formGrid.add(name, 0, row);
            Node editor;
            if (field.input().type() == ColumnType.CATEGORICAL) {
                ComboBox<String> combo = new ComboBox<>();
                combo.getItems().setAll(field.input().categories());
                combo.valueProperty().bindBidirectional(field.value());
                combo.setMaxWidth(Double.MAX_VALUE);
                editor = combo;
            } else {
                TextField text = new TextField();
                text.textProperty().bindBidirectional(field.value());
                text.setPromptText("a number (empty: unknown)");
                editor = text;
            }
            editor.setId("input-" + field.input().name().replaceAll("[^A-Za-z0-9_]", "_"));
            formGrid.add(editor, 1, row);
            row++;
        }
    }

    private void sizeChart() {
        int classes = model.bundleProperty().get() == null ? 3 : model.bundleProperty().get().classNames().size();
        double height = Math.max(140, Math.min(360, 70 + 26 * classes));
        probabilityChartHolder.setPrefHeight(height);
        probabilityChartHolder.setMinHeight(height);
    }

    private Window window() {
        return useContent.getScene() == null ? null : useContent.getScene().getWindow();
    }
}
