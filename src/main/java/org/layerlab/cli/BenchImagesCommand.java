package org.layerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.core.data.IdxReader;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.images.ImageEntry;
import org.layerlab.core.images.ImageFolder;
import org.layerlab.core.images.ImageFolderIndexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench images}: how fast an image folder is indexed and decoded. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"Time indexing and decoding an image folder.",
                "Without --folder, MNIST's 60,000 training images are first written as PNG files to a temporary "
                        + "folder from the IDX files in --mnist."})
public final class BenchImagesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--folder", description = "An image folder (one subfolder per class) to measure.")
    Path folder;

    @Option(names = "--mnist", description = "Folder with MNIST's IDX files (default: ../shared/datasets/mnist/idx).")
    Path mnist = Path.of("../shared/datasets/mnist/idx");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = folder;
        Path temporary = null;
        if (root == null) {
            temporary = Files.createTempDirectory("layerlab-mnist-png");
            root = temporary;
            long start = System.nanoTime();
            int written = writeMnistPngs(mnist, temporary);
            out.printf(Locale.ROOT, "Wrote %,d MNIST PNGs to %s in %,.1f s%n", written, temporary,
                    (System.nanoTime() - start) / 1e9);
            out.flush();
        }
        try {
            long start = System.nanoTime();
            ImageFolder images = ImageFolderIndexer.index(root,
                    ImageFolderIndexer.Progress.NONE, () -> false);
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "Indexed %,d images in %d classes in %,.2f s (%,.0f images/s)%n",
                    images.imageCount(), images.classNames().size(), indexSeconds,
                    images.imageCount() / indexSeconds);
            List<ImageEntry> all = new ArrayList<>(images.train());
            all.addAll(images.validation());
            all.addAll(images.test());
            int[] size = ImageDecoder.size(all.get(0).file());
            start = System.nanoTime();
            for (ImageEntry entry : all) {
                ImageDecoder.decode(entry.file(), 1, size[0], size[1]);
            }
            double decodeSeconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "Decoded %,d images (%d×%d, grayscale) on one thread in %,.2f s (%,.0f images/s)%n",
                    all.size(), size[0], size[1], decodeSeconds, all.size() / decodeSeconds);
            return 0;
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    static int writeMnistPngs(Path idxFolder, Path target) throws IOException {
        IdxReader.Images images = IdxReader.readImages(
                idxFolder.resolve("train-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(idxFolder.resolve("train-labels-idx1-ubyte.gz"));
        for (int digit = 0; digit <= 9; digit++) {
            Files.createDirectories(target.resolve(Integer.toString(digit)));
        }
        for (int i = 0; i < images.count(); i++) {
            ImageDecoder.writeGrayPng(
                    target.resolve(labels[i] + "/" + String.format(Locale.ROOT, "%05d.png", i)),
                    images.pixels()[i], images.height(), images.width());
        }
        return images.count();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
