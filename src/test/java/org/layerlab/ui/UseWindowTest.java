package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Use step driven as a user after a real (short) training on iris. */
@ExtendWith(ApplicationExtension.class)
class UseWindowTest {
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
    void tryTheTrainedModelOnTypedValues(FxRobot robot) {
        robot.clickOn("#useStepButton");
        assertThat(onFx(() -> robot.lookup("#useEmptyState").query().isVisible())).isTrue();
        trainIris(robot);

        robot.clickOn("#useStepButton");
        waitUntil("the form is shown", LOAD, () -> robot.lookup("#input-sepal_width").tryQuery().isPresent(),
                this::state);
        TextField width = robot.lookup("#input-sepal_width").queryAs(TextField.class);
        assertThat(onFx(() -> width.getText())).isNotBlank();

        robot.clickOn(width);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("wide");
        robot.clickOn("#predictButton");
        waitUntil("the problem is shown", LOAD,
                () -> robot.lookup("#inputProblemLabel").queryAs(Label.class).isVisible(), this::state);
        assertThat(onFx(() -> robot.lookup("#inputProblemLabel").queryAs(Label.class).getText()))
                .isEqualTo("The input has 'wide' for 'sepal_width', which must be a number.");

        robot.clickOn(width);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("3.4");
        robot.clickOn("#predictButton");
        waitUntil("the prediction is shown", LOAD,
                () -> !robot.lookup("#predictedLabel").queryAs(Label.class).getText().isEmpty(), this::state);
        assertThat(onFx(() -> robot.lookup("#predictedLabel").queryAs(Label.class).getText()))
                .matches("(setosa|versicolor|virginica) \\(probability \\d\\.\\d{3}\\)");
        assertThat(onFx(() -> robot.lookup("#inputProblemLabel").queryAs(Label.class).isVisible())).isFalse();
        assertThat(onFx(() -> robot.lookup("#probabilityChart").queryAs(ChartViewer.class).getChart()
                .getCategoryPlot().getDataset().getColumnCount())).isEqualTo(3);
    }

    private void trainIris(FxRobot robot) {
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.IRIS));
        waitUntil("iris is prepared", LOAD, () -> project.getExperiment() != null, this::state);
        robot.clickOn("#trainStepButton");
        onFx(() -> app.viewModels().train().epochsTextProperty().set("15"));
        robot.clickOn("#trainButton");
        waitUntil("the run is evaluated", TRAINING, () -> !project.trainingRunningProperty().get()
                && project.evaluationProperty().get() != null, this::state);
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get() + "'";
    }
}
