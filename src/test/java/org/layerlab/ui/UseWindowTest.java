package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
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
    void tryTheTrainedModelOnTypedValuesThenServeIt(FxRobot robot) throws Exception {
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

        // Serve on any free port, ask it from another program, stop.
        TextField port = robot.lookup("#portField").queryAs(TextField.class);
        robot.clickOn(port);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("0");
        robot.clickOn("#serveToggle");
        waitUntil("the server runs", LOAD, () -> robot.lookup("#serverUrlField").queryAs(TextField.class).isVisible()
                && !robot.lookup("#serverUrlField").queryAs(TextField.class).getText().isEmpty(), this::state);
        String url = onFx(() -> robot.lookup("#serverUrlField").queryAs(TextField.class).getText());
        assertThat(onFx(() -> robot.lookup("#serveToggle").queryAs(ToggleButton.class).getText())).isEqualTo("Stop");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sepal_length\": 5.1, \"sepal_width\": 3.5, "
                        + "\"petal_length\": 1.4, \"petal_width\": 0.2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).matches("\\{\"label\":\"(setosa|versicolor|virginica)\".*");

        robot.clickOn("#serveToggle");
        waitUntil("the server stopped", LOAD, () -> !app.viewModels().use().servingProperty().get()
                && !app.viewModels().use().serverBusyProperty().get(), this::state);
        assertThat(onFx(() -> robot.lookup("#serveToggle").queryAs(ToggleButton.class).getText())).isEqualTo("Serve");
        assertThat(onFx(() -> robot.lookup("#serveStatusLabel").queryAs(Label.class).getText()))
                .isEqualTo("Stopped serving.");
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
