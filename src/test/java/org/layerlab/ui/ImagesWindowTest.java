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
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.project.ProjectStore;
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

        scrollSideColumnTo(robot, "#flipHorizontalCheck"); // below the preprocessing card
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
        scrollSideColumnTo(robot, "#newPreviewButton");
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
        screenshot(robot, "data-images-augmentation");
    }

    @Test
    void preprocessingResizesToGrayscale14x14ShowsItBeforeAfterAndIsSavedInTheProject(FxRobot robot) {
        onFx(() -> app.viewModels().project().openSample(Sample.MNIST_IMAGES));
        ProjectViewModel project = app.viewModels().project();
        waitUntil("the images are read", LOAD, () -> project.getImageExperiment() != null, () -> state(project));
        waitUntil("the preview is shown", LOAD, () -> afterSize(robot).length == 2, () -> state(project));
        assertThat(afterSize(robot)).containsExactly(28, 28);
        assertThat(onFx(() -> robot.lookup("#resizeStepLabel").queryAs(Label.class).getText()))
                .isEqualTo("Resize to 28 × 28 (from the images)");
        assertThat(onFx(() -> robot.lookup("#sizeCombo").queryAs(ComboBox.class).getButtonCell().getText()))
                .isEqualTo("From the images (28 × 28)");
        assertThat(onFx(() -> robot.lookup("#applyBox").query().isVisible())).isFalse();

        scrollSideColumnTo(robot, "#sizeCombo");
        robot.clickOn("#sizeCombo");
        robot.clickOn("Custom size");
        for (String spinner : List.of("#widthSpinner", "#heightSpinner")) {
            robot.doubleClickOn(spinner + " .text-field").eraseText(4).write("14").type(KeyCode.ENTER);
        }
        robot.clickOn("#colourCombo");
        robot.clickOn("Grayscale");

        waitUntil("the preview is 14 × 14", LOAD, () -> java.util.Arrays.equals(afterSize(robot), new int[] {14, 14}),
                () -> state(project));
        assertThat(onFx(() -> robot.lookup("#afterLabel").queryAs(Label.class).getText()))
                .isEqualTo("14 × 14, grayscale, values 0–1");
        assertThat(onFx(() -> robot.lookup("#beforeLabel").queryAs(Label.class).getText()))
                .isEqualTo("28 × 28, grayscale");
        assertThat(onFx(() -> robot.lookup("#resizeStepLabel").queryAs(Label.class).getText()))
                .isEqualTo("Resize to 14 × 14");
        assertThat(onFx(() -> robot.lookup("#pendingLabel").queryAs(Label.class).getText()))
                .contains("Not applied yet");
        // Not applied yet: the images are still read as before.
        assertThat(onFx(() -> project.getImageExperiment().shape())).isEqualTo(new TensorShape.Image(1, 28, 28));

        scrollSideColumnTo(robot, "#preprocessingRoot");
        screenshot(robot, "data-images");
        scrollSideColumnTo(robot, "#applyButton");
        robot.clickOn("#applyButton");
        waitUntil("the images are read at 14 × 14", LOAD, () -> project.getImageExperiment() != null
                && project.getImageExperiment().shape().equals(new TensorShape.Image(1, 14, 14)), () -> state(project));
        waitUntil("the Apply button goes", LOAD, () -> !robot.lookup("#applyBox").query().isVisible(),
                () -> state(project));
        assertThat(onFx(() -> project.getProject().images())).isEqualTo(
                new ImageOptions(1, 14, 14, ImageAugmentation.NONE));
        assertThat(onFx(() -> robot.lookup("#folderDetailsLabel").queryAs(Label.class).getText()))
                .contains("1×14×14");
        // The default CNN was fitted to the new size.
        assertThat(onFx(() -> NetworkViewModel.signature(project)))
                .isEqualTo(new DataSignature(new TensorShape.Image(1, 14, 14), 10));
        assertThat(onFx(() -> project.getProject().network())).isEqualTo(Templates.find("lenet").orElseThrow()
                .buildFor(new DataSignature(new TensorShape.Image(1, 14, 14), 10)));

        Path file = folder.resolve("digits14" + ProjectStore.EXTENSION);
        onFx(() -> project.saveProject(file));
        waitUntil("the project is saved", LOAD, () -> file.equals(project.projectFileProperty().get()),
                () -> state(project));
        assertThat(ProjectStore.load(file).images()).isEqualTo(new ImageOptions(1, 14, 14, ImageAugmentation.NONE));

        onFx(() -> project.openSample(Sample.MNIST_IMAGES));
        waitUntil("the sample is read afresh", LOAD, () -> project.getImageExperiment() != null
                && project.getImageExperiment().shape().height() == 28, () -> state(project));
        waitUntil("the preview is 28 × 28 again", LOAD,
                () -> java.util.Arrays.equals(afterSize(robot), new int[] {28, 28}), () -> state(project));
        onFx(() -> project.openProject(file));
        waitUntil("the project is read at 14 × 14", LOAD, () -> project.getImageExperiment() != null
                && project.getImageExperiment().shape().height() == 14, () -> state(project));
        waitUntil("the form shows 14 × 14", LOAD,
                () -> java.util.Arrays.equals(afterSize(robot), new int[] {14, 14}), () -> state(project));
        assertThat(onFx(() -> robot.lookup("#widthSpinner").queryAs(Spinner.class).getValue())).isEqualTo(14);
        assertThat(onFx(() -> robot.lookup("#sizeCombo").queryAs(ComboBox.class).getValue()))
                .isEqualTo(ImagePreprocessingViewModel.SizeChoice.CUSTOM);
        assertThat(onFx(() -> robot.lookup("#colourCombo").queryAs(ComboBox.class).getValue())).isEqualTo(1);
    }

    /** Scrolls the side column so that the node is in view, as a user would before clicking it. */
    private static void scrollSideColumnTo(FxRobot robot, String query) {
        onFx(() -> {
            javafx.scene.control.ScrollPane side = robot.lookup("#imagesSideScroll")
                    .queryAs(javafx.scene.control.ScrollPane.class);
            side.layout();
            Node node = robot.lookup(query).query();
            Node content = side.getContent();
            double top = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            double scrollable = content.getBoundsInLocal().getHeight() - side.getViewportBounds().getHeight();
            side.setVvalue(scrollable <= 0 ? 0 : Math.max(0, Math.min(1, (top - 10) / scrollable)));
            side.layout();
        });
    }

    /** The preview's "after" image as {width, height} in pixels; empty before there is one. */
    private static int[] afterSize(FxRobot robot) {
        return onFx(() -> {
            ImageView after = robot.lookup("#afterImage").queryAs(ImageView.class);
            return after.getImage() == null ? new int[0]
                    : new int[] {(int) after.getImage().getWidth(), (int) after.getImage().getHeight()};
        });
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
