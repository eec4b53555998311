package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.ui.canvas.NetworkCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Network step of the whole app, driven as a user: build on the canvas, fix a problem with one click, start
 * from a template and train it.
 */
@ExtendWith(ApplicationExtension.class)
class NetworkStepTest {
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final Duration TRAINING = Duration.ofSeconds(240);
    private static final Pattern ACCURACY = Pattern.compile("Test accuracy: (\\d+\\.\\d+)");
    private static final NodeId DENSE_2 = new NodeId("dense_2");
    private static final NodeId DENSE_3 = new NodeId("dense_3");
    private static final NodeId OUTPUT = new NodeId("output_1");

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

    @BeforeEach
    void forgetEarlierDrags() {
        MonocleDragReset.forgetStaleDragView();
    }

    @Test
    void dragDenseFromThePaletteWireItChangeItsUnitsAndUndo(FxRobot robot) {
        openSample(Sample.IRIS, "iris.csv");
        robot.clickOn("#networkStepButton");
        NetworkCanvas canvas = robot.lookup("#networkCanvas").queryAs(NetworkCanvas.class);

        // Drop a Dense layer below the row of layers.
        Bounds area = onFx(() -> canvas.localToScreen(canvas.getBoundsInLocal()));
        robot.drag("#palette-dense").dropTo(robot.point(new Point2D(area.getCenterX(), area.getMaxY() - 70)));
        waitUntil("dense_3 is on the canvas", LOAD, () -> graph().find(DENSE_3).isPresent(), this::state);

        // The new layer is selected, its settings float over the canvas; Escape puts them away.
        assertThat(onFx(() -> robot.lookup("#inspector-units").tryQuery().isPresent())).isTrue();
        robot.type(KeyCode.ESCAPE);
        // Take dense_2 → output_1 apart (click its shape label, Delete), then wire dense_2 → dense_3 → output_1.
        robot.clickOn("#shape-dense_2-output_1");
        robot.type(KeyCode.DELETE);
        assertThat(onFx(() -> graph().edges())).doesNotContain(new Edge(DENSE_2, OUTPUT));
        robot.drag(port(robot, DENSE_2, "output")).dropTo(port(robot, DENSE_3, "input"));
        robot.drag(port(robot, DENSE_3, "output")).dropTo(port(robot, OUTPUT, "input"));
        assertThat(onFx(() -> graph().edges())).contains(new Edge(DENSE_2, DENSE_3), new Edge(DENSE_3, OUTPUT));
        assertThat(shapeOn(robot, DENSE_3, OUTPUT)).isEqualTo("32");
        assertThat(onFx(() -> label(robot, "#problems-summary").getText()))
                .isEqualTo("No problems: the network can train.");

        // Change its units in the inspector: the shape on its outgoing connection follows.
        robot.clickOn("#node-dense_3");
        robot.doubleClickOn("#inspector-units .text-field");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("12").type(KeyCode.ENTER);
        assertThat(shapeOn(robot, DENSE_3, OUTPUT)).isEqualTo("12");
        assertThat(onFx(() -> app.viewModels().project().getProject().network().node(DENSE_3).spec()))
                .isEqualTo(new DenseSpec(12, Activation.RELU));
        assertThat(onFx(() -> label(robot, "#totalsLabel").getText()))
                .startsWith(String.format("Parameters: %,d", 4 * 64 + 64 + 64 * 32 + 32 + 32 * 12 + 12 + 12 * 3 + 3));

        // Undo with the keyboard, then with the button.
        robot.clickOn("#node-dense_3");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(shapeOn(robot, DENSE_3, OUTPUT)).isEqualTo("32");
        robot.clickOn("#undoButton");
        assertThat(onFx(() -> graph().edges())).doesNotContain(new Edge(DENSE_3, OUTPUT));
        assertThat(onFx(() -> app.viewModels().project().getProject().network())).isEqualTo(onFx(this::graph));
    }

