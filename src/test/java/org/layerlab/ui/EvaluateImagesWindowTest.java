package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.core.evaluate.Evaluation;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Evaluate step after a real (short) training on the MNIST sample: a confusion cell shows its test images. */
@ExtendWith(ApplicationExtension.class)
class EvaluateImagesWindowTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final Duration TRAINING = Duration.ofSeconds(300);

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
    void clickingAConfusionCellShowsItsTestImagesAsThumbnailsMostConfidentFirst(FxRobot robot) {
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.MNIST_IMAGES));
        waitUntil("the images are read", LOAD, () -> project.getImageExperiment() != null, this::state);
        robot.clickOn("#trainStepButton");
        onFx(() -> app.viewModels().train().epochsTextProperty().set("2"));
        robot.clickOn("#trainButton");
        waitUntil("the run is evaluated", TRAINING, () -> !project.trainingRunningProperty().get()
                && project.evaluationProperty().get() != null, this::state);
        robot.clickOn("#evaluateStepButton");
        EvaluateViewModel evaluate = app.viewModels().evaluate();
        assertThat(onFx(() -> robot.lookup("#evaluationTitleLabel").queryAs(Label.class).getText()))
                .isEqualTo("Evaluation on the test images");
        waitUntil("the test images' probabilities are computed", LOAD,
                () -> evaluate.probabilitiesProperty().get() != null, this::state);

        // The fullest cell of the matrix, so that there are several images to order.
        Evaluation evaluation = onFx(() -> project.evaluationProperty().get());
        int[][] confusion = evaluation.confusion();
        int actual = 0;
        int predicted = 0;
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                if (confusion[a][p] > confusion[actual][predicted]) {
                    actual = a;
                    predicted = p;
                }
            }
        }
        int expected = confusion[actual][predicted];
        robot.clickOn("#matrixCell-" + actual + "-" + predicted);

        Node card = robot.lookup("#cellRowsCard").query();
        waitUntil("every thumbnail has its picture", LOAD, () -> card.isVisible()
                && robot.lookup(".cell-image").queryAll().size() == expected
                && robot.lookup(".cell-image .image-view").queryAllAs(ImageView.class).stream()
                        .allMatch(view -> view.getImage() != null), this::state);
        assertThat(onFx(() -> robot.lookup("#cellTitleLabel").queryAs(Label.class).getText()))
                .startsWith(expected + " test image");
        assertThat(onFx(() -> robot.lookup("#cellHeadingLabel").queryAs(Label.class).getText()))
                .isEqualTo("Images behind the cell");
        assertThat(onFx(() -> robot.lookup("#cellRowsTable").query().isVisible())).isFalse();
        assertThat(onFx(() -> robot.lookup("#cellImagesScroll").query().isVisible())).isTrue();

        List<EvaluateViewModel.CellRow> rows = onFx(() -> List.copyOf(evaluate.cellRows()));
        assertThat(rows).hasSize(expected);
        assertThat(rows).isSortedAccordingTo((x, y) -> Double.compare(y.predictedProbability(),
                x.predictedProbability()));
        String actualClass = evaluation.classes().get(actual);
        String predictedClass = evaluation.classes().get(predicted);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.predicted()).isEqualTo(predictedClass);
            // The test images come from the class folder of their true class.
            assertThat(row.imageFile().getParent().getFileName().toString()).isEqualTo(actualClass);
        });
        // Each tile names its file and shows the predicted class with its probability, in the list's order.
        List<List<String>> tiles = onFx(() -> robot.lookup(".cell-image").queryAllAs(VBox.class).stream()
                .map(tile -> tile.getChildren().stream().filter(Label.class::isInstance)
                        .map(label -> ((Label) label).getText()).toList()).toList());
        for (int i = 0; i < rows.size(); i++) {
            EvaluateViewModel.CellRow row = rows.get(i);
            assertThat(tiles.get(i)).containsExactly(row.imageFile().getFileName().toString(),
                    row.predicted() + " · " + EvaluateViewModel.format(row.predictedProbability()));
        }
        ImageView firstPicture = onFx(() -> robot.lookup(".cell-image .image-view").queryAs(ImageView.class));
        assertThat(firstPicture.getImage().getWidth()).isEqualTo(EvaluateController.CELL_THUMBNAIL_SIZE);

        robot.clickOn("#closeCellRowsButton");
        waitUntil("the list closes", LOAD, () -> !card.isVisible(), this::state);
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get() + "'";
    }
}
