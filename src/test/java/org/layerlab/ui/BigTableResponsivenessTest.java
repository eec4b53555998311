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

    @Test
    void aMillionRowsLoadExploreAndScrollWithoutLongStalls(FxRobot robot) throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("layerlab.benchmark"), "set -Dlayerlab.benchmark=true to measure");
        Path csv = folder.resolve("big.csv");
        write(csv, ROWS, COLUMNS);
        onFx(pulses::start);
        long started = System.nanoTime();
        onFx(() -> app.viewModels().project().openDataFile(csv));
        waitUntil("the table is prepared", LOAD, () -> app.viewModels().project().getExperiment() != null,
                () -> app.viewModels().project().statusProperty().get());
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long loadStall = pulses.drainLongest();
        long loadStallBusy = pulses.drainLongestBusy();
        System.out.println("=== gaps over 50 ms while load: " + pulses.drainLongGaps());
        robot.sleep(1000); // the rows appear and the window settles before the next phase
        long settleStall = pulses.drainLongest();
        long settleStallBusy = pulses.drainLongestBusy();
        System.out.println("=== gaps over 50 ms while the table settles: " + pulses.drainLongGaps());

        robot.clickOn("Explore");
        onFx(() -> app.viewModels().data().explore().columnProperty().set("f3"));
        waitUntil("the histogram", LOAD, () -> app.viewModels().data().explore().histogramProperty().get() != null,
                () -> "");
        robot.sleep(500);
        long summaryStall = pulses.drainLongest();
        long summaryStallBusy = pulses.drainLongestBusy();
        System.out.println("=== gaps over 50 ms while summary: " + pulses.drainLongGaps());
        robot.clickOn("Scatter");
        waitUntil("the scatter", LOAD, () -> app.viewModels().data().explore().scatterProperty().get() != null,
                () -> "");
        robot.sleep(500);
        long exploreStall = pulses.drainLongest();
        long exploreStallBusy = pulses.drainLongestBusy();
        System.out.println("=== gaps over 50 ms while scatter: " + pulses.drainLongGaps());
        robot.clickOn("Scatter matrix");
        waitUntil("the scatter matrix", LOAD, () -> app.viewModels().data().explore().matrixProperty().get() != null,
                () -> "");
        robot.sleep(1500);
        long matrixStall = pulses.drainLongest();
        long matrixStallBusy = pulses.drainLongestBusy();
        System.out.println("=== gaps over 50 ms while scatter matrix: " + pulses.drainLongGaps());

        robot.clickOn("Rows");
        TableView<?> table = robot.lookup("#dataTable").queryTableView();
        javafx.scene.control.ScrollBar bar = robot.lookup("#rowScrollBar").queryAs(javafx.scene.control.ScrollBar.class);
        for (int i = 1; i <= 20; i++) {
            int row = i * (ROWS / 20 - 1);
            onFx(() -> bar.setValue(row)); // as dragging the scroll bar's thumb does
            robot.sleep(30);
        }
        long scrollStall = pulses.drainLongest();
        long scrollStallBusy = pulses.drainLongestBusy();
        System.out.println("=== gaps over 50 ms while scroll: " + pulses.drainLongGaps());
        onFx(pulses::stop);
        System.out.printf(Locale.ROOT, "%n=== %,d × %d table: loaded and prepared in %.1f s; longest FX gap: "
                        + "load %d ms, settling %d ms, explore %d ms, scatter %d ms, scatter matrix %d ms, scrolling %d ms%n", ROWS, COLUMNS,
                loadSeconds, loadStall / 1_000_000, settleStall / 1_000_000,
                summaryStall / 1_000_000, exploreStall / 1_000_000, matrixStall / 1_000_000, scrollStall / 1_000_000);
        System.out.printf(Locale.ROOT, "=== the FX thread's own work between two pulses, at most: load %d ms, settling %d ms, "
                        + "explore %d ms, scatter %d ms, scatter matrix %d ms, scrolling %d ms%n", loadStallBusy / 1_000_000,
                settleStallBusy / 1_000_000, summaryStallBusy / 1_000_000, exploreStallBusy / 1_000_000,
                matrixStallBusy / 1_000_000, scrollStallBusy / 1_000_000);
        double reachable = ROWS > RowWindow.WINDOW_FROM_ROWS
                ? onFx(bar::getMax) + onFx(() -> table.getItems().size()) : onFx(() -> table.getItems().size());
        assertThat(reachable).isEqualTo(ROWS);
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
