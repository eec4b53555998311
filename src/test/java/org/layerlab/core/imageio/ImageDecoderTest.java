package org.layerlab.core.imageio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.IdxReader;

class ImageDecoderTest {

    @TempDir
    Path folder;

    private static Path firstSevenPng() throws IOException {
        try (var files = Files.list(Path.of("samples/mnist-small/train/7"))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void decodesAGrayscalePngToValuesBetweenZeroAndOne() throws IOException {
        Pixels pixels = ImageDecoder.decode(firstSevenPng(), 1, 28, 28);

        assertThat(pixels.channels()).isEqualTo(1);
        assertThat(pixels.values()).hasSize(784);
        float max = 0;
        float min = 1;
        for (float v : pixels.values()) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f); // MNIST strokes saturate at 255
    }

    @Test
    void resizesAndConvertsChannels() throws IOException {
        Pixels small = ImageDecoder.decode(firstSevenPng(), 1, 14, 14);
        Pixels colour = ImageDecoder.decode(firstSevenPng(), 3, 28, 28);

        assertThat(small.values()).hasSize(196);
        assertThat(colour.values()).hasSize(3 * 784);
        // A grey image has equal red, green and blue.
        assertThat(colour.value(0, 14, 14)).isEqualTo(colour.value(2, 14, 14));
    }

    @Test
    void readsColourImagesAsRgbPlanes() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x0000FF);
        Path file = folder.resolve("rb.bmp");
        ImageIO.write(image, "bmp", file.toFile());

        Pixels pixels = ImageDecoder.decode(file, 3, 1, 2);

        assertThat(pixels.value(0, 0, 0)).isEqualTo(1f);
        assertThat(pixels.value(2, 0, 0)).isZero();
        assertThat(pixels.value(2, 0, 1)).isEqualTo(1f);
    }

    @Test
    void aCorruptImageIsAProblemNamingTheFile() throws IOException {
        Path broken = Files.write(folder.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

        assertThatThrownBy(() -> ImageDecoder.decode(broken, 1, 28, 28)).isInstanceOf(DataProblem.class)
                .hasMessageContaining("broken.png");
    }

    @Test
    void mnistIdxImagesRoundTripThroughPng() throws IOException {
        IdxReader.Images images = IdxReader.readImages(Path.of("src/test/resources/mnist-idx-small/test-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(Path.of("src/test/resources/mnist-idx-small/test-labels-idx1-ubyte.gz"));
        Path png = folder.resolve("first.png");

        ImageDecoder.writeGrayPng(png, images.pixels()[0], images.height(), images.width());
        Pixels pixels = ImageDecoder.decode(png, 1, 28, 28);

        assertThat(images.count()).isEqualTo(200).isEqualTo(labels.length);
        assertThat(labels[0]).isEqualTo(7); // the first MNIST test digit is a 7
        for (int i = 0; i < 784; i++) {
            assertThat(Math.round(pixels.values()[i] * 255)).isEqualTo(images.pixels()[0][i] & 0xff);
        }
    }
}
