package org.layerlab.core.experiment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.IdxReader;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.images.ImageExamples;
import org.layerlab.core.images.ImageFolderIndexer;
import org.layerlab.core.project.Project;

/**
 * Prints (never asserts) the heap that an image folder's validation and test splits hold: MNIST's 10,000 test images
 * (written as PNGs from the IDX files) beside the 300 training images of the sample. Run with
 * {@code -Dlayerlab.measure.mnist=../shared/datasets/mnist/idx}.
 */
@EnabledIfSystemProperty(named = "layerlab.measure.mnist", matches = ".+")
class EvaluationSplitsHeapMeasurement {
    @TempDir
    Path folder;

    @Test
    void printsTheHeapHeldByValidationAndTest() throws IOException {
        Path idx = Path.of(System.getProperty("layerlab.measure.mnist"));
        IdxReader.Images images = IdxReader.readImages(idx.resolve("test-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(idx.resolve("test-labels-idx1-ubyte.gz"));
        for (int i = 0; i < images.count(); i++) {
            Path file = folder.resolve("test/" + labels[i] + String.format(Locale.ROOT, "/%05d.png", i));
            Files.createDirectories(file.getParent());
            ImageDecoder.writeGrayPng(file, images.pixels()[i], images.height(), images.width());
        }
        for (int digit = 0; digit <= 9; digit++) {
            ImageExperimentTest.copyTree(Path.of("samples/mnist-small/train", Integer.toString(digit)),
                    folder.resolve("train/" + digit));
        }
        Project project = Project.forImageFolder(folder);
        var indexed = ImageFolderIndexer.index(folder, ImageFolderIndexer.Progress.NONE, () -> false);

        long base = usedHeap();
        ImageExperiment held = ImageExperiment.prepare(project, indexed, ImageExperiment.Progress.NONE, () -> false);
        long withBytes = usedHeap() - base;
        // What the splits held before: each decoded once into one float matrix.
        Object floats = new Object[] {((ImageExamples) held.data().validation()).toEncodedSet(),
                ((ImageExamples) held.data().test()).toEncodedSet()};
        long withFloatsToo = usedHeap() - base;
        long trainBytes = ((ImageExamples) held.data().train()).cachedBytes();
        held = null;
        floats = null;

        long base2 = usedHeap();
        ImageExperiment streamed = ImageExperiment.prepare(project, indexed, trainBytes, ImageExperiment.Progress.NONE,
                () -> false);
        long streamedHeap = usedHeap() - base2;
        System.out.printf(Locale.ROOT, "MNIST: %,d validation + %,d test images. Heap held by the prepared experiment: "
                        + "%.1f MB with validation+test as bytes; %.1f MB more as floats (the old way); "
                        + "%.1f MB with validation+test beyond the budget (decoded from files)%n",
                streamed.data().validation().rows(), streamed.data().test().rows(), withBytes / 1e6,
                (withFloatsToo - withBytes) / 1e6, streamedHeap / 1e6);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
