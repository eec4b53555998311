package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.core.evaluate.Evaluation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Evaluate step after a real (short) training on iris: curves, and the rows behind a confusion cell. */
@ExtendWith(ApplicationExtension.class)
class EvaluateWindowTest {
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final Duration TRAINING = Duration.ofSeconds(180);

    private LayerLabApp app;

    @Start
    void start(Stage stage) {
        app = new LayerLabApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void clickingAConfusionCellListsTheTestRowsBehindIt(FxRobot robot) {
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.IRIS));
        waitUntil("iris is prepared", LOAD, () -> project.getExperiment() != null, this::state);
        robot.clickOn("#trainStepButton");
        onFx(() -> app.viewModels().train().epochsTextProperty().set("15"));
        robot.clickOn("#trainButton");
        waitUntil("the run is evaluated", TRAINING, () -> !project.trainingRunningProperty().get()
                && project.evaluationProperty().get() != null, this::state);
        robot.clickOn("#evaluateStepButton");
        waitUntil("the curves are drawn", LOAD,
                () -> robot.lookup("#rocChart").queryAs(ChartViewer.class).getChart().getXYPlot().getDataset()
                        .getSeriesCount() == 3, this::state);
        assertThat(onFx(() -> robot.lookup("#macroAucValue").queryAs(Label.class).getText())).matches("\\d\\.\\d{3}");
        assertThat(onFx(() -> robot.lookup("#precisionRecallChart").queryAs(ChartViewer.class).getChart()
                .getXYPlot().getDataset().getSeriesKey(0).toString())).contains("AP");

        waitUntil("the importance is measured", LOAD, () -> robot.lookup("#importanceChart")
                .queryAs(ChartViewer.class).getChart().getCategoryPlot().getDataset().getColumnCount() == 4,
                this::state);

        Evaluation evaluation = onFx(() -> project.evaluationProperty().get());
        int[][] confusion = evaluation.confusion();
        int actual = 0;
        int predicted = 0;
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                if (a != p && confusion[a][p] > 0) {
                    actual = a;
                    predicted = p;
                }
            }
        }
        robot.clickOn("#matrixCell-" + actual + "-" + predicted);

        int expected = confusion[actual][predicted];
        TableView<?> rows = robot.lookup("#cellRowsTable").queryAs(TableView.class);
        javafx.scene.Node card = robot.lookup("#cellRowsCard").query();
        waitUntil("the cell's rows are listed", LOAD, () -> card.isVisible() && rows.getItems().size() == expected,
                this::state);
        assertThat(onFx(() -> robot.lookup("#cellTitleLabel").queryAs(Label.class).getText()))
                .startsWith(expected + " test row");
        // The table shows the original columns (4 measurements and the species), then the model's answer.
        assertThat(onFx(() -> rows.getColumns().stream().map(column -> column.getText()).toList()))
                .contains("Row", "species", "Predicted", "Its probability", "True class's probability");
        EvaluateViewModel.CellRow first = onFx(() -> app.viewModels().evaluate().cellRows().get(0));
        assertThat(first.values()).contains(evaluation.classes().get(actual));
        assertThat(first.predicted()).isEqualTo(evaluation.classes().get(predicted));

        robot.clickOn("#closeCellRowsButton");
        waitUntil("the list closes", LOAD, () -> !card.isVisible(), this::state);
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get() + "'";
    }
}
