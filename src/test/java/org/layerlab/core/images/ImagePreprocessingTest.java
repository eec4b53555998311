package org.layerlab.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.graph.TensorShape;

/** The image steps as a user reads them, the choices ImageOptions allows, and the before/after preview. */
class ImagePreprocessingTest {
    private static final TensorShape.Image MNIST = new TensorShape.Image(1, 28, 28);

    @TempDir
    Path folder;

    @Test
    void automaticStepsSayWhatTheImagesGave() {
        assertThat(ImagePreprocessing.steps(ImageOptions.automatic(), MNIST)).containsExactly(
                "Resize to 28 × 28 (from the images)", "Grayscale (from the images)",
                "Scale pixel values from 0–255 to 0–1");
    }

    @Test
    void chosenStepsOverrideTheImagesAndWriteWidthFirst() {
        ImageOptions options = new ImageOptions(3, 24, 32, ImageAugmentation.NONE);
        assertThat(ImagePreprocessing.steps(options, MNIST)).containsExactly(
                "Resize to 32 × 24", "Colour (RGB)", "Scale pixel values from 0–255 to 0–1");
        assertThat(ImageShapes.fill(options, MNIST)).isEqualTo(new TensorShape.Image(3, 24, 32));
        assertThat(ImageShapes.fill(new ImageOptions(1, 0, 0, ImageAugmentation.NONE),
                new TensorShape.Image(3, 64, 48))).isEqualTo(new TensorShape.Image(1, 64, 48));
        assertThat(ImageShapes.fill(new ImageOptions(0, 14, 14, ImageAugmentation.NONE),
                new TensorShape.Image(3, 64, 48))).isEqualTo(new TensorShape.Image(3, 14, 14));
    }

    @Test
    void adviceWarnsOfSlowAndPointlesslyLargeSizesOnly() {
        assertThat(ImagePreprocessing.advice(new TensorShape.Image(1, 14, 14), MNIST)).isEmpty();
        assertThat(ImagePreprocessing.advice(new TensorShape.Image(3, 64, 64), new TensorShape.Image(3, 64, 64)))
                .isEmpty();
        assertThat(ImagePreprocessing.advice(new TensorShape.Image(3, 224, 224), new TensorShape.Image(3, 500, 400)))
                .contains("Each image becomes 150,528 numbers, so training on a CPU will be slow. 64 × 64 or smaller "
                        + "is usually enough to start.");
        assertThat(ImagePreprocessing.advice(new TensorShape.Image(1, 64, 64), MNIST))
                .contains("This is larger than the images (28 × 28): enlarging adds no detail, only work for the "
                        + "network.");
        assertThat(ImagePreprocessing.advice(new TensorShape.Image(1, 224, 224), MNIST).orElseThrow())
                .startsWith("This is larger than the images (28 × 28)").endsWith("usually enough to start.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | 0    | 0    |
            1 | 14   | 14   |
            3 | 1024 | 1    |
            2 | 28   | 28   | Images are read with 1 channel (grayscale) or 3 (colour), not 2.
            1 | 1025 | 28   | The image size must be two numbers from 1 to 1024 (e.g. 28 × 28), or left to LayerLab; 28 × 1025 is not possible.
            1 | 0    | 28   | The image size must be two numbers from 1 to 1024 (e.g. 28 × 28), or left to LayerLab; 28 × 0 is not possible.
            1 | -1   | -1   | The image size must be two numbers from 1 to 1024 (e.g. 28 × 28), or left to LayerLab; -1 × -1 is not possible.
            """)
    void problemSaysExactlyWhatTheConstructorRefuses(int channels, int height, int width, String message) {
        Optional<String> problem = ImageOptions.problem(channels, height, width);
        if (message == null) {
            assertThat(problem).isEmpty();
            assertThat(new ImageOptions(channels, height, width, ImageAugmentation.NONE).height()).isEqualTo(height);
        } else {
            assertThat(problem).contains(message);
            assertThatThrownBy(() -> new ImageOptions(channels, height, width, ImageAugmentation.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }
    }

    @Test
    void previewShowsTheFileAsItIsBesideWhatTheNetworkGets() throws IOException {
        Path digit = firstPng(Path.of("samples/mnist-small/train/3"));
        byte[] before = Files.readAllBytes(digit);

        ImagePreprocessing.Preview preview = ImagePreprocessing.preview(digit, new TensorShape.Image(1, 14, 14));

        assertThat(preview.original().height()).isEqualTo(28);
        assertThat(preview.original().channels()).isEqualTo(1);
        assertThat(preview.processed().height()).isEqualTo(14);
        assertThat(preview.processed().width()).isEqualTo(14);
        assertThat(preview.originalDescription()).isEqualTo("28 × 28, grayscale");
        assertThat(preview.processedDescription()).isEqualTo("14 × 14, grayscale, values 0–1");
        for (float value : preview.processed().values()) {
            assertThat(value).isBetween(0f, 1f);
        }
        assertThat(Files.readAllBytes(digit)).isEqualTo(before); // the source is only read
    }

    @Test
    void aLargeColourPhotoIsShownScaledDownAndReachesTheNetworkAsChosen() throws IOException {
        BufferedImage photo = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 400);
        g.setColor(Color.BLUE);
        g.fillRect(300, 0, 300, 400);
        g.dispose();
        Path file = folder.resolve("photo.png");
        ImageIO.write(photo, "png", file.toFile());

        ImagePreprocessing.Preview colour = ImagePreprocessing.preview(file, new TensorShape.Image(3, 32, 32));
        assertThat(colour.originalDescription()).isEqualTo("600 × 400, colour");
        assertThat(colour.original().width()).isEqualTo(ImagePreprocessing.LARGEST_PREVIEW_SIDE);
        assertThat(colour.original().height()).isEqualTo(171);
        assertThat(colour.processed().value(0, 16, 2)).isEqualTo(1f); // red on the left
        assertThat(colour.processed().value(2, 16, 29)).isEqualTo(1f); // blue on the right

        ImagePreprocessing.Preview gray = ImagePreprocessing.preview(file, new TensorShape.Image(1, 8, 8));
        assertThat(gray.processedDescription()).isEqualTo("8 × 8, grayscale, values 0–1");
        assertThat(gray.processed().value(0, 4, 0)).isCloseTo(0.299f, org.assertj.core.data.Offset.offset(0.01f));
    }

    private static Path firstPng(Path classFolder) throws IOException {
        try (var files = Files.list(classFolder)) {
            return files.filter(f -> f.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
    }
}
