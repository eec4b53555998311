package org.layerlab.ui;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import org.jfree.chart.fx.ChartViewer;
import org.layerlab.ui.TrainViewModel.Field;
import org.layerlab.ui.TrainViewModel.RunState;

/** The Train step: settings, Train and Stop, progress, and the live loss and accuracy charts. */
public final class TrainController {
    private final TrainViewModel model;

    @FXML private TextField epochsField;
    @FXML private TextField batchSizeField;
    @FXML private TextField learningRateField;
    @FXML private TextField trainSeedField;
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
        accuracyChart.setChart(Charts.accuracyChart(model.accuracyData()));
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
        if (field == null) {
            return;
        }
        TextField target = switch (field) {
            case EPOCHS -> epochsField;
            case BATCH_SIZE -> batchSizeField;
            case LEARNING_RATE -> learningRateField;
            case SEED -> trainSeedField;
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
