package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Run history driven as a user: iris is trained twice with different learning rates, both runs are ticked in the
 * Train step's "Compare runs" tab and overlaid, then the Evaluate step compares the second run with the first.
 */
@ExtendWith(ApplicationExtension.class)
class RunHistoryWindowTest {
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
    void twoRunsAreOverlaidAndComparedSideBySide(FxRobot robot) {
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.IRIS));
        waitUntil("iris is prepared", LOAD, () -> project.getExperiment() != null, this::state);
        robot.clickOn("#trainStepButton");
        type(robot, "#epochsField", "5");
        robot.clickOn("#trainButton");
        waitUntil("the first run is kept", TRAINING, () -> project.runs().size() == 1
                && !project.trainingRunningProperty().get(), this::state);
        type(robot, "#learningRateField", "0.05");
        robot.clickOn("#trainButton");
        waitUntil("the second run is kept and evaluated", TRAINING, () -> project.runs().size() == 2
                && project.evaluationProperty().get() != null, this::state);

        robot.clickOn("Compare runs");
        TableView<?> runsTable = robot.lookup("#runsTable").queryAs(TableView.class);
        waitUntil("both runs are listed", LOAD, () -> runsTable.isVisible() && runsTable.getItems().size() == 2,
                this::state);
        assertThat(onFx(() -> app.viewModels().train().runs().rows().get(1).run().settingsSummary()))
                .contains("lr 0.05").contains("5 epochs");
        List<Node> ticks = onFx(() -> List.copyOf(robot.lookup("#runsTable .check-box").queryAll()));
        assertThat(ticks).hasSize(2);
        robot.clickOn(ticks.get(0));
        robot.clickOn(ticks.get(1));
        XYPlot lossPlot = onFx(() -> (XYPlot) ((CombinedDomainXYPlot) robot.lookup("#runOverlayChart")
                .queryAs(ChartViewer.class).getChart().getXYPlot()).getSubplots().get(0));
        waitUntil("two runs are overlaid", LOAD, () -> lossPlot.getDataset().getSeriesCount() == 2, this::state);
        assertThat(onFx(() -> List.of(lossPlot.getDataset().getSeriesKey(0), lossPlot.getDataset().getSeriesKey(1))))
                .containsExactly("Run 1", "Run 2");
        assertThat(onFx(() -> lossPlot.getDataset().getItemCount(1))).isEqualTo(5);
        shoot("train-runs-overlaid");

        robot.clickOn("#evaluateStepButton");
        waitUntil("the comparison is offered", LOAD, () -> robot.lookup("#compareCombo").query().isVisible(),
                this::state);
        robot.clickOn("#compareCombo");
        Node firstRun = onFx(() -> robot.lookup(".combo-box-popup .list-cell")
                .match((ListCell<?> cell) -> "Run 1".equals(cell.getText())).query());
        robot.clickOn(firstRun);

        TableView<?> comparison = robot.lookup("#comparisonTable").queryAs(TableView.class);
        waitUntil("the runs are side by side", LOAD, () -> comparison.isVisible() && !comparison.getItems().isEmpty(),
                this::state);
        assertThat(onFx(() -> comparison.getColumns().stream().map(column -> column.getText()).toList()))
                .containsExactly("Metric", "Run 1", "Run 2 (shown)", "Change");
        assertThat(onFx(() -> comparison.getItems().size())).isEqualTo(4 + 3);
        assertThat(onFx(() -> robot.lookup("#comparisonHint").queryAs(Label.class).getText()))
                .startsWith("Run 1 was trained with Adam, lr 0.01");
        shoot("evaluate-compare-runs");
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
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(folder));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                    java.nio.file.Path.of(folder, name + ".png").toFile());
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
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', runs=" + project.runs().size();
    }
}
