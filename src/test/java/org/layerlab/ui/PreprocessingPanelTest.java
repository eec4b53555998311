package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.core.preprocess.PipelinePreview;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.core.preprocess.PipelineStep.StepKind;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Data step's Preprocessing panel as a user drives it: add a step, move it up, watch the preview change. */
@ExtendWith(ApplicationExtension.class)
class PreprocessingPanelTest {
    private static final Duration LOAD = Duration.ofSeconds(30);

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
    void addingAndReorderingStepsChangesTheProjectAndThePreview(FxRobot robot) {
        onFx(() -> app.viewModels().project().openSample(Sample.TITANIC));
        waitUntil("the data is prepared", LOAD, () -> app.viewModels().project().getExperiment() != null, this::state);
        ListView<PipelineStep> steps = robot.lookup("#stepList").queryListView();
        // Until the user changes something, the list shows what the default preprocessing does.
        assertThat(onFx(() -> List.copyOf(steps.getItems()))).extracting(PipelineStep::kind)
                .containsExactly(StepKind.IMPUTE, StepKind.STANDARDIZE, StepKind.ONE_HOT_ENCODE);
        assertThat(onFx(() -> app.viewModels().project().getProject().preprocessing().hasPipeline())).isFalse();

        reveal(robot, "#addStepButton");
        robot.clickOn("#addStepButton");
        robot.clickOn("Log transform");
        waitUntil("the step is added", LOAD, () -> steps.getItems().size() == 4, this::state);
        assertThat(onFx(() -> app.viewModels().project().getProject().preprocessing().steps()))
                .extracting(PipelineStep::kind).containsExactly(StepKind.IMPUTE, StepKind.STANDARDIZE,
                        StepKind.ONE_HOT_ENCODE, StepKind.LOG_TRANSFORM);
        assertThat(onFx(() -> steps.getSelectionModel().getSelectedIndex())).isEqualTo(3);
        PipelinePreview afterStandardizing = waitForPreview(robot, null);
        // Log after standardizing: its input is the standardized numbers (around 0).
        List<String> firstBefore = onFx(() -> List.copyOf(before(robot).getItems().get(0)));

        reveal(robot, "#stepUpButton");
        robot.clickOn("#stepUpButton");
        waitUntil("the step moved up", LOAD, () -> steps.getSelectionModel().getSelectedIndex() == 2, this::state);
        robot.clickOn("#stepUpButton");
        waitUntil("the step moved up twice", LOAD, () -> steps.getSelectionModel().getSelectedIndex() == 1,
                this::state);
        assertThat(onFx(() -> app.viewModels().project().getProject().preprocessing().steps()))
                .extracting(PipelineStep::kind).containsExactly(StepKind.IMPUTE, StepKind.LOG_TRANSFORM,
                        StepKind.STANDARDIZE, StepKind.ONE_HOT_ENCODE);
        PipelinePreview beforeStandardizing = waitForPreview(robot, afterStandardizing);
        // Now it sees the raw numbers (e.g. a fare of 211.3375, not a standardized value).
        assertThat(beforeStandardizing.before()).isNotEqualTo(afterStandardizing.before());
        assertThat(onFx(() -> List.copyOf(before(robot).getItems().get(0)))).isNotEqualTo(firstBefore);
        assertThat(onFx(() -> after(robot).getColumns().size())).isGreaterThan(1);
        waitUntil("the data is prepared again", LOAD, () -> app.viewModels().project().getExperiment() != null,
                this::state);

        reveal(robot, "#resetPipelineButton");
        robot.clickOn("#resetPipelineButton");
        waitUntil("the default is back", LOAD, () -> steps.getItems().size() == 3, this::state);
        assertThat(onFx(() -> app.viewModels().project().getProject().preprocessing().hasPipeline())).isFalse();
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

    private PipelinePreview waitForPreview(FxRobot robot, PipelinePreview other) {
        waitUntil("a new preview", LOAD, () -> {
            PipelinePreview shown = app.viewModels().data().pipeline().previewProperty().get();
            return shown != null && shown != other && !before(robot).getItems().isEmpty();
        }, this::state);
        return onFx(() -> app.viewModels().data().pipeline().previewProperty().get());
    }

    private static TableView<List<String>> before(FxRobot robot) {
        return robot.lookup("#previewBeforeTable").queryTableView();
    }

    private static TableView<List<String>> after(FxRobot robot) {
        return robot.lookup("#previewAfterTable").queryTableView();
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', preview='" + app.viewModels().data().pipeline().previewNoteProperty().get() + "', dataProblem='"
                + project.dataProblemProperty().get() + "'";
    }
}
