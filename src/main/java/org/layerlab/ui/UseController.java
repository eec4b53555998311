package org.layerlab.ui;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.graph.TensorShape;
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
    @FXML private Node imageCard;
    @FXML private Node formCard;
    @FXML private ImageView triedImageView;
    @FXML private ImageView saliencyView;
    @FXML private Label triedImageLabel;
    @FXML private Label imageProblemLabel;
    @FXML private Label predictFileHelp;
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
        BooleanBinding takesImages = Bindings.createBooleanBinding(
                () -> model.bundleProperty().get() != null && model.bundleProperty().get().takesImages(),
                model.bundleProperty());
        imageCard.visibleProperty().bind(takesImages);
        imageCard.managedProperty().bind(takesImages);
        formCard.visibleProperty().bind(takesImages.not());
        formCard.managedProperty().bind(takesImages.not());
        imageProblemLabel.textProperty().bind(model.inputProblemProperty());
        imageProblemLabel.visibleProperty().bind(model.inputProblemProperty().isNotEmpty());
        imageProblemLabel.managedProperty().bind(imageProblemLabel.visibleProperty());
        predictFileHelp.textProperty().bind(Bindings.when(takesImages)
                .then("Choose a folder of images (subfolders too); LayerLab writes a CSV with the predicted class and "
                        + "each class's probability for every image.")
                .otherwise("Choose a CSV, TSV or ARFF file with the same columns; LayerLab writes a CSV with the "
                        + "predicted class and each class's probability for every row."));
        predictFileButton.textProperty().bind(Bindings.when(takesImages).then("Predict a Folder…")
                .otherwise("Predict a File…"));
        model.triedImageProperty().addListener((obs, old, tried) -> showTriedImage(tried));
        imageCard.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            event.consume();
        });
        imageCard.setOnDragDropped(event -> {
            boolean dropped = event.getDragboard().hasFiles() && !event.getDragboard().getFiles().isEmpty();
            if (dropped) {
                model.predictImage(event.getDragboard().getFiles().get(0).toPath());
            }
            event.setDropCompleted(dropped);
            event.consume();
        });
        modelSourceLabel.textProperty().bind(model.modelSourceProperty());
        inputProblemLabel.textProperty().bind(model.inputProblemProperty());
        inputProblemLabel.visibleProperty().bind(model.inputProblemProperty().isNotEmpty());
        inputProblemLabel.managedProperty().bind(inputProblemLabel.visibleProperty());
        predictedLabel.textProperty().bind(model.predictedTextProperty());
        batchStatusLabel.textProperty().bind(model.batchStatusProperty());
        batchStatusLabel.visibleProperty().bind(model.batchStatusProperty().isNotEmpty());
        batchStatusLabel.managedProperty().bind(batchStatusLabel.visibleProperty());
        probabilityChart.setChart(Charts.probabilityBars(model.probabilityData()));
        RebuildWhenShown.drawChartsWhenShown(probabilityChart);
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
        RebuildWhenShown form = new RebuildWhenShown(formGrid, this::buildForm);
        model.fields().addListener((ListChangeListener<FormField>) change -> form.request());
        // A bar per class: as tall as the classes need, within reason.
        model.bundleProperty().addListener((obs, old, bundle) -> sizeChart());
        sizeChart();
        form.request();
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
    private void onChooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose an image to try");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images (*.png, *.jpg, *.jpeg, *.bmp, *.gif)", "*.png", "*.jpg",
                        "*.jpeg", "*.bmp", "*.gif"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.predictImage(file.toPath());
        }
    }

    private void showTriedImage(UseViewModel.TriedImage tried) {
        if (tried == null) {
            triedImageView.setImage(null);
            saliencyView.setImage(null);
            triedImageLabel.setText("");
            return;
        }
        triedImageView.setImage(AugmentationController.toImage(tried.pixels(), tried.shape()));
        saliencyView.setImage(heatMap(tried.pixels(), tried.shape(), tried.saliency()));
        triedImageLabel.setText(tried.file().getFileName() + " → " + tried.prediction().label());
    }

    /** The image dimmed, with the saliency laid over it from dark red (looked at a little) to yellow (most). */
    static WritableImage heatMap(float[] pixels, TensorShape.Image shape, float[] saliency) {
        int width = shape.width();
        int height = shape.height();
        int plane = width * height;
        WritableImage image = new WritableImage(width, height);
        PixelWriter writer = image.getPixelWriter();
        for (int i = 0; i < plane; i++) {
            double gray = 0;
            for (int c = 0; c < shape.channels(); c++) {
                gray += pixels[c * plane + i];
            }
            gray = 0.35 * gray / shape.channels();
            double heat = Math.max(0, Math.min(1, saliency[i]));
            double r = gray * (1 - heat) + Math.min(1, 2 * heat) * heat;
            double g = gray * (1 - heat) + Math.max(0, 2 * heat - 1) * heat;
            double b = gray * (1 - heat);
            writer.setArgb(i % width, i / width, 0xff000000 | (int) Math.round(r * 255) << 16
                    | (int) Math.round(g * 255) << 8 | (int) Math.round(b * 255));
        }
        return image;
    }

    @FXML
    private void onPredictFile() {
        if (model.bundleProperty().get() != null && model.bundleProperty().get().takesImages()) {
            DirectoryChooser folderChooser = new DirectoryChooser();
            folderChooser.setTitle("Choose a folder of images to predict");
            File folder = folderChooser.showDialog(window());
            if (folder == null) {
                return;
            }
            FileChooser saveImages = new FileChooser();
            saveImages.setTitle("Save the predictions");
            saveImages.setInitialDirectory(folder.getParentFile());
            saveImages.setInitialFileName(folder.getName() + "-predictions.csv");
            File out = saveImages.showSaveDialog(window());
            if (out != null) {
                model.predictFile(folder.toPath(), out.toPath());
            }
            return;
        }
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
