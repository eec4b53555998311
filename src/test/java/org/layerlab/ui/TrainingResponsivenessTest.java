package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Measures the gaps between FX pulses while the real window trains the digits sample (8×8 images as 64 columns,
 * live charts on): the longest and the 99th percentile. Only when asked, as it takes a while:
 * <pre>mvn -o test -Dtest=TrainingResponsivenessTest -Dlayerlab.benchmark=true</pre>
 */
@ExtendWith(ApplicationExtension.class)
class TrainingResponsivenessTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final Duration TRAINING = Duration.ofSeconds(600);
    private static final int EPOCHS = 200;

    private LayerLabApp app;
    private final PulseGaps pulses = new PulseGaps();

    @Start
    void start(Stage stage) {
        app = new LayerLabApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    private static int countNodes(javafx.scene.Node node) {
        int count = 1;
        if (node instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
                count += countNodes(child);
            }
        }
        return count;
    }

    /** Every part of the scene holding over 400 nodes, as "=== nodes: COUNT CLASS#id", indented by depth. */
    private static void printBigSubtrees(javafx.scene.Node node, int depth) {
        int count = countNodes(node);
        if (count < 400 || depth > 14) {
            return;
        }
        System.out.println("=== nodes: " + "  ".repeat(depth) + count + " " + node.getClass().getSimpleName()
                + (node.getId() == null ? "" : "#" + node.getId()) + (node.isVisible() ? "" : " (hidden)"));
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> printBigSubtrees(child, depth + 1));
        }
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    @Test
    void trainingDigitsKeepsTheFxThreadResponsive(FxRobot robot) {
        Assumptions.assumeTrue(Boolean.getBoolean("layerlab.benchmark"), "set -Dlayerlab.benchmark=true to measure");
        ProjectViewModel project = app.viewModels().project();
        TrainViewModel train = app.viewModels().train();
        onFx(() -> project.openSample(Sample.DIGITS));
        waitUntil("the data is prepared", LOAD, () -> project.getExperiment() != null,
                () -> project.statusProperty().get());
        robot.clickOn("#trainStepButton");
        robot.clickOn("#epochsField");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(Integer.toString(EPOCHS));

        onFx(pulses::start);
        // A plain background thread that only sleeps: if it also oversleeps by as much, the stall was the machine
        // (other processes on the cores, a garbage-collection pause), not work on the FX thread.
        long[] longestOversleep = new long[1];
        Thread sleeper = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long before = System.nanoTime();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                longestOversleep[0] = Math.max(longestOversleep[0], System.nanoTime() - before - 5_000_000);
            }
        }, "oversleep-probe");
        sleeper.setDaemon(true);
        sleeper.start();
        // The same measure with the window idle for a few seconds first, as a baseline for the machine's own noise.
        robot.sleep(5_000);
        List<Long> idle = pulses.drainGaps();
        Collections.sort(idle);
        long gcMillisBefore = gcMillis();
        long gcCountBefore = gcCount();
        long started = System.nanoTime();
        robot.clickOn("#trainButton");
        waitUntil("the run finishes", TRAINING,
                () -> ("Finished " + EPOCHS + " epochs.").equals(train.runStatusProperty().get()),
                () -> train.runStatusProperty().get() + " / " + train.epochTextProperty().get());
        double seconds = (System.nanoTime() - started) / 1e9;
        onFx(pulses::stop);
        sleeper.interrupt();
        long gcMillisDuring = gcMillis() - gcMillisBefore;
        long gcCountDuring = gcCount() - gcCountBefore;

        List<Long> sorted = pulses.drainGaps();
        Collections.sort(sorted);
        long longest = sorted.get(sorted.size() - 1);
        long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        long median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "%n=== Training digits (%d epochs, %.1f s, %d pulses): FX pulse gap median %.1f ms, "
                        + "99th percentile %.1f ms, longest %.1f ms%n", EPOCHS, seconds, sorted.size(), median / 1e6,
                p99 / 1e6, longest / 1e6);
        System.out.printf(Locale.ROOT, "=== gaps over 50 ms: %d; a sleeping background thread overslept by up to %.1f ms; "
                + "garbage collection %d ms in %d collections; load average %s%n", sorted.stream().filter(gap -> gap > 50_000_000L)
                .count(), longestOversleep[0] / 1e6, gcMillisDuring, gcCountDuring, loadAverage());
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> System.out.printf(
                Locale.ROOT, "=== collector %s: %d collections, %d ms since the JVM started%n", gc.getName(),
                gc.getCollectionCount(), gc.getCollectionTime()));
        System.out.printf(Locale.ROOT, "=== idle window before training (%d pulses): 99th percentile %.1f ms, longest %.1f ms%n",
                idle.size(), idle.get((int) Math.ceil(0.99 * idle.size()) - 1) / 1e6, idle.get(idle.size() - 1) / 1e6);
        System.out.println("=== gaps over 50 ms (JVM uptime when the gap ended: gap): " + pulses.drainLongGaps());
        int[] nodes = new int[1];
        onFx(() -> nodes[0] = countNodes(robot.listWindows().get(0).getScene().getRoot()));
        System.out.println("=== nodes in the window's scene graph (each pulse walks all of them): " + nodes[0]);
        onFx(() -> printBigSubtrees(robot.listWindows().get(0).getScene().getRoot(), 0));
        assertThat(sorted).isNotEmpty();
        assertThat(project.trainingResultProperty().get().history()).hasSize(EPOCHS);
    }
}
