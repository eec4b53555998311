package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.bundle.ImageBundleFixture;
import org.layerlab.core.bundle.ModelBundleStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Training on images in the window, then trying an image in the Use step: prediction, chart and saliency. */
@ExtendWith(ApplicationExtension.class)
class UseImagesWindowTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final Duration TRAINING = Duration.ofSeconds(240);

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
    void trainsOnTheImageSampleAndTriesATestImageWithWhereTheModelLooked(FxRobot robot) throws IOException {
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.MNIST_IMAGES));
        waitUntil("the images are read", LOAD, () -> project.getImageExperiment() != null, () -> state(project));
        robot.clickOn("#trainStepButton");
        onFx(() -> app.viewModels().train().epochsTextProperty().set("3"));
        robot.clickOn("#trainButton");
        waitUntil("training is over", TRAINING, () -> !project.trainingRunningProperty().get()
                && project.evaluationProperty().get() != null, () -> state(project));
        assertThat(onFx(() -> project.evaluationProperty().get().classes())).hasSize(10);
        Path report = folder.resolve("report.html");
        onFx(() -> app.viewModels().evaluate().exportReport(report));
        waitUntil("the report is written", LOAD, () -> Files.exists(report), () -> state(project));
        assertThat(Files.readString(report)).contains("the images of mnist-small");

        robot.clickOn("#useStepButton");
        UseViewModel use = app.viewModels().use();
        waitUntil("the first test image is predicted", LOAD, () -> use.triedImageProperty().get() != null,
                () -> state(project));
        assertThat(onFx(() -> robot.lookup("#imageCard").query().isVisible())).isTrue();
        assertThat(onFx(() -> robot.lookup("#formCard").query().isVisible())).isFalse();
        assertThat(onFx(() -> robot.lookup("#triedImageView").queryAs(ImageView.class).getImage())).isNotNull();
        assertThat(onFx(() -> robot.lookup("#saliencyView").queryAs(ImageView.class).getImage().getWidth()))
                .isEqualTo(28.0);
        assertThat(onFx(() -> robot.lookup("#predictedLabel").queryAs(Label.class).getText()))
                .matches("\\d \\(probability \\d\\.\\d{3}\\)");
        assertThat(onFx(() -> use.probabilityData().getColumnCount())).isEqualTo(10);
        assertThat(onFx(() -> robot.lookup("#triedImageLabel").queryAs(Label.class).getText())).startsWith("00");
        ImagesWindowTest.screenshot(robot, "use-images");
    }

    @Test
    void anOpenedModelOfImagesPredictsAChosenImageAndExplainsAFileThatIsNotOne(FxRobot robot) throws IOException {
        Path model = folder.resolve("digits.llmodel");
        ModelBundleStore.save(ImageBundleFixture.bundle(), model);
        Path notAnImage = Files.writeString(folder.resolve("notes.png"), "just text");
        Path seven;
        try (var files = Files.list(Path.of("samples/mnist-small/test/7"))) {
            seven = files.sorted().findFirst().orElseThrow();
        }
        UseViewModel use = app.viewModels().use();
        ProjectViewModel project = app.viewModels().project();

        onFx(() -> use.openModel(model));
        waitUntil("the model is open", LOAD, () -> use.bundleProperty().get() != null, () -> state(project));
        onFx(() -> use.predictImage(seven));
        waitUntil("the image is predicted", LOAD, () -> use.triedImageProperty().get() != null, () -> state(project));
        assertThat(onFx(() -> use.triedImageProperty().get().prediction().probabilities().keySet()))
                .containsExactlyElementsOf(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        float max = 0;
        for (float v : use.triedImageProperty().get().saliency()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertThat(onFx(() -> robot.lookup("#predictFileButton").queryButton().getText()))
                .isEqualTo("Predict a Folder…");

        onFx(() -> use.predictImage(notAnImage));
        waitUntil("the problem is shown", LOAD, () -> !use.inputProblemProperty().get().isEmpty(),
                () -> state(project));
        assertThat(onFx(() -> robot.lookup("#imageProblemLabel").queryAs(Label.class).getText()))
                .isEqualTo("'notes.png' is not an image LayerLab can read (PNG, JPEG, BMP or GIF). It is skipped.");
    }

    private static String state(ProjectViewModel project) {
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get() + "'";
    }
}
