package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.train.CheckpointStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The training dashboard driven as a user: a real run on iris is paused, gets a new learning rate, resumes and
 * finishes with the change marked on the chart, the time left and the doctor's advice shown; its checkpoints let a
 * second run continue it.
 */
@ExtendWith(ApplicationExtension.class)
class TrainDashboardTest {
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final Duration TRAINING = Duration.ofSeconds(180);

    private LayerLabApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new LayerLabApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void pauseChangeTheLearningRateResumeAndContinueFromTheCheckpoint(FxRobot robot, @TempDir Path folder) {
        ProjectViewModel project = app.viewModels().project();
        TrainViewModel train = app.viewModels().train();
        onFx(() -> project.openSample(Sample.IRIS));
        waitUntil("the data is prepared", LOAD, () -> project.getExperiment() != null, this::state);
        Path file = folder.resolve("iris");
        onFx(() -> project.saveProject(file));
        waitUntil("the project is saved", LOAD, () -> project.projectFileProperty().get() != null, this::state);

        robot.clickOn("#trainStepButton");
        type(robot, "#epochsField", "300");
        assertThat(onFx(() -> project.trainingProperty().get().epochs())).isEqualTo(300);
        robot.clickOn("#trainButton");
        waitUntil("the loss chart has points", TRAINING, () -> lossPoints(robot) > 0, this::state);
        waitUntil("the time left is shown", TRAINING, () -> label(robot, "#etaLabel").isVisible()
                && label(robot, "#etaLabel").getText().endsWith("left"), this::state);

        robot.clickOn("#pauseButton");
        waitUntil("the run is paused", LOAD, () -> "Resume".equals(button(robot, "#pauseButton").getText())
                && robot.lookup("#liveRateField").query().isVisible(), this::state);
        assertThat(onFx(() -> label(robot, "#runStatusLabel").getText())).startsWith("Paused");
        assertThat(onFx(() -> robot.lookup("#liveRateField").queryAs(TextField.class).getText())).isEqualTo("0.01");
        // The field sits low in the scrolling side column, out of sight in a small window: set it as typing would.
        onFx(() -> robot.lookup("#liveRateField").queryAs(TextField.class).setText("0.8"));
        assertThat(onFx(() -> train.liveLearningRateTextProperty().get())).isEqualTo("0.8");
        shoot("train-paused");
        robot.clickOn("#pauseButton");

        waitUntil("the run finishes", TRAINING, () -> label(robot, "#testAccuracyLabel").isVisible(), this::state);
        assertThat(onFx(() -> label(robot, "#runStatusLabel").getText())).isEqualTo("Finished 300 epochs.");
        assertThat(onFx(() -> lossChart(robot).getChart().getXYPlot().getDomainMarkers(
                org.jfree.chart.ui.Layer.FOREGROUND))).hasSize(1);
        assertThat(onFx(() -> project.trainingResultProperty().get().history().get(299).learningRate()))
                .isEqualTo(0.8);
        // The loss chart: each batch, smoothed, and each epoch's training and validation loss.
        assertThat(onFx(() -> lossChart(robot).getChart().getXYPlot().getDataset().getSeriesCount())).isEqualTo(4);
        // The learning-rate chart: 0.01 from the first batch, 0.8 after the change, to the last of 1,200 batches.
        org.jfree.data.xy.XYDataset rates = onFx(() -> robot.lookup("#learningRateChart").queryAs(ChartViewer.class)
                .getChart().getXYPlot().getDataset());
        assertThat(onFx(() -> rates.getItemCount(0))).isEqualTo(1_200);
        assertThat(onFx(() -> rates.getYValue(0, 0))).isEqualTo(0.01);
        assertThat(onFx(() -> rates.getYValue(0, 1_199))).isEqualTo(0.8);
        assertThat(onFx(() -> train.hints())).as("the doctor's hints").isNotEmpty();
        org.jfree.data.xy.XYDataset layers = onFx(() -> robot.lookup("#layerUpdateChart").queryAs(ChartViewer.class)
                .getChart().getXYPlot().getDataset());
        assertThat(onFx(() -> layers.getSeriesCount())).isEqualTo(3);
        assertThat(onFx(() -> layers.getItemCount(0))).isPositive();
        // "Layer detail": the latest weight and activation histograms of the chosen layer.
        org.jfree.data.xy.XYDataset weights = onFx(() -> robot.lookup("#weightHistogramChart")
                .queryAs(ChartViewer.class).getChart().getXYPlot().getDataset());
        org.jfree.data.xy.XYDataset activations = onFx(() -> robot.lookup("#activationHistogramChart")
                .queryAs(ChartViewer.class).getChart().getXYPlot().getDataset());
        assertThat(onFx(() -> robot.lookup("#distributionLayerCombo").queryComboBox().getItems()))
                .containsExactly("dense_1", "dense_2", "output_1");
        assertThat(onFx(() -> robot.lookup("#distributionLayerCombo").queryComboBox().getValue())).isEqualTo("dense_1");
        assertThat(onFx(() -> weights.getItemCount(0))).isEqualTo(org.layerlab.core.train.Histogram.BINS);
        assertThat(onFx(() -> activations.getItemCount(0))).isEqualTo(org.layerlab.core.train.Histogram.BINS);
        assertThat(onFx(() -> label(robot, "#activationStatsLabel").getText())).startsWith("activations: mean ")
                .containsPattern(" · dead units \\d+%$");
        onFx(() -> robot.lookup("#distributionLayerCombo").<String>queryComboBox().setValue("output_1"));
        assertThat(onFx(() -> label(robot, "#activationStatsLabel").getText())).as("softmax is not ReLU")
                .doesNotContain("dead units");
        // Softmax outputs are probabilities: every activation bar lies within [0, 1].
        assertThat(onFx(() -> activations.getXValue(0, 0))).isBetween(0.0, 1.0);
        assertThat(onFx(() -> activations.getXValue(0, org.layerlab.core.train.Histogram.BINS - 1)))
                .isBetween(0.0, 1.0);
        assertThat(onFx(() -> robot.lookup("#hintsCard").query().isVisible())).isTrue();
        assertThat(onFx(() -> robot.lookup("#hintsBox .doctor-hint").queryAll().size()))
                .isEqualTo(onFx(() -> train.hints().size()));
        assertThat(onFx(() -> label(robot, "#checkpointLabel").getText())).isEqualTo("Checkpoint saved after epoch 300.");
        shoot("train-finished-with-hints");
        Path checkpoints = folder.resolve("iris.checkpoints");
        assertThat(CheckpointStore.latest(checkpoints)).hasValueSatisfying(latest ->
                assertThat(latest.getFileName().toString()).isEqualTo("epoch-0300"));

        // The app offers to continue the run from its last checkpoint.
        waitUntil("resuming is offered", LOAD, () -> robot.lookup("#resumeCheckpointButton").query().isVisible()
                && !button(robot, "#resumeCheckpointButton").isDisabled(), this::state);
        assertThat(onFx(() -> label(robot, "#resumeCheckpointLabel").getText())).contains("after epoch 300");
        type(robot, "#epochsField", "310");
        robot.clickOn("#resumeCheckpointButton");
        waitUntil("the continued run finishes", TRAINING,
                () -> label(robot, "#runStatusLabel").getText().equals("Finished 310 epochs."), this::state);
        assertThat(onFx(() -> project.trainingResultProperty().get().history())).hasSize(310);
        assertThat(Files.isDirectory(checkpoints.resolve("epoch-0310"))).isTrue();
    }

    /** With -Dlayerlab.screenshots=DIR, saves what the window shows (to look at the layout; asserts nothing). */
    private void shoot(String name) {
        String folder = System.getProperty("layerlab.screenshots");
        if (folder == null) {
            return;
        }
        onFx(() -> stage.getScene().getRoot().layout());
        javafx.scene.image.WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        try {
            Files.createDirectories(Path.of(folder));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                    Path.of(folder, name + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void type(FxRobot robot, String field, String text) {
        robot.clickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        TrainViewModel train = app.viewModels().train();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', run='" + train.runStatusProperty().get() + "', epoch='" + train.epochTextProperty().get()
                + "', eta='" + train.etaTextProperty().get() + "', hints=" + train.hints();
    }

    private static ChartViewer lossChart(FxRobot robot) {
        return robot.lookup("#lossChart").queryAs(ChartViewer.class);
    }

    private static int lossPoints(FxRobot robot) {
        return lossChart(robot).getChart().getXYPlot().getDataset().getItemCount(0);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static Button button(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return (Button) node;
    }
}
