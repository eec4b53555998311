package org.layerlab.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.fx.ChartViewer;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.ui.TrainViewModel.Field;
import org.layerlab.ui.TrainViewModel.RunState;

/**
 * The Train step: settings, Train, Pause/Resume and Stop, progress with the time left, the training doctor's hints,
 * and the live charts (loss, accuracy or error, learning rate, layer changes, layer detail) with their export.
 */
public final class TrainController {
    private final TrainViewModel model;

    @FXML private TextField epochsField;
    @FXML private TextField batchSizeField;
    @FXML private TextField learningRateField;
    @FXML private TextField trainSeedField;
    @FXML private ComboBox<Optimizer> optimizerCombo;
    @FXML private ComboBox<LearningRateSchedule.Kind> scheduleCombo;
    @FXML private TextField warmupField;
    @FXML private ComboBox<WeightInit> weightInitCombo;
    @FXML private TextField l2Field;
    @FXML private TextField clipField;
    @FXML private TextField patienceField;
    @FXML private ComboBox<org.layerlab.core.train.EarlyStopping.Metric> earlyStoppingMetricCombo;
    @FXML private Button pauseButton;
    @FXML private Button resumeCheckpointButton;
    @FXML private Label resumeCheckpointLabel;
    @FXML private Label iterationLabel;
    @FXML private Label etaLabel;
    @FXML private Node liveRateRow;
    @FXML private TextField liveRateField;
    @FXML private Label liveRateProblemLabel;
    @FXML private Label bestEpochLabel;
    @FXML private Label checkpointLabel;
    @FXML private VBox hintsBox;
    @FXML private Node hintsCard;
    @FXML private Label configProblemLabel;
    @FXML private Node settingsGrid;
    @FXML private Node trainButtonHolder;
    @FXML private Button trainButton;
    @FXML private Button stopButton;
    @FXML private Label trainHint;
    @FXML private ProgressBar progressBar;
    @FXML private Label epochLabel;
    @FXML private Label speedLabel;
    @FXML private Label metricsLabel;
    @FXML private Label runStatusLabel;
    @FXML private Label testAccuracyLabel;
    @FXML private Hyperlink showEvaluationLink;
    @FXML private ChartViewer lossChart;
    @FXML private ChartViewer accuracyChart;
    @FXML private ChartViewer learningRateChart;
    @FXML private Button saveAccuracyChartButton;
    @FXML private ChartViewer layerUpdateChart;
    @FXML private ComboBox<String> distributionLayerCombo;
    @FXML private Label activationStatsLabel;
    @FXML private ChartViewer weightHistogramChart;
    @FXML private ChartViewer activationHistogramChart;
    @FXML private javafx.scene.control.TableView<RunsViewModel.Row> runsTable;
    @FXML private Label runsNoteLabel;
    @FXML private javafx.scene.control.TableColumn<RunsViewModel.Row, Boolean> runTickColumn;
    @FXML private javafx.scene.control.TableColumn<RunsViewModel.Row, String> runNameColumn;
    @FXML private javafx.scene.control.TableColumn<RunsViewModel.Row, String> runSettingsColumn;
    @FXML private javafx.scene.control.TableColumn<RunsViewModel.Row, String> runMetricColumn;
    @FXML private javafx.scene.control.TableColumn<RunsViewModel.Row, String> runOutcomeColumn;
    @FXML private ChartViewer runOverlayChart;

    TrainController(TrainViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        epochsField.textProperty().bindBidirectional(model.epochsTextProperty());
        batchSizeField.textProperty().bindBidirectional(model.batchSizeTextProperty());
        learningRateField.textProperty().bindBidirectional(model.learningRateTextProperty());
        trainSeedField.textProperty().bindBidirectional(model.seedTextProperty());
        settingsGrid.disableProperty().bind(model.shared().trainingRunningProperty());
        model.invalidFieldProperty().addListener((obs, old, field) -> markInvalid(field));
        bindVisibleText(configProblemLabel, model.configProblemProperty());

        trainButton.disableProperty().bind(model.trainDisabledProperty());
        stopButton.disableProperty().bind(model.stopDisabledProperty());
        // A disabled button shows no tooltip, so the reason sits on its holder and in the hint below it.
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.blockedReasonProperty());
        why.setWrapText(true);
        why.setMaxWidth(360);
        Tooltip.install(trainButtonHolder, why);
        trainButton.setTooltip(new Tooltip("Trains the network on the training rows. The charts update as it learns."));
        stopButton.setTooltip(new Tooltip("Ends the run after the current batch. The network keeps what it has "
                + "learned so far."));
        bindVisibleText(trainHint, model.blockedReasonProperty());

