package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
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
 * The Data step's first showing is painted a part per pulse (docs/decisions/0031): every part ends up shown, even when
 * a second table replaces the first before its parts are all in; and the column list's "Use" cells show the label tag
 * on the label column and a tick box on the others, following the label when it changes.
 */
@ExtendWith(ApplicationExtension.class)
class DataStepFirstShowingTest {
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
    void aTableOpenedBeforeTheFirstIsAllInStillShowsEveryCardAndTheTabs(FxRobot robot) throws IOException {
        Path first = write("first.csv", "x,y,kind\n1,2,a\n3,4,b\n5,6,a\n");
        Path second = write("second.csv", "p,q,r,label\n1,2,3,u\n4,5,6,v\n7,8,9,u\n");
        onFx(() -> app.viewModels().project().openDataFile(first));
        // The second is opened in the pulse the first arrives in, while its parts still wait to be shown.
        onFx(() -> app.viewModels().project().tableProperty().addListener((obs, old, table) -> {
            if (old == null && table != null) {
                app.viewModels().project().openDataFile(second);
            }
        }));
        waitUntil("the second table", LOAD, () -> onFx(() -> app.viewModels().project().getTable() != null
                && app.viewModels().project().getTable().columnNames().contains("label")), () -> "");
        robot.sleep(500); // its parts and rows come over a few pulses

        Parent settings = robot.lookup("#editingPane").queryAs(Parent.class);
        List<Node> cards = onFx(() -> List.copyOf(settings.getChildrenUnmodifiable()));
        assertThat(cards).hasSizeGreaterThan(3);
        // All but the notes (shown only when there are notes) are visible.
        assertThat(onFx(() -> cards.stream().filter(card -> !card.getStyleClass().contains("notes"))
                .allMatch(Node::isVisible))).as("every card visible").isTrue();
        assertThat(onFx(() -> robot.lookup("#dataTabs").query().isVisible())).as("the tabs visible").isTrue();
    }

    @Test
    void theUseColumnShowsTheLabelTagOnTheLabelColumnAndTickBoxesOnTheOthers(FxRobot robot) throws IOException {
        Path csv = write("table.csv", "x,y,z,class\n1,2,3,a\n4,5,6,b\n7,8,9,a\n5,5,5,b\n");
        onFx(() -> app.viewModels().project().openDataFile(csv));
        TableView<?> columns = robot.lookup("#columnTable").queryAs(TableView.class);
        waitUntil("the column list", LOAD, () -> useGraphic(columns, "x") != null, () -> useCells(columns));
        onFx(() -> app.viewModels().data().labelProperty().set("class"));
        waitUntil("the tag on class", LOAD, () -> useGraphic(columns, "class") instanceof Label, () -> onFx(() -> app.viewModels().project().getProject().labelColumn()) + useCells(columns));
        assertThat(useGraphic(columns, "x")).isInstanceOf(CheckBox.class);
        CheckBox xBox = (CheckBox) useGraphic(columns, "x");

        onFx(() -> app.viewModels().data().labelProperty().set("x"));
        waitUntil("the tag on x", LOAD, () -> useGraphic(columns, "x") instanceof Label, () -> "");
        assertThat(useGraphic(columns, "class")).isInstanceOf(CheckBox.class);

        onFx(() -> app.viewModels().data().labelProperty().set("class"));
        waitUntil("the tag back on class", LOAD, () -> useGraphic(columns, "class") instanceof Label, () -> "");
        assertThat(useGraphic(columns, "x")).as("the same tick box again").isSameAs(xBox);

        robot.clickOn(xBox);
        waitUntil("x left out", LOAD, () -> onFx(() -> app.viewModels().project().getProject().preprocessing()
                .excludedColumns().contains("x")), () -> "");
        assertThat(onFx(xBox::isSelected)).isFalse();
    }

    /** The graphic of the "Use" cell on the row of column {@code name}, or null when none is shown. */
    private static Node useGraphic(TableView<?> columns, String name) {
        return onFx(() -> columns.lookupAll(".table-cell").stream()
                .filter(node -> node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                        && "Use".equals(cell.getTableColumn().getText()) && cell.getItem() instanceof DataViewModel.ColumnInfo info
                        && info.name().equals(name))
                .map(node -> ((TableCell<?, ?>) node).getGraphic()).findFirst().orElse(null));
    }

    /** The "Use" cells' columns and graphics, for a failure's message. */
    private static String useCells(TableView<?> columns) {
        return onFx(() -> columns.lookupAll(".table-cell").stream()
                .filter(node -> node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                        && "Use".equals(cell.getTableColumn().getText()))
                .map(node -> (((TableCell<?, ?>) node).getItem() instanceof DataViewModel.ColumnInfo info ? info.name() + (info.labelProperty().get() ? "(label)" : "") : "-") + "=" + ((TableCell<?, ?>) node).getGraphic())
                .toList().toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