    @Test
    void aWrongOutputIsMarkedTheTrainButtonSaysWhyAndOneClickFixesIt(FxRobot robot) {
        openSample(Sample.IRIS, "iris.csv");
        robot.clickOn("#networkStepButton");
        robot.clickOn("#node-output_1");
        robot.doubleClickOn("#inspector-units .text-field");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("5").type(KeyCode.ENTER);

        waitUntil("the problem is listed", LOAD, () -> robot.lookup(".fix-button").tryQuery().isPresent(),
                this::state);
        assertThat(onFx(() -> robot.lookup("#node-output_1 .node-marker").queryAs(Label.class).isVisible()))
                .isTrue();
        String problem = onFx(() -> robot.lookup(".problem-message").queryAs(Label.class).getText());
        assertThat(problem).contains("3 classes");
        robot.clickOn("#trainStepButton");
        assertThat(onFx(() -> button(robot, "#trainButton").isDisabled())).isTrue();
        assertThat(onFx(() -> label(robot, "#trainHint").getText())).contains(problem);

        robot.clickOn("#networkStepButton");
        robot.clickOn(".fix-button");

        assertThat(onFx(() -> ((OutputSpec) graph().node(OUTPUT).spec()).unitsFor(3))).isEqualTo(3);
        assertThat(onFx(() -> label(robot, "#problems-summary").getText()))
                .isEqualTo("No problems: the network can train.");
        robot.clickOn("#trainStepButton");
        assertThat(onFx(() -> button(robot, "#trainButton").isDisabled())).isFalse();
    }

    @Test
    void theLeNetTemplateFitsTheDigitsAndTrainsFromTheWindow(FxRobot robot, @TempDir Path folder) {
        openSample(Sample.DIGITS, "digits.csv");
        robot.clickOn("#networkStepButton");
        robot.clickOn("#templatesButton");
        robot.clickOn("#template-lenet");

        NetworkGraph lenet = onFx(this::graph);
        assertThat(lenet.nodesOfKind(LayerKind.CONVOLUTION)).hasSize(2);
        assertThat(onFx(() -> label(robot, "#problems-summary").getText()))
                .isEqualTo("No problems: the network can train.");
        assertThat(onFx(() -> robot.lookup("#shape-input_1-convolution_1").queryAs(Label.class).getText()))
                .isEqualTo("1×8×8");
        Path picture = folder.resolve("lenet.png");
        onFx(() -> {
            try {
                robot.lookup("#networkCanvas").queryAs(NetworkCanvas.class).exportPng(picture);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(picture).isNotEmptyFile();

        robot.clickOn("#trainStepButton");
        robot.clickOn("#epochsField");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("3");
        robot.clickOn("#trainButton");
        waitUntil("the test accuracy is shown", TRAINING,
                () -> ACCURACY.matcher(label(robot, "#testAccuracyLabel").getText()).find(), this::state);
        Matcher accuracy = ACCURACY.matcher(onFx(() -> label(robot, "#testAccuracyLabel").getText()));
        assertThat(accuracy.find()).isTrue();
        System.out.println("LeNet on the digits from the window, 3 epochs: test accuracy " + accuracy.group(1));
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThanOrEqualTo(0.7);
        assertThat(onFx(() -> app.viewModels().project().getProject().network())).isEqualTo(lenet);
    }

    // ---------------------------------------------------------------- helpers

    private void openSample(Sample sample, String file) {
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(sample));
        waitUntil(file + " is prepared", LOAD, () -> project.getExperiment() != null
                && project.getTable().source().equals(file), this::state);
    }

    private NetworkGraph graph() {
        return app.viewModels().network().canvas().getGraph();
    }

    private static Node port(FxRobot robot, NodeId node, String which) {
        return robot.lookup("#node-" + node.value() + " ." + which + "-port").query();
    }

    private static String shapeOn(FxRobot robot, NodeId from, NodeId to) {
        return onFx(() -> {
            Label shape = robot.lookup("#shape-" + from.value() + "-" + to.value()).queryAs(Label.class);
            return shape.isVisible() ? shape.getText() : "(hidden)";
        });
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', canvas message='" + app.viewModels().network().canvas().messageProperty().get() + "'";
    }
}
