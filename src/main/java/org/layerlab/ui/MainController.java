package org.layerlab.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.project.ProjectStore;
import org.layerlab.core.train.BackendInfo;

/**
 * The window frame: menus, the step list, the error banner, the status bar and drag-and-drop of files.
 * Handlers only delegate; file choosers live here because they need the window.
 */
public final class MainController {
    private static final List<String> DATA_EXTENSIONS = List.of(".csv", ".tsv", ".txt", ".tab", ".arff");

    private final ViewModels viewModels;
    private final ProjectViewModel project;

    @FXML private BorderPane root;
    @FXML private Menu samplesMenu;
    @FXML private MenuItem openDataItem;
    @FXML private MenuItem openProjectItem;
    @FXML private MenuItem openImageFolderItem;
    @FXML private MenuItem saveProjectItem;
    @FXML private MenuItem saveProjectAsItem;
    @FXML private ToggleGroup steps;
    @FXML private ToggleButton dataStepButton;
    @FXML private ToggleButton networkStepButton;
    @FXML private ToggleButton trainStepButton;
    @FXML private ToggleButton evaluateStepButton;
    @FXML private Label dataCaption;
    @FXML private Label networkCaption;
    @FXML private Label trainCaption;
    @FXML private Label evaluateCaption;
    @FXML private HBox errorBanner;
    @FXML private Label errorText;
    @FXML private Button dismissErrorButton;
    @FXML private javafx.scene.layout.StackPane stepPane;
    @FXML private Node dataView;
    @FXML private Node networkView;
    @FXML private Node trainView;
    @FXML private Node evaluateView;
    @FXML private Node dropOverlay;
    @FXML private ToggleButton useStepButton;
    @FXML private Label useCaption;
    @FXML private Node useView;
    @FXML private MenuItem exportModelItem;
    @FXML private MenuItem exportReportItem;
    @FXML private Label statusLabel;
    @FXML private Label backendLabel;
    @FXML private ProgressIndicator busyIndicator;

    private Path lastFolder;

    MainController(ViewModels viewModels) {
        this.viewModels = viewModels;
        this.project = viewModels.project();
    }

    @FXML
    private void initialize() {
        buildSamplesMenu();
        bindSteps();
        bindCaptions();
        bindBanner();
        bindStatusBar();
        var running = project.trainingRunningProperty();
        openDataItem.disableProperty().bind(running);
        openProjectItem.disableProperty().bind(running);
        openImageFolderItem.disableProperty().bind(running);
        samplesMenu.disableProperty().bind(running);
        saveProjectItem.disableProperty().bind(project.projectProperty().isNull());
        saveProjectAsItem.disableProperty().bind(project.projectProperty().isNull());
        exportModelItem.disableProperty().bind(viewModels.use().bundleProperty().isNull());
        exportReportItem.disableProperty().bind(project.evaluationProperty().isNull()
                .and(project.regressionResultProperty().isNull()));
        useCaption.textProperty().bind(Bindings.when(viewModels.use().bundleProperty().isNull())
                .then("Try the model").otherwise("Model ready"));
        root.setOnDragOver(this::onDragOver);
        root.setOnDragExited(event -> dropOverlay.setVisible(false));
        root.setOnDragDropped(this::onDragDropped);
    }

    // ---------------------------------------------------------------- menus

    @FXML
    private void onOpenDataFile() {
        FileChooser chooser = chooser("Open a data file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data tables (*.csv, *.tsv, *.txt, *.arff)", "*.csv", "*.tsv", "*.txt", "*.tab", "*.arff"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            remember(file);
            project.openDataFile(file.toPath());
        }
    }

