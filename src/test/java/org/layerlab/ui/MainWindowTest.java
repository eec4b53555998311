package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NodeId;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Drives the whole window as a user: samples menu, train, stop, a bad file, save and open a project. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final Duration TRAINING = Duration.ofSeconds(180);
    private static final Pattern ACCURACY = Pattern.compile("Test accuracy: (\\d+\\.\\d+)");

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
    void trainsTheIrisSampleAndShowsTheEvaluation(FxRobot robot) {
        robot.clickOn("Samples");
        robot.clickOn("Iris flowers");
        waitUntil("the iris rows are shown", LOAD, () -> dataTable(robot).getItems().size() == 150, this::state);
        assertThat(onFx(() -> labelCombo(robot).getValue())).isEqualTo("species");
        waitUntil("the data is prepared", LOAD, () -> viewModels().project().getExperiment() != null, this::state);

        robot.clickOn("#trainStepButton");
        robot.clickOn("#epochsField");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("30");
        assertThat(onFx(() -> viewModels().project().trainingProperty().get().epochs())).isEqualTo(30);
        robot.clickOn("#trainButton");

        waitUntil("the loss chart has points", TRAINING, () -> lossPoints(robot) > 0, this::state);
        waitUntil("the test accuracy is shown", TRAINING,
                () -> ACCURACY.matcher(label(robot, "#testAccuracyLabel").getText()).find(), this::state);
        Matcher accuracy = ACCURACY.matcher(onFx(() -> label(robot, "#testAccuracyLabel").getText()));
        assertThat(accuracy.find()).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThanOrEqualTo(0.8);
        assertThat(onFx(() -> button(robot, "#trainButton").isDisabled())).isFalse();
        assertThat(onFx(() -> button(robot, "#stopButton").isDisabled())).isTrue();

        robot.clickOn("#evaluateStepButton");
        int testRows = onFx(() -> viewModels().project().getExperiment().split().test().length);
        Evaluation evaluation = onFx(() -> viewModels().project().evaluationProperty().get());
        assertThat(evaluation.total()).isEqualTo(testRows);
        int shownTotal = onFx(() -> robot.lookup("#confusionGrid").queryAs(GridPane.class).getChildren().stream()
                .flatMap(node -> node.lookupAll(".matrix-count").stream())
                .mapToInt(node -> Integer.parseInt(((Label) node).getText()))
                .sum());
        assertThat(shownTotal).isEqualTo(testRows);
        assertThat(onFx(() -> label(robot, "#testAccuracyValue").getText())).isEqualTo(accuracy.group(1));
        assertThat(onFx(() -> robot.lookup("#classTable").queryAs(TableView.class).getItems().size())).isEqualTo(3);
    }

    @Test
    void stopEndsALongRunAndTheWindowComesBack(FxRobot robot) {
        onFx(() -> viewModels().project().openSample(Sample.IRIS));
        waitUntil("the data is prepared", LOAD, () -> viewModels().project().getExperiment() != null, this::state);
        robot.clickOn("#trainStepButton");
        robot.clickOn("#epochsField");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("5000");
        robot.clickOn("#trainButton");
        waitUntil("training is running", LOAD, () -> !button(robot, "#stopButton").isDisabled(), this::state);
        assertThat(onFx(() -> button(robot, "#trainButton").isDisabled())).isTrue();
        waitUntil("some loss points arrive", TRAINING, () -> lossPoints(robot) > 0, this::state);

        robot.clickOn("#stopButton");

        waitUntil("the window is back to idle", Duration.ofSeconds(30),
                () -> !button(robot, "#trainButton").isDisabled() && button(robot, "#stopButton").isDisabled(),
                this::state);
        assertThat(onFx(() -> label(robot, "#statusLabel").getText())).containsIgnoringCase("stopped");
        assertThat(onFx(() -> label(robot, "#runStatusLabel").getText())).startsWith("Stopped after");
        assertThat(onFx(() -> viewModels().project().trainingRunningProperty().get())).isFalse();
    }

    @Test
    void aBadFileShowsItsProblemAndKeepsTheDataThatWasLoaded(FxRobot robot, @TempDir Path folder)
            throws IOException {
        onFx(() -> viewModels().project().openSample(Sample.IRIS));
        waitUntil("the iris rows are shown", LOAD, () -> dataTable(robot).getItems().size() == 150, this::state);
        Path ragged = folder.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,label\n1,2,x\n3,4\n5,6,y\n");

        onFx(() -> viewModels().data().openDataFile(ragged));

        waitUntil("the error banner shows", LOAD, () -> robot.lookup("#errorBanner").query().isVisible(), this::state);
        String message = onFx(() -> label(robot, "#errorText").getText());
        assertThat(message).contains("Line 3").contains("ragged.csv").doesNotContain("Exception");
        assertThat(onFx(() -> dataTable(robot).getItems().size())).isEqualTo(150);
        assertThat(onFx(() -> labelCombo(robot).getValue())).isEqualTo("species");
        assertThat(onFx(() -> label(robot, "#fileTitleLabel").getText())).isEqualTo("iris.csv");
        assertThat(onFx(() -> stage.getTitle())).contains("iris.csv");

        robot.clickOn("#dismissErrorButton");
        waitUntil("the banner goes away", LOAD, () -> !robot.lookup("#errorBanner").query().isVisible(),
                this::state);
    }

    @Test
    void aBadProjectFileShowsItsProblemAndKeepsTheProject(FxRobot robot, @TempDir Path folder) throws IOException {
        onFx(() -> viewModels().project().openSample(Sample.IRIS));
        // The rows come a few pulses after the prepared data (DataController shows the step in parts).
        waitUntil("the data is prepared and its rows shown", LOAD, () -> viewModels().project().getExperiment() != null
                && dataTable(robot).getItems().size() == 150, this::state);
        Path notAProject = folder.resolve("broken.layerlab.json");
        Files.writeString(notAProject, "{ \"hello\": 1 }");

        onFx(() -> viewModels().project().openProject(notAProject));

        waitUntil("the error banner shows", LOAD, () -> robot.lookup("#errorBanner").query().isVisible(), this::state);
        assertThat(onFx(() -> label(robot, "#errorText").getText())).contains("not a LayerLab project file");
        assertThat(onFx(() -> viewModels().project().getExperiment())).isNotNull();
        assertThat(onFx(() -> dataTable(robot).getItems().size())).isEqualTo(150);
    }

    @Test
    void aProjectSavedAndOpenedAgainRestoresTheNetworkAndSettings(FxRobot robot, @TempDir Path folder) {
        ProjectViewModel project = viewModels().project();
        NetworkViewModel network = viewModels().network();
        onFx(() -> project.openSample(Sample.TITANIC));
        waitUntil("the data is prepared", LOAD, () -> project.getExperiment() != null, this::state);
        onFx(() -> {
            setUnits(network, "dense_1", 10);
            viewModels().train().epochsTextProperty().set("12");
            viewModels().data().labelProperty().set("sex");
        });
        Path file = folder.resolve("titanic-test");

        onFx(() -> project.saveProject(file));
        Path saved = folder.resolve("titanic-test.layerlab.json");
        waitUntil("the project is saved", LOAD, () -> saved.toAbsolutePath().normalize()
                .equals(project.projectFileProperty().get()), this::state);
        assertThat(saved).exists();

        onFx(() -> {
            setUnits(network, "dense_1", 99);
            network.canvas().addNode(LayerKind.DENSE, 0, 300);
            viewModels().train().epochsTextProperty().set("77");
            viewModels().data().labelProperty().set("survived");
        });
        waitUntil("the edits are applied", LOAD, () -> project.getProject().network().nodes().size() == 5
                && project.getProject().training().epochs() == 77, this::state);

        onFx(() -> project.openProject(saved));

        waitUntil("the saved project is back", LOAD, () -> project.getProject().network().nodes().size() == 4,
                this::state);
        assertThat(onFx(() -> network.canvas().getGraph().node(new NodeId("dense_1")).spec()))
                .isEqualTo(new DenseSpec(10, Activation.RELU));
        assertThat(onFx(() -> project.getProject().labelColumn())).isEqualTo("sex");
        assertThat(onFx(() -> project.getProject().training().epochs())).isEqualTo(12);
        assertThat(onFx(() -> project.getProject().preprocessing().excludedColumns()))
                .containsExactlyInAnyOrder("name", "ticket", "boat", "body", "home.dest", "cabin");
        robot.clickOn("#networkStepButton");
        robot.clickOn("#node-dense_1");
        assertThat(onFx(() -> robot.lookup("#inspector-units").queryAs(Spinner.class).getValue())).isEqualTo(10);
        robot.clickOn("#dataStepButton");
        assertThat(onFx(() -> labelCombo(robot).getValue())).isEqualTo("sex");
        robot.clickOn("#trainStepButton");
        assertThat(onFx(() -> robot.lookup("#epochsField").queryAs(javafx.scene.control.TextField.class).getText()))
                .isEqualTo("12");
        assertThat(onFx(() -> stage.getTitle())).contains("titanic-test.layerlab.json");
    }

    @Test
    void trainIsDisabledWithAReasonUntilDataIsLoaded(FxRobot robot) {
        robot.clickOn("#trainStepButton");
        assertThat(onFx(() -> button(robot, "#trainButton").isDisabled())).isTrue();
        assertThat(onFx(() -> label(robot, "#trainHint").getText())).contains("Open a data file first");
        assertThat(onFx(() -> button(robot, "#stopButton").isDisabled())).isTrue();
        waitUntil("the backend is shown", Duration.ofSeconds(60),
                () -> !label(robot, "#backendLabel").getText().contains("starting"), this::state);
        assertThat(onFx(() -> label(robot, "#backendLabel").getText())).matches("Backend: (CPU|CUDA).*");
        assertThat(onFx(() -> label(robot, "#backendLabel").getTooltip().getText())).isNotBlank();
    }

    // ---------------------------------------------------------------- helpers

    private static void setUnits(NetworkViewModel network, String id, int units) {
        network.canvas().changeSpec(new NodeId(id), spec -> new DenseSpec(units, ((DenseSpec) spec).activation()));
    }

    private ViewModels viewModels() {
        return app.viewModels();
    }

    private String state() {
        ProjectViewModel project = viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', run='" + viewModels().train().runStatusProperty().get() + "', epoch='"
                + viewModels().train().epochTextProperty().get() + "', dataProblem='"
                + project.dataProblemProperty().get() + "'";
    }

    private static int lossPoints(FxRobot robot) {
        ChartViewer viewer = robot.lookup("#lossChart").queryAs(ChartViewer.class);
        return viewer.getChart().getXYPlot().getDataset().getItemCount(0);
    }

    @SuppressWarnings("unchecked")
    private static TableView<Integer> dataTable(FxRobot robot) {
        return robot.lookup("#dataTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> labelCombo(FxRobot robot) {
        return robot.lookup("#labelCombo").queryAs(ComboBox.class);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static Button button(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return (Button) node;
    }
}