        progressBar.progressProperty().bind(model.progressProperty());
        epochLabel.textProperty().bind(model.epochTextProperty());
        speedLabel.textProperty().bind(model.speedTextProperty());
        metricsLabel.textProperty().bind(model.metricsTextProperty());
        bindVisibleText(runStatusLabel, model.runStatusProperty());
        model.runStateProperty().addListener((obs, old, state) -> styleRunStatus(state));
        bindVisibleText(testAccuracyLabel, model.testAccuracyTextProperty());
        showEvaluationLink.visibleProperty().bind(model.shared().evaluationProperty().isNotNull());
        showEvaluationLink.managedProperty().bind(showEvaluationLink.visibleProperty());

        lossChart.setChart(Charts.lossChart(model.lossData()));
        showEpochChart(model.epochChartShowsErrorProperty().get());
        model.epochChartShowsErrorProperty().addListener((obs, old, error) -> showEpochChart(error));
        learningRateChart.setChart(Charts.learningRateChart(model.learningRateData()));
        layerUpdateChart.setChart(Charts.layerUpdateChart(model.layerUpdateData()));
        distributionLayerCombo.setItems(model.distributionLayers());
        distributionLayerCombo.valueProperty().bindBidirectional(model.distributionLayerProperty());
        activationStatsLabel.textProperty().bind(model.activationTextProperty());
        Tooltip statsTip = tooltip("");
        String statsExplained = "Mean and std: the average and spread of the layer's outputs. Dead units (ReLU "
                + "layers only): the share of its units that output 0 for every row; a dead unit's weights are no "
                + "longer corrected, so it stops learning.";
        statsTip.textProperty().bind(Bindings.createStringBinding(() -> (model.distributionsMeasuredTextProperty().get()
                + " " + statsExplained).trim(), model.distributionsMeasuredTextProperty()));
        activationStatsLabel.setTooltip(statsTip);
        weightHistogramChart.setChart(Charts.layerHistogram("Weights", model.weightHistogramData()));
        activationHistogramChart.setChart(Charts.layerHistogram("Activations", model.activationHistogramData()));
        // A run goes on while the user looks at another step: its charts catch up when the step is shown again.
        RebuildWhenShown.drawChartsWhenShown(lossChart, accuracyChart, learningRateChart, layerUpdateChart,
                weightHistogramChart, activationHistogramChart);

