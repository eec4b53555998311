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
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingResult;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.images.ImageEntry;
import org.layerlab.core.images.ImageFolder;
import org.layerlab.core.images.ImageFolderIndexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench images}: how fast an image folder is indexed and decoded; with {@code --train}, how fast LeNet trains
 * from the folder (images streamed in batches) compared with the same images held in memory as one float matrix, and
 * the peak heap while preparing and training on the whole folder.
 */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"Time indexing and decoding an image folder; with --train, training LeNet from it.",
                "Without --folder, MNIST's 60,000 training images (and 10,000 test images with --train) are first "
                        + "written as PNG files to a temporary folder from the IDX files in --mnist."})
public final class BenchImagesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--folder", description = "An image folder (one subfolder per class) to measure.")
    Path folder;

    @Option(names = "--mnist", description = "Folder with MNIST's IDX files (default: ../shared/datasets/mnist/idx).")
    Path mnist = Path.of("../shared/datasets/mnist/idx");

    @Option(names = "--train", description = "Also train LeNet for --epochs on the folder: streamed vs in memory.")
    boolean train;

    @Option(names = "--epochs", description = "Epochs of LeNet with --train (default: 1).")
    int epochs = 1;

    @Option(names = "--paths", description = "With --train: which paths, in order (default: streamed,memory).")
    String paths = "streamed,memory";

    @Option(names = "--keep", description = "Keep the PNG folder written from --mnist here instead of a temporary one.")
    Path keep;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = folder;
        Path temporary = null;
        if (root == null) {
            temporary = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("layerlab-mnist-png");
            root = temporary;
            long start = System.nanoTime();
            int written = train ? writeMnistSplitPngs(mnist, temporary) : writeMnistPngs(mnist, temporary);
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
            out.flush();
            if (train) {
                benchTraining(root, out);
            }
            return 0;
        } finally {
            if (temporary != null && keep == null) {
                deleteTree(temporary);
            }
        }
    }

    /**
     * Prepares the folder as {@code train} does and trains LeNet on it twice: streamed from the folder (the byte cache
     * and the prefetch thread), then from the same decoded images as one float matrix (the table path). Heap is
     * sampled every 20 ms; the peak is reported above the heap in use before preparing.
     */
    private void benchTraining(Path root, PrintWriter out) {
        HeapSampler heap = new HeapSampler();
        Project project = Project.forImageFolder(root).withTraining(
                new TrainingConfig(epochs, 32, 0.001, 42));
        long start = System.nanoTime();
        ImageExperiment experiment = ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false);
        NetworkGraph lenet = Templates.find("lenet").orElseThrow().buildFor(experiment.data().signature());
        out.printf(Locale.ROOT, "Prepared %,d train / %,d validation / %,d test images in %,.1f s (training images %s)%n",
                experiment.data().train().rows(), experiment.data().validation().rows(),
                experiment.data().test().rows(), (System.nanoTime() - start) / 1e9,
                experiment.train().cached() ? "kept as bytes" : "read from the files each epoch");
        out.flush();
        Dl4jTrainer trainer = new Dl4jTrainer();
        // Each path runs in the order given; the first run in a JVM also pays ND4J's and the JIT's warm-up, so
        // compare "streamed,memory" with "memory,streamed" (or run each alone).
        for (String path : paths.split(",")) {
            if (path.trim().equals("streamed")) {
                TrainingResult streamed = trainer.train(experiment.data(), lenet, project.training(), null,
                        new RunControl());
                out.printf(Locale.ROOT, "RESULT path=folder-streamed net=lenet epochs=%d images_per_s=%.0f "
                                + "test_accuracy=%.4f peak_heap_used_above_start_mb=%d heap_max_mb=%d%n", epochs,
                        streamed.trainSamplesPerSecond(), experiment.evaluateOnTest(streamed.model()).accuracy(),
                        heap.peakAboveBaselineMegabytes(), Runtime.getRuntime().maxMemory() >> 20);
            } else if (path.trim().equals("memory")) {
                PreparedData inMemory = new PreparedData(experiment.train().toEncodedSet(),
                        experiment.data().validation(), experiment.data().test(), experiment.data().featureNames(),
                        experiment.data().classNames(), List.of());
                NetworkGraph flatLenet = Templates.find("lenet").orElseThrow().buildFor(inMemory.signature());
                TrainingResult matrix = trainer.train(inMemory, flatLenet, project.training(), null,
                        new RunControl());
                out.printf(Locale.ROOT, "RESULT path=in-memory-matrix net=lenet epochs=%d images_per_s=%.0f "
                                + "peak_heap_used_above_start_mb=%d%n", epochs, matrix.trainSamplesPerSecond(),
                        heap.peakAboveBaselineMegabytes());
            } else {
                throw new IllegalArgumentException("--paths takes streamed and memory, e.g. streamed,memory; not '"
                        + path + "'.");
            }
            out.flush();
        }
        heap.close();
    }

    /** Samples the heap in use on a daemon thread, for the peak during a phase. */
    private static final class HeapSampler implements AutoCloseable {
        private final long baseline;
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            System.gc();
            baseline = used();
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "layerlab-heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private static long used() {
            return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long peakAboveBaselineMegabytes() {
            return Math.max(0, peak.get() - baseline) >> 20;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /** MNIST as an image folder with train/ (60,000) and test/ (10,000), one subfolder per digit. */
    static int writeMnistSplitPngs(Path idxFolder, Path target) throws IOException {
        int written = 0;
        for (String[] split : new String[][] {{"train", "train"}, {"test", "test"}}) {
            IdxReader.Images images = IdxReader.readImages(idxFolder.resolve(split[1] + "-images-idx3-ubyte.gz"));
            int[] labels = IdxReader.readLabels(idxFolder.resolve(split[1] + "-labels-idx1-ubyte.gz"));
            for (int digit = 0; digit <= 9; digit++) {
                Files.createDirectories(target.resolve(split[0]).resolve(Integer.toString(digit)));
            }
            for (int i = 0; i < images.count(); i++) {
                ImageDecoder.writeGrayPng(target.resolve(split[0]).resolve(labels[i] + "/"
                        + String.format(Locale.ROOT, "%05d.png", i)), images.pixels()[i], images.height(),
                        images.width());
            }
            written += images.count();
        }
        return written;
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
