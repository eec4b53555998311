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
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A table with more rows than {@link RowWindow#WINDOW_FROM_ROWS}: the table holds only the rows in sight, and the
 * scroll bar beside it, the mouse wheel and the keys move through all of them.
 */
@ExtendWith(ApplicationExtension.class)
class LargeTableScrollingTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final int ROWS = 60_000;

    @TempDir
    Path folder;

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
    void theScrollBarWheelAndKeysReachEveryRowOfALargeTable(FxRobot robot) throws IOException {
        Path csv = folder.resolve("large.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            writer.write("x,y,label\n");
            for (int row = 0; row < ROWS; row++) {
                writer.write(row + "," + (row % 7) + "," + (row % 2 == 0 ? "even" : "odd") + "\n");
            }
        }
        onFx(() -> app.viewModels().project().openDataFile(csv));
        TableView<Integer> table = robot.lookup("#dataTable").queryAs(TableView.class);
        ScrollBar bar = robot.lookup("#rowScrollBar").queryAs(ScrollBar.class);
        // The rows come into sight over a few pulses (DataController.revealRows): wait for the table's full height.
        waitUntil("the rows are shown", LOAD, () -> onFx(bar::isVisible) && !onFx(table::getItems).isEmpty()
                        && onFx(table::getMaxHeight) == javafx.scene.layout.Region.USE_COMPUTED_SIZE
                        && onFx(bar::getMax) == ROWS - onFx(() -> table.getItems().size()),
                () -> app.viewModels().project().statusProperty().get());

        int inSight = onFx(() -> table.getItems().size());
        assertThat(inSight).isBetween(5, 100); // only the rows in sight, not 60,000
        assertThat(onFx(bar::getMax)).isEqualTo(ROWS - inSight);
        assertThat(firstRowNumber(table)).isEqualTo(1);

        onFx(() -> bar.setValue(30_000)); // as dragging the thumb does
        assertThat(firstRowNumber(table)).isEqualTo(30_001);
        assertThat(onFx(() -> table.getColumns().get(1).getCellData(0))).isEqualTo("30000");

        // Two notches of the wheel move three rows each (headless Monocle reports wheel directions inverted, so
        // only the distance is checked), and the bar follows.
        robot.moveTo(table).scroll(2, javafx.geometry.VerticalDirection.DOWN);
        waitUntil("the wheel scrolls", LOAD, () -> firstRowNumber(table) != 30_001, () -> "" + firstRowNumber(table));
        assertThat(Math.abs(firstRowNumber(table) - 30_001)).isEqualTo(6);
        assertThat(onFx(bar::getValue)).isEqualTo(firstRowNumber(table) - 1.0);

        robot.clickOn(table);
        robot.push(KeyCode.END);
        waitUntil("End shows the last row", LOAD, () -> lastRowNumber(table) == ROWS, () -> "" + lastRowNumber(table));
        robot.push(KeyCode.PAGE_UP);
        assertThat(lastRowNumber(table)).isEqualTo(ROWS - (inSight - 1));
        robot.push(KeyCode.HOME);
        assertThat(firstRowNumber(table)).isEqualTo(1);
    }

    /** The "#" column's number of the first row in sight (1-based, as the user reads it). */
    private static int firstRowNumber(TableView<Integer> table) {
        return onFx(() -> Integer.parseInt((String) table.getColumns().get(0).getCellData(0)));
    }

    private static int lastRowNumber(TableView<Integer> table) {
        return onFx(() -> Integer.parseInt((String) table.getColumns().get(0)
                .getCellData(table.getItems().size() - 1)));
    }
}