        initializeOptions();
        initializeRuns();
        pauseButton.disableProperty().bind(model.pauseDisabledProperty());
        pauseButton.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pauseButton.setTooltip(new Tooltip("Pause holds the training after the current batch; Resume goes on exactly "
                + "where it stopped (the optimizer remembers its state). While paused you may change the learning "
                + "rate below."));
        resumeCheckpointButton.disableProperty().bind(model.resumeFromCheckpointDisabledProperty());
        resumeCheckpointButton.visibleProperty().bind(model.resumableCheckpointProperty().isNotNull());
        resumeCheckpointButton.managedProperty().bind(resumeCheckpointButton.visibleProperty());
        resumeCheckpointButton.setTooltip(new Tooltip("Continues the last run of this project from its latest "
                + "checkpoint, e.g. after LayerLab was closed or crashed, up to the number of epochs set above."));
        bindVisibleText(resumeCheckpointLabel, model.resumeTextProperty());
        bindVisibleText(iterationLabel, model.iterationTextProperty());
        bindVisibleText(etaLabel, model.etaTextProperty());
        liveRateField.textProperty().bindBidirectional(model.liveLearningRateTextProperty());
        liveRateRow.visibleProperty().bind(model.pausedProperty());
        liveRateRow.managedProperty().bind(liveRateRow.visibleProperty());
        bindVisibleText(liveRateProblemLabel, model.liveLearningRateProblemProperty());
        bindVisibleText(bestEpochLabel, model.bestEpochTextProperty());
        bindVisibleText(checkpointLabel, model.checkpointTextProperty());
        model.hints().addListener((ListChangeListener<String>) change -> showHints());
        hintsCard.visibleProperty().bind(Bindings.isNotEmpty(model.hints()));
        hintsCard.managedProperty().bind(hintsCard.visibleProperty());
        model.learningRateMarks().addListener((ListChangeListener<Double>) change -> showLearningRateMarks());
    }

    private void initializeOptions() {
        optimizerCombo.getItems().setAll(Optimizer.values());
        optimizerCombo.valueProperty().bindBidirectional(model.optimizerProperty());
        scheduleCombo.getItems().setAll(LearningRateSchedule.Kind.values());
        scheduleCombo.valueProperty().bindBidirectional(model.scheduleKindProperty());
        weightInitCombo.getItems().setAll(WeightInit.values());
        weightInitCombo.valueProperty().bindBidirectional(model.weightInitProperty());
        warmupField.textProperty().bindBidirectional(model.warmupTextProperty());
        l2Field.textProperty().bindBidirectional(model.l2TextProperty());
        clipField.textProperty().bindBidirectional(model.clipTextProperty());
        patienceField.textProperty().bindBidirectional(model.patienceTextProperty());
        earlyStoppingMetricCombo.getItems().setAll(org.layerlab.core.train.EarlyStopping.Metric.values());
        earlyStoppingMetricCombo.valueProperty().bindBidirectional(model.earlyStoppingMetricProperty());
        earlyStoppingMetricCombo.setTooltip(tooltip("What early stopping watches: the loss on the validation rows "
                + "(lower is better) or their accuracy (higher is better)."));
        // The combo's tooltip explains the choice it shows.
        Tooltip optimizerTip = tooltip("");
        optimizerTip.textProperty().bind(Bindings.createStringBinding(() -> model.optimizerProperty().get() == null
                ? "" : "How the weights are moved after each batch. " + model.optimizerProperty().get().explanation(),
                model.optimizerProperty()));
        optimizerCombo.setTooltip(optimizerTip);
        Tooltip scheduleTip = tooltip("");
        scheduleTip.textProperty().bind(Bindings.createStringBinding(() -> model.scheduleKindProperty().get() == null
                ? "" : model.scheduleKindProperty().get().explanation(), model.scheduleKindProperty()));
        scheduleCombo.setTooltip(scheduleTip);
        Tooltip initTip = tooltip("");
        initTip.textProperty().bind(Bindings.createStringBinding(() -> model.weightInitProperty().get() == null
                ? "" : "How the weights start, for layers left on automatic. "
                + model.weightInitProperty().get().explanation(), model.weightInitProperty()));
        weightInitCombo.setTooltip(initTip);
    }

    private void initializeRuns() {
        RunsViewModel runs = model.runs();
        runsNoteLabel.textProperty().bind(model.shared().runsNoteProperty());
        runsNoteLabel.visibleProperty().bind(model.shared().runsNoteProperty().isNotEmpty());
        runsNoteLabel.managedProperty().bind(runsNoteLabel.visibleProperty());
        runsTable.setItems(runs.rows());
        runTickColumn.setCellValueFactory(cell -> cell.getValue().tickedProperty());
        runTickColumn.setCellFactory(javafx.scene.control.cell.CheckBoxTableCell.forTableColumn(runTickColumn));
        runTickColumn.setEditable(true);
        runNameColumn.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                cell.getValue().run().name()));
        runSettingsColumn.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                cell.getValue().run().settingsSummary()));
        runSettingsColumn.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : tooltip(text));
            }
        });
        runMetricColumn.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                cell.getValue().finalMetricText()));
        runOutcomeColumn.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                cell.getValue().outcomeText()));
        Tooltip metricTip = tooltip("The last epoch's accuracy on the validation rows (mean absolute error for a "
                + "regression).");
        javafx.scene.control.Label metricHeader = new javafx.scene.control.Label(runMetricColumn.getText());
        metricHeader.setTooltip(metricTip);
        runMetricColumn.setText(null);
        runMetricColumn.setGraphic(metricHeader);
        runOverlayChart.setChart(Charts.runOverlayChart(runs.lossOverlay(), runs.metricOverlay()));
    }

    private static Tooltip tooltip(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        return tip;
    }

    private void showHints() {
        hintsBox.getChildren().setAll(model.hints().stream().map(text -> {
            Label hint = new Label(text);
            hint.setWrapText(true);
            hint.setMinHeight(Region.USE_PREF_SIZE);
            hint.getStyleClass().add("doctor-hint");
            return hint;
        }).toList());
    }

    /** A dashed vertical line on the loss chart where the learning rate was changed by hand. */
    private void showLearningRateMarks() {
        XYPlot plot = lossChart.getChart().getXYPlot();
        plot.clearDomainMarkers();
        for (double iteration : model.learningRateMarks()) {
            ValueMarker marker = new ValueMarker(iteration);
            marker.setPaint(Charts.SECOND);
            marker.setStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel("learning rate changed");
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
        }
    }

    @FXML
    private void onPause() {
        model.togglePause();
    }

    @FXML
    private void onResumeCheckpoint() {
        model.resumeFromCheckpoint();
    }

    @FXML
    private void onSaveLossChart() {
        saveChart(lossChart, "loss.png");
    }

    /** Regression runs plot mean absolute error on the same chart; classification runs plot accuracy. */
    private void showEpochChart(boolean meanAbsoluteError) {
        accuracyChart.setChart(meanAbsoluteError ? Charts.meanAbsoluteErrorChart(model.accuracyData())
                : Charts.accuracyChart(model.accuracyData()));
        saveAccuracyChartButton.setText(meanAbsoluteError ? "Save error chart (PNG)…" : "Save accuracy chart (PNG)…");
    }

    @FXML
    private void onSaveAccuracyChart() {
        saveChart(accuracyChart, model.epochChartShowsErrorProperty().get() ? "mean-absolute-error.png" : "accuracy.png");
    }

    /** Draws the chart on the UI thread (it must not change while drawn) and writes the PNG on another thread. */
    private void saveChart(ChartViewer viewer, String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        java.io.File file = chooser.showSaveDialog(viewer.getScene().getWindow());
        if (file == null) {
            return;
        }
        java.awt.image.BufferedImage image = viewer.getChart().createBufferedImage(
                Math.max(800, (int) viewer.getWidth()), Math.max(500, (int) viewer.getHeight()));
        writeInBackground(file.toPath(), path -> org.layerlab.core.io.AtomicFiles.write(path,
                temporary -> javax.imageio.ImageIO.write(image, "png", temporary.toFile())), "Chart saved to ");
    }

    @FXML
    private void onExportCurves() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("training-curves.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV table", "*.csv"));
        java.io.File file = chooser.showSaveDialog(lossChart.getScene().getWindow());
        if (file == null) {
            return;
        }
        org.layerlab.core.train.TrainingCurves snapshot = model.curvesSnapshot();
        writeInBackground(file.toPath(), path -> TrainViewModel.writeCurves(snapshot, path), "Curves saved to ");
    }

    private interface Writer {
        void write(java.nio.file.Path path) throws java.io.IOException;
    }

    private void writeInBackground(java.nio.file.Path path, Writer writer, String done) {
        Thread thread = new Thread(() -> {
            try {
                writer.write(path);
                FxThread.run(() -> model.shared().statusProperty().set(done + path + "."));
            } catch (java.io.IOException | RuntimeException failure) {
                FxThread.run(() -> model.shared().showError("LayerLab could not write " + path + ": "
                        + failure.getMessage() + ". Check that the folder can be written to and the disk is not full."));
            }
        }, "layerlab-export");
        thread.setDaemon(true);
        thread.start();
    }

    @FXML
    private void onTrain() {
        model.train();
    }

    @FXML
    private void onStop() {
        model.stop();
    }

    @FXML
    private void onShowEvaluation() {
        model.shared().stepProperty().set(Step.EVALUATE);
    }

    private void markInvalid(Field field) {
        epochsField.getStyleClass().remove("invalid");
        batchSizeField.getStyleClass().remove("invalid");
        learningRateField.getStyleClass().remove("invalid");
        trainSeedField.getStyleClass().remove("invalid");
        for (TextField option : new TextField[] {warmupField, l2Field, clipField, patienceField}) {
            option.getStyleClass().remove("invalid");
        }
        if (field == null) {
            return;
        }
        TextField target = switch (field) {
            case EPOCHS -> epochsField;
            case BATCH_SIZE -> batchSizeField;
            case LEARNING_RATE -> learningRateField;
            case SEED -> trainSeedField;
            case WARMUP -> warmupField;
            case L2 -> l2Field;
            case CLIP -> clipField;
            case PATIENCE -> patienceField;
        };
        target.getStyleClass().add("invalid");
    }

    private void styleRunStatus(RunState state) {
        runStatusLabel.getStyleClass().removeAll("run-running", "run-completed", "run-stopped", "run-failed");
        switch (state) {
            case RUNNING -> runStatusLabel.getStyleClass().add("run-running");
            case COMPLETED -> runStatusLabel.getStyleClass().add("run-completed");
            case STOPPED -> runStatusLabel.getStyleClass().add("run-stopped");
            case FAILED -> runStatusLabel.getStyleClass().add("run-failed");
            default -> { }
        }
    }

    private static void bindVisibleText(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> text.get() != null && !text.get().isBlank(), text));
        label.managedProperty().bind(label.visibleProperty());
    }
}
