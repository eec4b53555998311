package org.layerlab.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.graph.TensorShape;

class ImageExamplesTest {
    private static final TensorShape.Image MNIST = new TensorShape.Image(1, 28, 28);

    @TempDir
    Path folder;

    private static List<ImageEntry> sample(String split) {
        return ImageFolderIndexer.index(Path.of("samples/mnist-small"), ImageFolderIndexer.Progress.NONE, () -> false)
                .train().subList(0, 20);
    }

    @Test
    void unreadableImagesAreLeftOutAndNamedNotACrash() throws IOException {
        List<ImageEntry> entries = new ArrayList<>(sample("train"));
        Files.createDirectories(folder.resolve("3"));
        Path broken = Files.write(folder.resolve("3/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path text = Files.writeString(folder.resolve("3/notes.jpg"), "this is text with an image ending");
        entries.add(5, new ImageEntry(broken, 3));
        entries.add(new ImageEntry(text, 3));

        ImageExamples.Loaded loaded = ImageExamples.load(entries, MNIST, Long.MAX_VALUE,
                ImageExamples.Progress.NONE, () -> false);

        assertThat(loaded.unreadable()).containsExactly("3/broken.png", "3/notes.jpg");
        assertThat(loaded.examples().rows()).isEqualTo(20);
        assertThat(loaded.examples().images()).doesNotContain(new ImageEntry(broken, 3));
    }

    @Test
    void readingCanBeCancelled() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageExamples.load(sample("train"), MNIST,
                Long.MAX_VALUE, ImageExamples.Progress.NONE, () -> true))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void cachedAndUncachedSetsGiveTheSameValues() {
        List<ImageEntry> entries = sample("train");
        ImageExamples cached = ImageExamples.load(entries, MNIST, Long.MAX_VALUE, ImageExamples.Progress.NONE,
                () -> false).examples();
        ImageExamples fromFiles = ImageExamples.load(entries, MNIST, 0, ImageExamples.Progress.NONE,
                () -> false).examples();
        assertThat(cached.cached()).isTrue();
        assertThat(fromFiles.cached()).isFalse();

        int[] order = {4, 0, 19};
        float[] a = new float[3 * 784];
        float[] b = new float[3 * 784];
        cached.copyRows(order, 0, 3, a, 1);
        fromFiles.copyRows(order, 0, 3, b, 1);

        assertThat(a).containsExactly(b);
        assertThat(cached.labels()).containsExactly(fromFiles.labels());
        float max = 0;
        for (float v : a) {
            max = Math.max(max, v);
        }
        assertThat(max).isBetween(0.5f, 1f);
    }

    @Test
    void mixedSizesAndColoursAreResizedToTheChosenShape() throws IOException {
        Path colour = folder.resolve("a/colour.png");
        Files.createDirectories(colour.getParent());
        Files.copy(Path.of("src/test/resources/images/colour-40x30.png"), colour);
        List<ImageEntry> entries = List.of(sample("train").get(0), new ImageEntry(colour, 0));

        ImageExamples set = ImageExamples.load(entries, new TensorShape.Image(3, 16, 16), Long.MAX_VALUE,
                ImageExamples.Progress.NONE, () -> false).examples();

        assertThat(set.rows()).isEqualTo(2);
        assertThat(set.columns()).isEqualTo(3 * 16 * 16);
        assertThat(set.exampleShape()).isEqualTo(new TensorShape.Image(3, 16, 16));
        assertThat(set.toEncodedSet().features()).hasSize(2 * 3 * 16 * 16);
    }

    @Test
    void augmentationVariesEachPassRepeatablyAndLeavesPassZeroAlone() {
        ImageExamples plain = ImageExamples.load(sample("train"), MNIST, Long.MAX_VALUE,
                ImageExamples.Progress.NONE, () -> false).examples();
        ImageAugmentation rotate = new ImageAugmentation(false, false, 20, 0.1, 0, 0, 0, 0);
        ImageExamples augmented = plain.withAugmentation(rotate, 7);
        int[] order = {0, 1};
        float[] asIs = new float[2 * 784];
        float[] pass0 = new float[2 * 784];
        float[] pass1 = new float[2 * 784];
        float[] pass1Again = new float[2 * 784];
        float[] pass2 = new float[2 * 784];
        plain.copyRows(order, 0, 2, asIs, 1);
        augmented.copyRows(order, 0, 2, pass0, 0);
        augmented.copyRows(order, 0, 2, pass1, 1);
        augmented.withAugmentation(rotate, 7).copyRows(order, 0, 2, pass1Again, 1);
        augmented.copyRows(order, 0, 2, pass2, 2);

        assertThat(pass0).containsExactly(asIs);
        assertThat(pass1).containsExactly(pass1Again);
        assertThat(pass1).isNotEqualTo(asIs);
        assertThat(pass2).isNotEqualTo(pass1);
    }
}
