package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.TensorShape;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Data step with a folder of images, driven as a user drives it. */
@ExtendWith(ApplicationExtension.class)
class ImagesWindowTest {
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
    void theMnistSampleShowsAGridPerClassWithCountsAndEnlargesOnClick(FxRobot robot) {
        robot.clickOn("Samples");
        robot.clickOn("MNIST (400 images)");
        ProjectViewModel project = app.viewModels().project();
        waitUntil("the images are read", LOAD, () -> project.getImageExperiment() != null, () -> state(project));

        waitUntil("the grid is shown", LOAD, () -> robot.lookup("#class-row-9").tryQuery().isPresent(),
                () -> state(project));
        assertThat(onFx(() -> robot.lookup("#class-row-0").queryAs(Label.class).getText()))
                .isEqualTo("0 · 40 images");
        assertThat(onFx(() -> robot.lookup("#class-row-7").queryAs(Label.class).getText()))
                .isEqualTo("7 · 40 images");
        assertThat(onFx(() -> robot.lookup(".sample-thumbnail").queryAll().size())).isEqualTo(80);
        assertThat(onFx(() -> robot.lookup(".class-count").queryAll().stream()
                .map(n -> ((Label) n).getText()).distinct().toList())).containsExactly("40 images");
        assertThat(onFx(() -> robot.lookup("#folderDetailsLabel").queryAs(Label.class).getText()))
                .contains("400 images").contains("10 classes").contains("1×28×28");

        robot.clickOn(robot.lookup(".sample-thumbnail").<Node>queryAll().iterator().next());
        waitUntil("the image is enlarged", LOAD, () -> robot.lookup("#enlargedPane").query().isVisible(),
                () -> state(project));
        assertThat(onFx(() -> robot.lookup("#enlargedLabel").queryAs(Label.class).getText())).startsWith("0/");
        robot.clickOn("#enlargedPane");
        assertThat(onFx(() -> robot.lookup("#enlargedPane").query().isVisible())).isFalse();

        // The Network step fits the default CNN to the images.
        assertThat(onFx(() -> NetworkViewModel.signature(project)))
                .isEqualTo(new DataSignature(new TensorShape.Image(1, 28, 28), 10));
        assertThat(onFx(() -> project.getImageExperiment().project().network().nodes().size())).isGreaterThan(5);
    }

    @Test
    void unreadableAndStrayFilesAreListed(FxRobot robot) throws IOException {
        copyTree(Path.of("samples/mnist-small/train/1"), folder.resolve("one"));
        copyTree(Path.of("samples/mnist-small/train/7"), folder.resolve("seven"));
        Files.write(folder.resolve("seven/broken.png"), new byte[] {1, 2, 3});
        Files.writeString(folder.resolve("one/readme.md"), "hello");

        onFx(() -> app.viewModels().project().openImageFolder(folder));
        ProjectViewModel project = app.viewModels().project();
        waitUntil("the images are read", LOAD, () -> project.getImageExperiment() != null, () -> state(project));

        waitUntil("the left-out files are listed", LOAD,
                () -> robot.lookup("#skippedList").queryAs(ListView.class).getItems().size() == 2, () -> state(project));
        assertThat(onFx(() -> List.copyOf(robot.lookup("#skippedList").queryListView().getItems())))
                .containsExactly("seven/broken.png", "one/readme.md (not an image)");
        assertThat(onFx(() -> robot.lookup("#skippedSummaryLabel").queryAs(Label.class).getText()))
                .contains("1 file could not be read as an image").contains("1 file is not an image");
        assertThat(onFx(() -> robot.lookup("#class-row-1").queryAs(Label.class).getText()))
                .isEqualTo("seven · 30 images");
    }

    @Test
    void augmentationShowsWhatTheNetworkSeesAndWarnsAboutFlippingDigits(FxRobot robot) {
        onFx(() -> app.viewModels().project().openSample(Sample.MNIST_IMAGES));
        ProjectViewModel project = app.viewModels().project();
        waitUntil("the images are read", LOAD, () -> project.getImageExperiment() != null, () -> state(project));
        assertThat(onFx(() -> robot.lookup(".preview-original").queryAll().size())).isEqualTo(1);
        assertThat(onFx(() -> robot.lookup(".preview-variation").queryAll().size())).isZero();

        robot.clickOn("#flipHorizontalCheck");

        waitUntil("a warning is shown", LOAD, () -> !robot.lookup(".augmentation-warning").queryAll().isEmpty(),
                () -> state(project));
        assertThat(onFx(() -> robot.lookup(".augmentation-warning").queryAs(Label.class).getText()))
                .contains("Flipping left–right can change what a class means").contains("digits");
        assertThat(onFx(() -> project.getImageExperiment().project().images().augmentation().flipHorizontal()))
                .isTrue();
        assertThat(onFx(() -> robot.lookup(".preview-variation").queryAll().size()))
                .isEqualTo(AugmentationController.PREVIEW_COUNT);

        robot.clickOn("#flipHorizontalCheck");
        onFx(() -> robot.lookup("#rotationSpinner").queryAs(javafx.scene.control.Spinner.class).getValueFactory()
                .setValue(15));
        waitUntil("the warning is gone", LOAD, () -> robot.lookup(".augmentation-warning").queryAll().isEmpty(),
                () -> state(project));
        assertThat(onFx(() -> project.getImageExperiment().project().images().augmentation().rotationDegrees()))
                .isEqualTo(15.0);
        assertThat(onFx(() -> project.getImageExperiment().data().notes()))
                .anyMatch(note -> note.equals("Training images are augmented: rotate ±15°."));
        String before = onFx(() -> robot.lookup("#previewCaption").queryAs(Label.class).getText());
        robot.clickOn("#newPreviewButton");
        assertThat(onFx(() -> robot.lookup("#previewCaption").queryAs(Label.class).getText())).isNotEqualTo(before);
        assertThat(onFx(() -> robot.lookup(".preview-variation").queryAll().size()))
                .isEqualTo(AugmentationController.PREVIEW_COUNT);
        onFx(() -> {
            javafx.scene.control.ScrollPane side = robot.lookup("#imagesSideScroll").queryAs(
                    javafx.scene.control.ScrollPane.class);
            side.layout();
            side.setVvalue(1);
        });
        screenshot(robot, "data-images");
    }

    /** With -Dlayerlab.screenshots=DIR, writes the window as DIR/name.png (for the README). */
    static void screenshot(FxRobot robot, String name) {
        String folderName = System.getProperty("layerlab.screenshots");
        if (folderName == null) {
            return;
        }
        robot.sleep(500); // thumbnails load in the background
        javafx.scene.image.WritableImage image = onFx(() -> robot.window(0).getScene().snapshot(null));
        try {
            Files.createDirectories(Path.of(folderName));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                    Path.of(folderName, name + ".png").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String state(ProjectViewModel project) {
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get() + "'";
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
