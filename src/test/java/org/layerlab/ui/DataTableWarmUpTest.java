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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The data table's rows and cells are made while no table is open, and every table is shown in them: opening a
 * table, small or windowed, makes no new row or cell for the rows in sight and does not restyle them
 * (docs/decisions/0030).
 */
@ExtendWith(ApplicationExtension.class)
class DataTableWarmUpTest {
    private static final Duration LOAD = Duration.ofSeconds(60);

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
    void tablesAreShownInTheRowsAndCellsMadeBeforeTheFirstOpened(FxRobot robot) throws IOException {
        TableView<Integer> table = robot.lookup("#dataTable").queryAs(TableView.class);
        waitUntil("the blank rows are made", LOAD, () -> onFx(() -> table.lookupAll(".table-row-cell").size()) >= 10,
                () -> onFx(() -> table.lookupAll(".table-row-cell").size()) + " rows");
        robot.sleep(500); // the last steps of the warm-up
        Set<Node> rows = onFx(() -> new HashSet<>(table.lookupAll(".table-row-cell")));
        Set<Node> cells = onFx(() -> new HashSet<>(table.lookupAll(".table-cell")));
        List<TableColumn<Integer, ?>> columns = onFx(() -> List.copyOf(table.getColumns()));

        Path small = folder.resolve("small.csv");
        write(small, 200, 5);
        onFx(() -> app.viewModels().project().openDataFile(small));
        waitUntil("the small table's texts", LOAD, () -> "0.5".equals(cellText(table, 1, 0)), () -> cellText(table, 1, 0));
        robot.sleep(500); // its rows appear over a few pulses
        assertSameRowsAndCells(table, rows, cells, columns);
        assertThat(columnTexts(table)).startsWith("#", "a0", "a1", "a2", "a3", "a4", "label");

        // A table over RowWindow's and ColumnWindow's limits is shown in the same rows and cells: windowed, the table's
        // own scroll bars are hidden by a class on those bars, not on the table, which would restyle every cell.
        Path large = folder.resolve("large.csv");
        write(large, RowWindow.WINDOW_FROM_ROWS + 10, ColumnWindow.WINDOW_FROM_COLUMNS + 8);
        onFx(() -> app.viewModels().project().openDataFile(large));
        waitUntil("the large table's texts", LOAD,
                () -> onFx(() -> table.getColumns().get(1).getText()).equals("a0")
                        && onFx(() -> app.viewModels().project().getTable().rowCount()) == RowWindow.WINDOW_FROM_ROWS + 10,
                () -> onFx(() -> table.getColumns().get(1).getText()));
        robot.sleep(500);
        assertSameRowsAndCells(table, rows, cells, columns);
        assertThat(onFx(() -> table.getStyleClass())).doesNotContain(RowWindow.HIDDEN_BAR);
        assertThat(ownBar(table, Orientation.VERTICAL).getStyleClass()).contains(RowWindow.HIDDEN_BAR);
        assertThat(ownBar(table, Orientation.HORIZONTAL).getStyleClass()).contains(RowWindow.HIDDEN_BAR);
        assertThat(cellText(table, 1, 3)).isEqualTo("3.5");

        // Back to a small table: the table's own bars are back.
        onFx(() -> app.viewModels().project().openDataFile(small));
        waitUntil("the small table again", LOAD,
                () -> onFx(() -> app.viewModels().project().getTable().rowCount()) == 200, () -> "");
        robot.sleep(500);
        assertSameRowsAndCells(table, rows, cells, columns);
        assertThat(ownBar(table, Orientation.VERTICAL).getStyleClass()).doesNotContain(RowWindow.HIDDEN_BAR);
    }

    private static void assertSameRowsAndCells(TableView<Integer> table, Set<Node> rows, Set<Node> cells,
                                               List<TableColumn<Integer, ?>> columns) {
        assertThat(onFx(() -> List.copyOf(table.getColumns()))).as("the table's columns").isEqualTo(columns);
        assertThat(onFx(() -> table.lookupAll(".table-row-cell"))).as("rows").isNotEmpty().allMatch(rows::contains);
        assertThat(onFx(() -> table.lookupAll(".table-cell"))).as("cells").isNotEmpty().allMatch(cells::contains);
    }

    private static String cellText(TableView<Integer> table, int column, int row) {
        return onFx(() -> table.getItems().size() > row ? (String) table.getColumns().get(column).getCellData(row) : "");
    }

    private static List<String> columnTexts(TableView<Integer> table) {
        return onFx(() -> table.getColumns().stream().map(TableColumn::getText).toList());
    }

    private static ScrollBar ownBar(TableView<Integer> table, Orientation orientation) {
        return onFx(() -> table.lookupAll(".scroll-bar").stream()
                .filter(node -> node instanceof ScrollBar bar && bar.getOrientation() == orientation
                        && bar.getParent() instanceof javafx.scene.control.skin.VirtualFlow)
                .map(ScrollBar.class::cast).findFirst().orElseThrow());
    }

    /** Rows of {@code columns} number columns a0, a1, … (cell = row + column + 0.5) and a label. */
    private static void write(Path csv, int rows, int columns) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            for (int c = 0; c < columns; c++) {
                writer.write("a" + c + ",");
            }
            writer.write("label\n");
            for (int row = 0; row < rows; row++) {
                for (int c = 0; c < columns; c++) {
                    writer.write((row + c) + ".5,");
                }
                writer.write(row % 2 == 0 ? "even\n" : "odd\n");
            }
        }
    }
}
