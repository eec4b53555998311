package org.layerlab.ui.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.ui.MonocleDragReset;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Measures how smoothly a 200-layer network edits: the gaps between JavaFX pulses (one pulse = event handling, CSS,
 * layout and the hand-over of a frame to the renderer) while dragging layers, zooming and undoing, in the window
 * the app uses. Prints the numbers; asserts nothing about time (machines differ). Runs only when asked:
 *
 * <pre>mvn -o test -Dtest=CanvasBenchmarkTest -Dlayerlab.benchmark=true</pre>
 */
@ExtendWith(ApplicationExtension.class)
class CanvasBenchmarkTest {
    static final String PROPERTY = "layerlab.benchmark";
    private static final int LAYERS = 200;

    private CanvasViewModel model;
    private CanvasController controller;
    private final List<Long> pulses = new ArrayList<>();
    private AnimationTimer recorder;

    @BeforeAll
    static void onlyWhenAsked() {
        Assumptions.assumeTrue(Boolean.getBoolean(PROPERTY), "set -D" + PROPERTY + "=true to measure");
    }

    @Start
    void start(Stage stage) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS - 2; i++) {
            layers.add(new DenseSpec(16 + (i % 5) * 16, Activation.RELU));
        }
        model = CanvasBenchmarkTest.analysed(NetworkGraph.chain(layers));
        FXMLLoader loader = new FXMLLoader(CanvasController.class.getResource("CanvasView.fxml"));
        loader.setControllerFactory(type -> new CanvasController(model));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        controller = loader.getController();
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(CanvasBenchmarkTest.class.getResource("/css/layerlab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** The model the benchmark measures, with the app's shape inference, fed 64 values and 10 classes. */
    static CanvasViewModel analysed(NetworkGraph graph) {
        DataSignature data = DataSignature.table(64, 10);
        CanvasViewModel created = new CanvasViewModel(graph, ShapeInference::analyse,
                List::of);
        created.dataProperty().set(data);
        return created;
    }

    @Test
    void measuresDragZoomAndUndoOnTwoHundredLayers(FxRobot robot) {
        MonocleDragReset.forgetStaleDragView();
        assertThat(onFx(() -> controller.canvas().nodeViewCount())).isEqualTo(LAYERS);
        NetworkCanvas canvas = controller.canvas();
        StringBuilder report = new StringBuilder("\n=== Canvas benchmark: " + LAYERS + " layers, "
                + onFx(() -> model.getGraph().edges().size()) + " connections, window 1280×800, prism "
                + System.getProperty("prism.order", "default") + " ===\n");

        // 1. At a readable zoom (100 %): drag one layer around for 120 mouse moves (after a warm-up drag that
        //    lets the JIT compile the paths involved, as a few seconds of use would).
        onFx(() -> canvas.zoomAt(1 / canvas.getZoom(), 0, 0));
        onFx(() -> canvas.centreOn(new NodeId("dense_100")));
        dragNode(robot, "dense_100", 120);
        report.append(line("drag 1 layer at 100 %", measure(() -> dragNode(robot, "dense_100", 120))));

        // 2. Zoomed out so that about 60 layers are in view: drag a selection of 40 layers.
        onFx(() -> canvas.zoomAt(0.22 / canvas.getZoom(), canvas.getWidth() / 2, canvas.getHeight() / 2));
        onFx(() -> canvas.centreOn(new NodeId("dense_100")));
        onFx(() -> model.select(ids(80, 120)));
        report.append(line("drag 40 layers at 22 %", measure(() -> dragNode(robot, "dense_100", 120))));

        // 3. Zoom in and out with the wheel over the canvas, 60 notches.
        report.append(line("wheel zoom, 60 notches", measure(() -> {
            robot.moveTo(canvas);
            for (int i = 0; i < 60; i++) {
                robot.scroll(1, i < 30 ? VerticalDirection.UP
                        : VerticalDirection.DOWN);
            }
        })));

        // 4. Pan across by dragging empty space.
        onFx(() -> model.clearSelection());
        report.append(line("pan, 120 moves", measure(() -> {
            Bounds b = onFx(() -> canvas.localToScreen(canvas.getBoundsInLocal()));
            robot.moveTo(b.getMinX() + 30, b.getMaxY() - 30);
            robot.press(MouseButton.PRIMARY);
            for (int i = 0; i < 120; i++) {
                robot.moveBy(-4, 0);
            }
            robot.release(MouseButton.PRIMARY);
        })));

        report.append("  (history: " + onFx(() -> model.editor().undoDescription().orElse("empty")) + ")\n");
        // 5. Undo and redo (each re-analyses the 200 layers and updates the changed views), 40 times each.
        long[] undoNanos = new long[80];
        List<Long> undoPulses = measure(() -> {
            for (int i = 0; i < 40; i++) {
                undoNanos[2 * i] = onFx(() -> timed(model::undo));
                undoNanos[2 * i + 1] = onFx(() -> timed(model::redo));
            }
        });
        report.append(line("undo/redo a drag (pulses)", undoPulses));
        report.append(String.format(Locale.ROOT, "  %-28s handler median %.2f ms, max %.2f ms%n", "undo/redo a drag",
                percentile(undoNanos, 50) / 1e6, percentile(undoNanos, 100) / 1e6));

        // 6. A structural edit: change the units of one layer (shape inference + views of that layer and its edges).
        long[] editNanos = new long[40];
        for (int i = 0; i < editNanos.length; i++) {
            int units = 20 + i;
            editNanos[i] = onFx(() -> timed(() -> model.changeSpec(new NodeId("dense_100"),
                    spec -> new DenseSpec(units, Activation.RELU))));
        }
        report.append(String.format(Locale.ROOT, "  %-28s handler median %.2f ms, max %.2f ms%n",
                "change units (re-analyse)", percentile(editNanos, 50) / 1e6, percentile(editNanos, 100) / 1e6));
        // The same edit on a model without views: what shape inference and the editor cost on their own.
        CanvasViewModel bare = analysed(onFx(() -> model.getGraph()));
        long[] bareNanos = new long[40];
        for (int i = 0; i < bareNanos.length; i++) {
            int units = 20 + i;
            bareNanos[i] = onFx(() -> timed(() -> bare.changeSpec(new NodeId("dense_100"),
                    spec -> new DenseSpec(units, Activation.RELU))));
        }
        report.append(String.format(Locale.ROOT, "  %-28s handler median %.2f ms, max %.2f ms%n",
                "the same, model only", percentile(bareNanos, 50) / 1e6, percentile(bareNanos, 100) / 1e6));
        System.out.println(report);
    }

    // ---------------------------------------------------------------- measuring

    private void dragNode(FxRobot robot, String id, int moves) {
        Node node = robot.lookup("#node-" + id).query();
        Bounds b = onFx(() -> node.localToScreen(node.getBoundsInLocal()));
        robot.moveTo(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
        robot.press(MouseButton.PRIMARY);
        for (int i = 0; i < moves; i++) {
            robot.moveBy(2, i % 2);
        }
        robot.release(MouseButton.PRIMARY);
    }

    /** Runs {@code gesture} while recording pulse times; returns the gaps between pulses in nanoseconds. */
    private List<Long> measure(Runnable gesture) {
        pulses.clear();
        onFx(() -> {
            recorder = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses.add(System.nanoTime());
                }
            };
            recorder.start();
        });
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        int from = onFx(pulses::size);
        gesture.run();
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> gaps = onFx(() -> {
            recorder.stop();
            List<Long> result = new ArrayList<>();
            for (int i = Math.max(1, from); i < pulses.size(); i++) {
                result.add(pulses.get(i) - pulses.get(i - 1));
            }
            return result;
        });
        return gaps;
    }

    private static String line(String what, List<Long> gaps) {
        long[] values = gaps.stream().mapToLong(Long::longValue).toArray();
        long slow = gaps.stream().filter(g -> g > 33_400_000L).count();
        return String.format(Locale.ROOT, "  %-28s %4d pulses: median %5.1f ms, p95 %5.1f ms, max %6.1f ms, "
                        + "%d over 33 ms%n", what, values.length, percentile(values, 50) / 1e6,
                percentile(values, 95) / 1e6, percentile(values, 100) / 1e6, slow);
    }

    private static double percentile(long[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static Set<NodeId> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new NodeId("dense_" + i))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(60, TimeUnit.SECONDS);
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
}
