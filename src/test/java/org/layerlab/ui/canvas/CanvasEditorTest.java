package org.layerlab.ui.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.ui.MonocleDragReset;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The network editor on its own, driven as a user drives it: drag Dense from the palette, wire it, change its units
 * in the inspector and see the shape on its connection follow, undo, fix a problem with one click, export a picture.
 * The editor is loaded on its own, outside the app's window, with the app's shape inference.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasEditorTest {
    private static final NodeId INPUT = new NodeId("input_1");
    private static final NodeId DENSE = new NodeId("dense_1");
    private static final NodeId OUTPUT = new NodeId("output_1");

    private CanvasViewModel model;
    private CanvasController controller;

    @Start
    void start(Stage stage) {
        // An Input and an Output, not yet connected, for 4 features and 3 classes.
        NetworkGraph start = new NetworkGraph(List.of(
                new Node(INPUT, "input_1", InputSpec.asData(), 0, 0),
                new Node(OUTPUT, "output_1", OutputSpec.forClasses(), 420, 0)), List.of());
        model = new CanvasViewModel(start, ShapeInference::analyse, List::of);
        model.dataProperty().set(DataSignature.table(4, 3));
        FXMLLoader loader = new FXMLLoader(CanvasController.class.getResource("CanvasView.fxml"));
        loader.setControllerFactory(type -> new CanvasController(model));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        controller = loader.getController();
        Scene scene = new Scene(root, 1200, 760);
        scene.getStylesheets().add(CanvasEditorTest.class.getResource("/css/layerlab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** A tooltip left open, or a drag in the previous test's scene, confuses Monocle's drag loop. */
    @BeforeEach
    void closePopups(FxRobot robot) {
        onFx(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> w instanceof PopupWindow)
                .forEach(Window::hide));
        MonocleDragReset.forgetStaleDragView();
    }

    @Test
    void dragDenseWireItChangeUnitsSeeTheShapeAndUndo(FxRobot robot) {
        robot.drag("#palette-dense").dropTo("#networkCanvas");
        waitFor(() -> model.getGraph().find(DENSE).isPresent());
        assertThat(onFx(() -> model.selectionProperty().get())).containsExactly(DENSE);

        robot.drag(port(robot, INPUT, "output")).dropTo(port(robot, DENSE, "input"));
        robot.drag(port(robot, DENSE, "output")).dropTo(port(robot, OUTPUT, "input"));
        assertThat(onFx(() -> model.getGraph().edges()))
                .containsExactly(new Edge(INPUT, DENSE), new Edge(DENSE, OUTPUT));
        assertThat(shapeLabel(robot, DENSE, OUTPUT)).isEqualTo("32");
        assertThat(onFx(() -> robot.lookup("#totalsLabel").queryAs(Label.class).getText()))
                .startsWith("Parameters: 259 ·"); // 4*32+32 + 32*3+3

        robot.clickOn("#node-dense_1");
        robot.doubleClickOn("#inspector-units .text-field");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("10").type(KeyCode.ENTER);
        assertThat(onFx(() -> ((DenseSpec) model.getGraph().node(DENSE).spec()).units())).isEqualTo(10);
        assertThat(shapeLabel(robot, DENSE, OUTPUT)).isEqualTo("10");

        robot.clickOn("#node-dense_1");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(shapeLabel(robot, DENSE, OUTPUT)).isEqualTo("32");
        robot.clickOn("#undoButton");
        assertThat(onFx(() -> model.getGraph().edges())).containsExactly(new Edge(INPUT, DENSE));
        assertThat(onFx(() -> robot.lookup("#shape-dense_1-output_1").tryQuery().isPresent())).isFalse();
    }

    @Test
    void aRefusedValueIsExplainedAndChangesNothing(FxRobot robot) {
        robot.drag("#palette-dense").dropTo("#networkCanvas");
        waitFor(() -> model.getGraph().find(DENSE).isPresent());
        robot.doubleClickOn("#inspector-units .text-field");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("0").type(KeyCode.ENTER);

        assertThat(onFx(() -> robot.lookup("#inspector-message").queryAs(Label.class).getText()))
                .contains("between 1 and 100000 units");
        assertThat(onFx(() -> ((DenseSpec) model.getGraph().node(DENSE).spec()).units())).isEqualTo(32);
    }

    @Test
    void aProblemWithAFixIsShownAndOneClickResolvesIt(FxRobot robot) {
        onFx(() -> {
            model.connect(INPUT, OUTPUT);
            model.changeSpec(OUTPUT, spec -> new OutputSpec(5, OutputActivation.SOFTMAX));
        });
        waitFor(() -> robot.lookup(".fix-button").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#problems-summary").queryAs(Label.class).getText()))
                .isEqualTo("1 problem to fix before training.");
        assertThat(onFx(() -> robot.lookup("#node-output_1 .node-marker").queryAs(Label.class).isVisible()))
                .isTrue();

        robot.clickOn(".fix-button");

        assertThat(onFx(() -> model.getGraph().node(OUTPUT).spec())).isEqualTo(OutputSpec.forClasses());
        assertThat(onFx(() -> robot.lookup("#problems-summary").queryAs(Label.class).getText()))
                .isEqualTo("No problems: the network can train.");
        assertThat(onFx(() -> robot.lookup(".fix-button").tryQuery().isPresent())).isFalse();
        robot.clickOn("#undoButton");
        assertThat(onFx(() -> model.getGraph().node(OUTPUT).spec())).isEqualTo(new OutputSpec(5,
                OutputActivation.SOFTMAX));
    }

    @Test
    void dragMovesShiftClickSelectsSeveralAndDeleteRemovesThem(FxRobot robot) {
        double before = onFx(() -> model.getGraph().node(OUTPUT).x());
        robot.drag("#node-output_1").moveBy(60, 40).drop();
        double after = onFx(() -> model.getGraph().node(OUTPUT).x());
        assertThat(after).isGreaterThan(before + 20);
        assertThat(onFx(() -> model.editor().undoDescription())).contains("Move output_1");

        robot.clickOn("#node-input_1");
        robot.press(KeyCode.SHIFT).clickOn("#node-output_1").release(KeyCode.SHIFT);
        assertThat(onFx(() -> model.selectionProperty().get())).containsExactlyInAnyOrder(INPUT, OUTPUT);
        robot.type(KeyCode.DELETE);
        assertThat(onFx(() -> model.getGraph().nodes())).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(onFx(() -> model.getGraph().nodes())).hasSize(2);
    }

    @Test
    void shiftDragSelectsARectangleCopyPastesItAndUndoRedoByKeyboard(FxRobot robot) {
        Bounds area = onFx(() -> controller.canvas().localToScreen(controller.canvas().getBoundsInLocal()));
        robot.moveTo(new Point2D(area.getMinX() + 6, area.getMinY() + 6));
        robot.press(KeyCode.SHIFT).press(MouseButton.PRIMARY);
        robot.moveTo(new Point2D(area.getMaxX() - 6, area.getMaxY() - 6));
        robot.release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        assertThat(onFx(() -> model.selectionProperty().get())).containsExactlyInAnyOrder(INPUT, OUTPUT);
        assertThat(onFx(() -> robot.lookup("#inspector-empty").queryAs(Label.class).getText()))
                .startsWith("2 layers selected.");

        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        assertThat(onFx(() -> model.getGraph().nodes())).hasSize(4);
        assertThat(onFx(() -> model.selectionProperty().get()))
                .containsExactlyInAnyOrder(new NodeId("input_2"), new NodeId("output_2"));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(onFx(() -> model.getGraph().nodes())).hasSize(2);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertThat(onFx(() -> model.getGraph().nodes())).hasSize(4);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(onFx(() -> model.getGraph().nodes())).hasSize(4);
    }

    @Test
    void theWheelZoomsAndDraggingEmptySpacePans(FxRobot robot) {
        NetworkCanvas canvas = controller.canvas();
        double zoom = onFx(canvas::getZoom);
        Bounds area = onFx(() -> canvas.localToScreen(canvas.getBoundsInLocal()));
        robot.moveTo(new Point2D(area.getCenterX(), area.getMinY() + 30));
        robot.scroll(3, VerticalDirection.UP);
        assertThat(onFx(canvas::getZoom)).isNotEqualTo(zoom);

        Bounds before = onFx(() -> robot.lookup("#node-input_1").query().localToScreen(
                robot.lookup("#node-input_1").query().getBoundsInLocal()));
        robot.drag(new Point2D(area.getCenterX(), area.getMinY() + 30), MouseButton.PRIMARY).moveBy(80, 50).drop();
        Bounds after = onFx(() -> robot.lookup("#node-input_1").query().localToScreen(
                robot.lookup("#node-input_1").query().getBoundsInLocal()));
        assertThat(after.getMinX() - before.getMinX()).isCloseTo(80, Offset.offset(3.0));
        assertThat(onFx(() -> model.getGraph().node(INPUT).x())).isZero(); // the view moved, not the layer
        assertThat(onFx(() -> model.editor().canUndo())).isFalse();
    }

    @Test
    void exportsThePictureAsPng(FxRobot robot, @TempDir Path folder) throws IOException {
        Path file = folder.resolve("network");
        onFx(() -> controller.exportPng(file));
        Path written = folder.resolve("network.png");
        assertThat(written).exists();
        BufferedImage image = ImageIO.read(written.toFile());
        assertThat(image.getWidth()).isGreaterThan(2 * 420);
        assertThat(onFx(() -> robot.lookup("#canvasMessage").queryAs(Label.class).getText()))
                .startsWith("Saved a picture");
        assertThat(Files.size(written)).isGreaterThan(1000);
    }

    // ---------------------------------------------------------------- helpers

    private static javafx.scene.Node port(FxRobot robot, NodeId node, String which) {
        return robot.lookup("#node-" + node.value() + " ." + which + "-port").query();
    }

    private static String shapeLabel(FxRobot robot, NodeId from, NodeId to) {
        return onFx(() -> {
            Label label = robot.lookup("#shape-" + from.value() + "-" + to.value()).queryAs(Label.class);
            return label.isVisible() ? label.getText() : "(hidden)";
        });
    }

    private static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void onFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    private static void waitFor(Callable<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Boolean.TRUE.equals(onFx(condition))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    @SuppressWarnings("unused")
    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }
}