    @FXML
    private void onOpenImageFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of images (one subfolder per class)");
        if (lastFolder != null && lastFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(lastFolder.toFile());
        }
        File folder = chooser.showDialog(window());
        if (folder != null) {
            lastFolder = folder.toPath().getParent();
            project.openImageFolder(folder.toPath());
        }
    }

    @FXML
    private void onOpenProject() {
        FileChooser chooser = chooser("Open a LayerLab project");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("LayerLab projects (*" + ProjectStore.EXTENSION + ")",
                        "*" + ProjectStore.EXTENSION),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            remember(file);
            project.openProject(file.toPath());
        }
    }

    @FXML
    private void onSaveProject() {
        Path current = project.projectFileProperty().get();
        if (current == null) {
            onSaveProjectAs();
        } else {
            project.saveProject(current);
        }
    }

    @FXML
    private void onSaveProjectAs() {
        if (project.getProject() == null) {
            project.showError("There is nothing to save yet: open a data file first.");
            return;
        }
        FileChooser chooser = chooser("Save the project");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                "LayerLab projects (*" + ProjectStore.EXTENSION + ")", "*" + ProjectStore.EXTENSION));
        String source = project.getTable() == null ? "project" : project.getTable().source();
        int dot = source.lastIndexOf('.');
        chooser.setInitialFileName((dot > 0 ? source.substring(0, dot) : source) + ProjectStore.EXTENSION);
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            remember(file);
            project.saveProject(file.toPath());
        }
    }

    @FXML
    private void onExportModel() {
        FileChooser chooser = chooser("Export the model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                "LayerLab models (*" + ModelBundleStore.EXTENSION + ")", "*" + ModelBundleStore.EXTENSION));
        chooser.setInitialFileName(baseName() + ModelBundleStore.EXTENSION);
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            remember(file);
            viewModels.use().exportModel(file.toPath());
        }
    }

    @FXML
    private void onOpenModel() {
        FileChooser chooser = chooser("Open a saved model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("LayerLab models (*" + ModelBundleStore.EXTENSION + ")",
                        "*" + ModelBundleStore.EXTENSION),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            remember(file);
            viewModels.use().openModel(file.toPath());
        }
    }

    @FXML
    private void onExportReport() {
        FileChooser chooser = chooser("Export the report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Web pages (*.html)", "*.html"));
        chooser.setInitialFileName(baseName() + "-report.html");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            remember(file);
            viewModels.evaluate().exportReport(file.toPath());
        }
    }

    private String baseName() {
        String source = project.getTable() == null ? "model" : project.getTable().source();
        int dot = source.lastIndexOf('.');
        return dot > 0 ? source.substring(0, dot) : source;
    }

    @FXML
    private void onQuit() {
        Platform.exit();
    }

    @FXML
    private void onAbout() {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.initOwner(window());
        about.setTitle("About LayerLab");
        about.setHeaderText("LayerLab");
        about.setContentText("Build and train neural networks by pointing and clicking.\n\n"
                + "1 Data: open a table and choose what to predict.\n"
                + "2 Network: choose the layers.\n"
                + "3 Train: watch the network learn.\n"
                + "4 Evaluate: see how well it does on rows it never saw.\n"
                + "5 Use: try the model on new values, predict a file, serve it.");
        about.show();
    }

    @FXML
    private void onDismissError() {
        project.clearError();
    }

    private void buildSamplesMenu() {
        Map<Sample, String> ids = Map.of(Sample.IRIS, "sampleIrisItem", Sample.DIGITS, "sampleDigitsItem",
                Sample.TITANIC, "sampleTitanicItem", Sample.MNIST_IMAGES, "sampleMnistImagesItem");
        for (Sample sample : Sample.values()) {
            MenuItem item = new MenuItem(sample.title());
            item.setId(ids.get(sample));
            item.setOnAction(event -> project.openSample(sample));
            if (sample.locate().isEmpty()) {
                item.setDisable(true);
                item.setText(sample.title() + " (not found)");
            }
            samplesMenu.getItems().add(item);
        }
    }

    // ---------------------------------------------------------------- steps, banner, status

    private void bindSteps() {
        Map<Step, ToggleButton> buttons = Map.of(Step.DATA, dataStepButton, Step.NETWORK, networkStepButton,
                Step.TRAIN, trainStepButton, Step.EVALUATE, evaluateStepButton, Step.USE, useStepButton);
        Map<Step, Node> views = Map.of(Step.DATA, dataView, Step.NETWORK, networkView, Step.TRAIN, trainView,
                Step.EVALUATE, evaluateView, Step.USE, useView);
        buttons.forEach((step, button) -> {
            button.setUserData(step);
            button.setOnAction(event -> project.stepProperty().set(step));
        });
        views.forEach((step, view) -> view.visibleProperty().bind(project.stepProperty().isEqualTo(step)));
        // Only the current step's view is in the scene. Every FX pulse walks the whole scene graph, and the hidden
        // steps held over 7,000 nodes (a data table alone 3,500): walking them cost the training dashboard its
        // smoothness. A view keeps its state while it is out of the scene.
        Runnable attachCurrent = () -> {
            Node current = views.get(project.stepProperty().get());
            stepPane.getChildren().removeIf(child -> views.containsValue(child) && child != current);
            if (!stepPane.getChildren().contains(current)) {
                stepPane.getChildren().add(0, current);
            }
        };
        project.stepProperty().addListener((obs, old, step) -> attachCurrent.run());
        attachCurrent.run();
        // A toggle group lets the selected button be clicked off; the step property keeps one selected.
        Runnable select = () -> steps.selectToggle(buttons.get(project.stepProperty().get()));
        project.stepProperty().addListener((obs, old, step) -> select.run());
        steps.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                select.run();
            }
        });
        select.run();
    }

    private void bindCaptions() {
        dataCaption.textProperty().bind(Bindings.createStringBinding(() -> {
            if (project.getImageExperiment() != null) {
                java.nio.file.Path folder = project.getImageExperiment().folder().root().getFileName();
                return (folder == null ? "images" : folder.toString()) + " (images)";
            }
            if (project.getTable() == null) {
                return "Open a table";
            }
            return project.getTable().source();
        }, project.tableProperty(), project.imageExperimentProperty()));
        networkCaption.textProperty().bind(viewModels.network().captionProperty());
        TrainViewModel train = viewModels.train();
        trainCaption.textProperty().bind(Bindings.createStringBinding(() -> {
            if (project.trainingRunningProperty().get()) {
                return train.epochTextProperty().get();
            }
            return switch (train.runStateProperty().get()) {
                case COMPLETED -> "Done";
                case STOPPED -> "Stopped";
                case FAILED -> "Failed";
                default -> "Not trained yet";
            };
        }, project.trainingRunningProperty(), train.epochTextProperty(), train.runStateProperty()));
        evaluateCaption.textProperty().bind(Bindings.createStringBinding(() -> {
            if (project.evaluationProperty().get() == null) {
                return "After training";
            }
            return String.format(Locale.ROOT, "Accuracy %.3f", project.evaluationProperty().get().accuracy());
        }, project.evaluationProperty()));
    }

    private void bindBanner() {
        errorText.textProperty().bind(project.errorProperty());
        errorBanner.visibleProperty().bind(project.errorProperty().isNotEmpty());
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
    }

    private void bindStatusBar() {
        statusLabel.textProperty().bind(project.statusProperty());
        busyIndicator.visibleProperty().bind(project.busyBinding().or(project.trainingRunningProperty()));
        busyIndicator.managedProperty().bind(busyIndicator.visibleProperty());
        Tooltip backendTip = new Tooltip("LayerLab is starting its compute engine (ND4J) in the background.");
        backendTip.setWrapText(true);
        backendTip.setMaxWidth(420);
        backendLabel.setTooltip(backendTip);
        backendLabel.setText("Backend: starting…");
        project.backendProperty().addListener((obs, old, info) -> showBackend(info, backendTip));
        showBackend(project.backendProperty().get(), backendTip);
    }

    private void showBackend(BackendInfo info, Tooltip tip) {
        if (info == null) {
            return;
        }
        backendLabel.getStyleClass().remove("backend-none");
        if ("none".equals(info.kind())) {
            backendLabel.setText("Backend: not available");
            backendLabel.getStyleClass().add("backend-none");
        } else {
            backendLabel.setText("Backend: " + info.summary());
        }
        tip.setText(info.explanation() == null || info.explanation().isBlank()
                ? "Training runs on " + info.summary() + "." : info.explanation());
    }

    // ---------------------------------------------------------------- drag and drop

    private void onDragOver(DragEvent event) {
        if (droppedFile(event.getDragboard()).isPresent() && !project.trainingRunningProperty().get()) {
            event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            dropOverlay.setVisible(true);
        }
        event.consume();
    }

    private void onDragDropped(DragEvent event) {
        Optional<File> file = droppedFile(event.getDragboard());
        dropOverlay.setVisible(false);
        file.ifPresent(f -> {
            remember(f);
            if (f.isDirectory()) {
                project.openImageFolder(f.toPath());
            } else if (f.getName().endsWith(ProjectStore.EXTENSION)) {
                project.openProject(f.toPath());
            } else {
                project.openDataFile(f.toPath());
            }
        });
        event.setDropCompleted(file.isPresent());
        event.consume();
    }

    /** The first dropped file that LayerLab can open: a data table, a project or a folder of images. */
    static Optional<File> droppedFile(Dragboard board) {
        if (board == null || !board.hasFiles()) {
            return Optional.empty();
        }
        return board.getFiles().stream().filter(MainController::canOpen).findFirst();
    }

    static boolean canOpen(File file) {
        if (file.isDirectory()) {
            return true;
        }
        String name = file.getName().toLowerCase(Locale.ROOT);
        return name.endsWith(ProjectStore.EXTENSION) || DATA_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    // ---------------------------------------------------------------- helpers

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        Path folder = lastFolder;
        if (folder == null && project.getProject() != null) {
            folder = project.getProject().dataFile().getParent();
        }
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    private void remember(File file) {
        if (file.getParentFile() != null) {
            lastFolder = file.getParentFile().toPath();
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
