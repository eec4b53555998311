package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Measures how long the FX thread goes without a pulse while a 1,000,000-row table loads, is prepared, explored
 * (summary, histogram, scatter) and scrolled. Only when asked, as it takes a while:
 * <pre>mvn -o test -Dtest=BigTableResponsivenessTest -Dlayerlab.benchmark=true</pre>
 * and for a wide table, e.g.
 * {@code -Dlayerlab.bigTable.rows=20000 -Dlayerlab.bigTable.columns=300}.
 */
@ExtendWith(ApplicationExtension.class)
class BigTableResponsivenessTest {
    private static final Duration LOAD = Duration.ofSeconds(180);
    /** The table's size: 1,000,000 × 20 unless {@code -Dlayerlab.bigTable.rows=…} / {@code .columns=…} say otherwise. */
    private static final int ROWS = Integer.getInteger("layerlab.bigTable.rows", 1_000_000);
    private static final int COLUMNS = Integer.getInteger("layerlab.bigTable.columns", 20);

    @TempDir
    Path folder;

    private LayerLabApp app;
    private final AtomicLong last = new AtomicLong();
    private final AtomicLong longest = new AtomicLong();
    /** The FX thread's CPU time at the last pulse: a long gap with little CPU is waiting for a core, not work. */
    private final AtomicLong lastCpu = new AtomicLong();
    /** The FX thread's time spent ready to run but waiting for a core, at the last pulse (Linux only, else 0). */
    private final AtomicLong lastWaitForCore = new AtomicLong();
    private AnimationTimer timer;
    /**
     * Each gap over 50 ms as "JVM uptime in s when it ended:gap in ms (FX thread busy N ms, waited for a core M ms)",
     * to line up with GC logs and profiles.
     */
    private final java.util.List<String> longGaps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

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
    void aMillionRowsLoadExploreAndScrollWithoutLongStalls(FxRobot robot) throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("layerlab.benchmark"), "set -Dlayerlab.benchmark=true to measure");
        Path csv = folder.resolve("big.csv");
        write(csv, ROWS, COLUMNS);
        onFx(() -> {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    long previousCpu = lastCpu.getAndSet(cpu);
                    long waited = FxTestSupport.waitedForCoreNanos();
                    long previousWaited = lastWaitForCore.getAndSet(waited);
                    long previous = last.getAndSet(now);
                    if (previous != 0) {
                        longest.accumulateAndGet(now - previous, Math::max);
                        if (now - previous > 50_000_000L) {
                            longGaps.add(String.format(Locale.ROOT, "%.3fs:%dms",
                                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3,
                                    (now - previous) / 1_000_000) + " (FX thread busy "
                                    + (cpu - previousCpu) / 1_000_000 + " ms, waited for a core "
                                    + (waited - previousWaited) / 1_000_000 + " ms)");
                        }
                    }
                }
            };
            timer.start();
        });
        long started = System.nanoTime();
        onFx(() -> app.viewModels().project().openDataFile(csv));
        waitUntil("the table is prepared", LOAD, () -> app.viewModels().project().getExperiment() != null,
                () -> app.viewModels().project().statusProperty().get());
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long loadStall = longest.getAndSet(0);
        System.out.println("=== gaps over 50 ms while load: " + drainLongGaps());
        robot.sleep(1000); // the rows appear and the window settles before the next phase
        long settleStall = longest.getAndSet(0);
        System.out.println("=== gaps over 50 ms while the table settles: " + drainLongGaps());

        robot.clickOn("Explore");
        onFx(() -> app.viewModels().data().explore().columnProperty().set("f3"));
        waitUntil("the histogram", LOAD, () -> app.viewModels().data().explore().histogramProperty().get() != null,
                () -> "");
        robot.sleep(500);
        long summaryStall = longest.getAndSet(0);
        System.out.println("=== gaps over 50 ms while summary: " + drainLongGaps());
        robot.clickOn("Scatter");
        waitUntil("the scatter", LOAD, () -> app.viewModels().data().explore().scatterProperty().get() != null,
                () -> "");
        robot.sleep(500);
        long exploreStall = longest.getAndSet(0);
        System.out.println("=== gaps over 50 ms while scatter: " + drainLongGaps());
        robot.clickOn("Scatter matrix");
        waitUntil("the scatter matrix", LOAD, () -> app.viewModels().data().explore().matrixProperty().get() != null,
                () -> "");
        robot.sleep(1500);
        long matrixStall = longest.getAndSet(0);
        System.out.println("=== gaps over 50 ms while scatter matrix: " + drainLongGaps());

        robot.clickOn("Rows");
        TableView<?> table = robot.lookup("#dataTable").queryTableView();
        javafx.scene.control.ScrollBar bar = robot.lookup("#rowScrollBar").queryAs(javafx.scene.control.ScrollBar.class);
        for (int i = 1; i <= 20; i++) {
            int row = i * (ROWS / 20 - 1);
            onFx(() -> bar.setValue(row)); // as dragging the scroll bar's thumb does
            robot.sleep(30);
        }
        long scrollStall = longest.getAndSet(0);
        System.out.println("=== gaps over 50 ms while scroll: " + drainLongGaps());
        onFx(() -> timer.stop());
        System.out.printf(Locale.ROOT, "%n=== %,d × %d table: loaded and prepared in %.1f s; longest FX gap: "
                        + "load %d ms, settling %d ms, explore %d ms, scatter %d ms, scatter matrix %d ms, scrolling %d ms%n", ROWS, COLUMNS,
                loadSeconds, loadStall / 1_000_000, settleStall / 1_000_000,
                summaryStall / 1_000_000, exploreStall / 1_000_000, matrixStall / 1_000_000, scrollStall / 1_000_000);
        double reachable = ROWS > RowWindow.WINDOW_FROM_ROWS
                ? onFx(bar::getMax) + onFx(() -> table.getItems().size()) : onFx(() -> table.getItems().size());
        assertThat(reachable).isEqualTo(ROWS);
    }

    private String drainLongGaps() {
        synchronized (longGaps) {
            String gaps = longGaps.toString();
            longGaps.clear();
            return gaps;
        }
    }

    private static void write(Path file, int rows, int columns) throws IOException {
        Random random = new Random(1);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int c = 0; c < columns; c++) {
                writer.write(c == 0 ? "f0" : ",f" + c);
            }
            writer.write(",label\n");
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < columns; c++) {
                    line.append(String.format(Locale.ROOT, "%.5f", random.nextGaussian())).append(',');
                }
                line.append(r % 3 == 0 ? "a" : r % 3 == 1 ? "b" : "c").append('\n');
                writer.write(line.toString());
            }
        }
    }
}
