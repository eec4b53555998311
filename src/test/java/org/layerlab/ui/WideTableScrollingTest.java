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
import javafx.scene.control.TableColumn;
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
 * A table of 300 columns in the real window: the table holds only the columns in sight, and the bar under it, the
 * arrow keys and a dragged column width all behave (see {@link ColumnWindow}).
 */
@ExtendWith(ApplicationExtension.class)
class WideTableScrollingTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final int COLUMNS = 300; // 299 features and the label

    @TempDir
    Path folder;

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
    void onlyTheColumnsInSightAreHeldAndTheBarKeysAndWidthsWork(FxRobot robot) throws IOException {
        Path csv = folder.resolve("wide.csv");
        writeWide(csv);
        onFx(() -> app.viewModels().project().openDataFile(csv));
        TableView<Integer> table = robot.lookup("#dataTable").queryAs(TableView.class);
        ScrollBar bar = robot.lookup("#columnScrollBar").queryAs(ScrollBar.class);
        waitUntil("the columns are shown", LOAD, () -> onFx(bar::isVisible) && shown(table) > 1,
                () -> app.viewModels().project().statusProperty().get());

        assertThat(shown(table)).isBetween(2, 24); // the columns in sight, not 300
        assertThat(onFx(() -> table.getColumns().size())).isLessThan(30);
        assertThat(header(table, 1)).isEqualTo("c0");
        assertThat(cell(table, 1, 5)).isEqualTo("5");
        assertThat(cell(table, 0, 5)).isEqualTo("6"); // the row numbers stay

        onFx(() -> bar.setValue(150)); // as dragging the thumb does
        assertThat(header(table, 1)).isEqualTo("c150");
        assertThat(cell(table, 1, 7)).isEqualTo("150007");
        assertThat(cell(table, 2, 7)).isEqualTo("151007");

        robot.clickOn(table);
        robot.push(KeyCode.RIGHT);
        assertThat(header(table, 1)).isEqualTo("c151");
        robot.push(KeyCode.LEFT).push(KeyCode.LEFT);
        assertThat(header(table, 1)).isEqualTo("c149");
        assertThat(onFx(bar::getValue)).isEqualTo(149.0);

        // Shift + wheel moves sideways, a column a notch (headless Monocle may invert the direction: only the distance
        // is checked), and leaves the rows where they are.
        robot.moveTo(table).press(KeyCode.SHIFT).scroll(2, javafx.geometry.VerticalDirection.DOWN).release(KeyCode.SHIFT);
        waitUntil("Shift + wheel scrolls sideways", LOAD, () -> !header(table, 1).equals("c149"),
                () -> header(table, 1));
        assertThat(Math.abs(Integer.parseInt(header(table, 1).substring(1)) - 149)).isEqualTo(2);
        assertThat(cell(table, 0, 0)).isEqualTo("1");
        onFx(() -> bar.setValue(149));

        // The end of the bar brings the label column into sight, marked as the label.
        onFx(() -> bar.setValue(bar.getMax()));
        TableColumn<Integer, ?> label = onFx(() -> table.getColumns().stream()
                .filter(column -> "label".equals(column.getUserData())).findFirst().orElse(null));
        assertThat(label).isNotNull();
        assertThat(onFx(() -> label.getStyleClass().contains("label-column"))).isTrue();
        assertThat(onFx(() -> table.getColumns().stream().filter(c -> c != label)
                .noneMatch(c -> c.getStyleClass().contains("label-column")))).isTrue();

        // A width the user gives a column stays with that column, not with the place that showed it.
        onFx(() -> bar.setValue(10));
        onFx(() -> table.getColumns().get(1).setPrefWidth(240));
        onFx(() -> bar.setValue(20));
        assertThat(onFx(() -> table.getColumns().get(1).getWidth())).isLessThan(240);
        onFx(() -> bar.setValue(10));
        assertThat(header(table, 1)).isEqualTo("c10");
        assertThat(onFx(() -> table.getColumns().get(1).getWidth())).isEqualTo(240.0);
    }

    @Test
    void aWindowThatGrewWhileTheStepWasHiddenShowsMoreColumnsWhenTheStepComesBack(FxRobot robot) throws IOException {
        Path csv = folder.resolve("wide.csv");
        writeWide(csv);
        onFx(() -> stage.setWidth(900));
        onFx(() -> app.viewModels().project().openDataFile(csv));
        TableView<Integer> table = robot.lookup("#dataTable").queryAs(TableView.class);
        waitUntil("the columns are shown", LOAD, () -> shown(table) > 1,
                () -> app.viewModels().project().statusProperty().get());
        robot.sleep(300);
        int narrow = shown(table);

        robot.clickOn("#networkStepButton");
        onFx(() -> stage.setWidth(1280)); // the headless screen's width
        robot.sleep(300);
        robot.clickOn("#dataStepButton");
        waitUntil("more columns in the wider window", LOAD, () -> shown(table) >= narrow + 4,
                () -> narrow + " → " + shown(table));
    }

    private static void writeWide(Path csv) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            for (int c = 0; c < COLUMNS - 1; c++) {
                writer.write("c" + c + ",");
            }
            writer.write("label\n");
            for (int row = 0; row < 40; row++) {
                for (int c = 0; c < COLUMNS - 1; c++) {
                    writer.write((c * 1000 + row) + ",");
                }
                writer.write(row % 2 == 0 ? "even\n" : "odd\n");
            }
        }
    }

    /** How many data columns the table shows now (its other columns are unused places, zero wide). */
    private static int shown(TableView<Integer> table) {
        return onFx(() -> (int) table.getColumns().stream()
                .filter(column -> column.getUserData() != null && column.getWidth() > 0).count());
    }

    private static String header(TableView<Integer> table, int column) {
        return onFx(() -> table.getColumns().get(column).getText());
    }

    private static String cell(TableView<Integer> table, int column, int row) {
        return onFx(() -> (String) table.getColumns().get(column).getCellData(row));
    }
}
