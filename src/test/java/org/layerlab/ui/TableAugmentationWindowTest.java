package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.project.ProjectStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Augmentation card of the Data step as a user drives it on the titanic sample (its classes differ in size):
 * switch on noise and oversampling, read "what the network sees", draw again, save, reopen with the setting kept.
 */
@ExtendWith(ApplicationExtension.class)
class TableAugmentationWindowTest {
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
    void noiseAndOversamplingArePreviewedAndKeptInTheProjectFile(FxRobot robot) throws Exception {
        onFx(() -> app.viewModels().project().openSample(Sample.TITANIC));
        waitUntil("the data is prepared", LOAD, () -> app.viewModels().project().getExperiment() != null, this::state);
        // Worked out in the background, but its tables are built only once the card is scrolled to.
        waitUntil("the preview is worked out", LOAD, () -> !note(robot).startsWith("Working")
                && !note(robot).startsWith("The preview appears"), this::state);
        assertThat(onFx(() -> ScrolledIntoView.isInSight(before(robot)))).as("the card starts below the fold").isFalse();
        assertThat(onFx(() -> before(robot).getItems())).isEmpty();
        reveal(robot, "#augmentBeforeTable");
        waitUntil("a preview without augmentation", LOAD, () -> !before(robot).getItems().isEmpty(), this::state);
        assertThat(onFx(() -> after(robot).getItems())).isEqualTo(onFx(() -> before(robot).getItems()));
        Spinner<?> spread = robot.lookup("#tableNoiseSpinner").queryAs(Spinner.class);
        assertThat(onFx(spread::isDisabled)).as("no spread to set while noise is off").isTrue();

        reveal(robot, "#noiseCheck");
        robot.clickOn("#noiseCheck");
        assertThat(onFx(spread::isDisabled)).isFalse();
        onFx(() -> spread.getEditor().setText("0.25"));
        robot.clickOn(spread.getEditor()).type(javafx.scene.input.KeyCode.ENTER);
        reveal(robot, "#oversampleCheck");
        robot.clickOn("#oversampleCheck");

        assertThat(onFx(() -> app.viewModels().project().getProject().preprocessing().augmentation()))
                .isEqualTo(new TableAugmentation(0.25, true));
        waitUntil("the preview shows noise and oversampling", LOAD, () -> note(robot).contains("rows per epoch")
                && note(robot).contains("0.250"), this::state);
        List<List<String>> shownBefore = onFx(() -> List.copyOf(before(robot).getItems()));
        List<List<String>> shownAfter = onFx(() -> List.copyOf(after(robot).getItems()));
        assertThat(shownAfter).hasSameSizeAs(shownBefore).isNotEqualTo(shownBefore);
        // The class column is the same before and after; only numbers move.
        for (int row = 0; row < shownBefore.size(); row++) {
            assertThat(shownAfter.get(row).get(0)).isEqualTo(shownBefore.get(row).get(0));
        }
        GridPane counts = robot.lookup("#augmentationCounts").queryAs(GridPane.class);
        List<String> cells = onFx(() -> counts.getChildren().stream().map(node -> ((Label) node).getText()).toList());
        // Header, then per class: name, training rows, rows per epoch — every class at the largest count.
        assertThat(cells.subList(0, 3)).containsExactly("Class", "Training rows", "Rows per epoch");
        int first = Integer.parseInt(cells.get(4).replace(",", ""));
        int second = Integer.parseInt(cells.get(7).replace(",", ""));
        assertThat(first).isNotEqualTo(second);
        assertThat(cells.get(5)).isEqualTo(cells.get(8)).isEqualTo(String.format("%,d", Math.max(first, second)));

        reveal(robot, "#regenerateAugmentationButton");
        robot.clickOn("#regenerateAugmentationButton");
        waitUntil("another draw", LOAD, () -> !after(robot).getItems().isEmpty()
                && !after(robot).getItems().equals(shownAfter), this::state);

        Path file = folder.resolve("titanic" + ProjectStore.EXTENSION);
        onFx(() -> app.viewModels().project().saveProject(file));
        waitUntil("the project is saved", LOAD, () -> Files.exists(file)
                && app.viewModels().project().statusProperty().get().startsWith("Saved"), this::state);
        onFx(() -> app.viewModels().project().openSample(Sample.IRIS));
        waitUntil("iris without augmentation", LOAD, () -> app.viewModels().project().getExperiment() != null
                && !checkBox(robot, "#oversampleCheck").isSelected(), this::state);
        assertThat(onFx(() -> checkBox(robot, "#noiseCheck").isSelected())).isFalse();

        onFx(() -> app.viewModels().project().openProject(file));
        waitUntil("the project is open again", LOAD, () -> app.viewModels().project().getExperiment() != null
                && app.viewModels().project().getProject().labelColumn().equals("survived"), this::state);
        assertThat(onFx(() -> checkBox(robot, "#noiseCheck").isSelected())).isTrue();
        assertThat(onFx(() -> checkBox(robot, "#oversampleCheck").isSelected())).isTrue();
        assertThat(onFx(() -> spread.getEditor().getText())).isEqualTo("0.25");
        waitUntil("the preview again", LOAD, () -> note(robot).contains("rows per epoch"), this::state);
    }

    /** Scrolls the settings column so that the node is in view, as a user would before clicking it. */
    private static void reveal(FxRobot robot, String query) {
        onFx(() -> {
            javafx.scene.Node node = robot.lookup(query).query();
            javafx.scene.control.ScrollPane scroll = robot.lookup("#editingScroll").queryAs(
                    javafx.scene.control.ScrollPane.class);
            javafx.scene.Node content = scroll.getContent();
            double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
            double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(extra <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / extra)));
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private static CheckBox checkBox(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(CheckBox.class);
    }

    private static String note(FxRobot robot) {
        return robot.lookup("#augmentationNoteLabel").queryAs(Label.class).getText();
    }

    private static TableView<List<String>> before(FxRobot robot) {
        return robot.lookup("#augmentBeforeTable").queryTableView();
    }

    private static TableView<List<String>> after(FxRobot robot) {
        return robot.lookup("#augmentAfterTable").queryTableView();
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', preview='" + app.viewModels().data().augmentation().previewNoteProperty().get() + "'";
    }
}
