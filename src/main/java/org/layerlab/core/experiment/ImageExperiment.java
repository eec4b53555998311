package org.layerlab.core.experiment;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.layerlab.core.Version;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.bundle.BundleInfo;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.Split;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.images.ImageEntry;
import org.layerlab.core.images.ImageExamples;
import org.layerlab.core.images.ImageFolder;
import org.layerlab.core.images.ImageFolderIndexer;
import org.layerlab.core.images.ImageShapes;
import org.layerlab.core.preprocess.ExampleSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainedModel;
import org.layerlab.core.train.TrainingConfig;

/**
 * A project applied to its image folder: the folder's classes, the split (the folder's own train/, validation/ and
 * test/ when it has them, else a stratified split with the project's seed), the shape every image is decoded to,
 * and the splits ready for a trainer — all three read batch by batch (the training images augmented as the project
 * says), kept in memory as bytes while they fit one budget, else decoded from their files when asked for.
 *
 * @param unreadable files that could not be read as images and were left out (class folder / file name)
 */
public record ImageExperiment(Project project, ImageFolder folder, TensorShape.Image shape, PreparedData data,
                              ImageExamples train, List<ImageEntry> testImages, List<String> unreadable) {
    /**
     * Bytes of decoded images kept in memory, at most, for the three splits together (training first, then
     * validation, then test): MNIST's 60,000 training images take 47 MB, its 10,000 test images 7.8 MB.
     */
    public static final long DEFAULT_CACHE_BYTES = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);

    private static final String AUGMENTATION_NOTE = "Training images are augmented: ";

    /** The network for images when the user has not chosen one: a small CNN. */
    public static final String DEFAULT_TEMPLATE = "lenet";

    /**
     * Training settings for images: 10 epochs (an epoch of images takes longer than one of a small table) and Adam at
     * 0.001, its usual rate for CNNs (the tables' 0.01 makes LeNet's loss jump about).
     */
    public static TrainingConfig defaultTraining() {
        return new TrainingConfig(10, 32, 0.001, 42);
    }

    public ImageExperiment {
        testImages = List.copyOf(testImages);
        unreadable = List.copyOf(unreadable);
    }

    /** Told what is being done: a phase and how far it is. */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, int done, int total);

        Progress NONE = (phase, done, total) -> { };
    }

    /** Indexes the project's folder, then prepares it (see {@link #prepare(Project, ImageFolder, Progress, BooleanSupplier)}). */
    public static ImageExperiment prepare(Project project, Progress progress, BooleanSupplier cancelled) {
        ImageFolder folder = ImageFolderIndexer.index(project.dataFile(),
                count -> progress.update("Finding images", count, 0), cancelled);
        return prepare(project, folder, progress, cancelled);
    }

    /** Prepares the folder with {@link #DEFAULT_CACHE_BYTES} of memory for decoded images. */
    public static ImageExperiment prepare(Project project, ImageFolder folder, Progress progress,
                                          BooleanSupplier cancelled) {
        return prepare(project, folder, DEFAULT_CACHE_BYTES, progress, cancelled);
    }

    /**
     * Splits the folder's images, chooses their shape and reads every image once (unreadable ones are left out and
     * listed in {@link #unreadable()} and the notes). The decoded images are kept as bytes while they fit
     * {@code cacheBudgetBytes} (the training split first, then validation, then test); a split that does not fit is
     * decoded from its files whenever it is read.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} answers true
     */
    public static ImageExperiment prepare(Project project, ImageFolder folder, long cacheBudgetBytes,
                                          Progress progress, BooleanSupplier cancelled) {
        List<ImageEntry> train;
        List<ImageEntry> validation;
        List<ImageEntry> test;
        List<String> notes = new ArrayList<>();
        if (folder.preSplit()) {
            test = folder.test();
            if (folder.validation().isEmpty()) {
                double share = project.split().validation() / (project.split().train() + project.split().validation());
                List<List<ImageEntry>> parts = carve(folder.train(), folder.classNames().size(), share,
                        project.split().seed());
                train = parts.get(0);
                validation = parts.get(1);
                notes.add(String.format(java.util.Locale.ROOT, "The folder has train/ and test/ but no validation/; "
                        + "%,d training images are held out for validation (seed %d).", validation.size(),
                        project.split().seed()));
            } else {
                train = folder.train();
                validation = folder.validation();
            }
        } else {
            int[] classOfImage = folder.train().stream().mapToInt(ImageEntry::classIndex).toArray();
            Split split = Split.stratified(classOfImage, project.split());
            train = pick(folder.train(), split.train());
            validation = pick(folder.train(), split.validation());
            test = pick(folder.train(), split.test());
        }
        if (!folder.emptyClasses().isEmpty()) {
            notes.add("These class folders hold no images: " + String.join(", ", folder.emptyClasses())
                    + ". The model cannot learn a class it never sees.");
        }
        if (!folder.ignoredFiles().isEmpty()) {
            notes.add(folder.ignoredFiles().size() + " file" + (folder.ignoredFiles().size() == 1 ? " is" : "s are")
                    + " not images and " + (folder.ignoredFiles().size() == 1 ? "was" : "were") + " ignored, e.g. "
                    + folder.ignoredFiles().get(0) + ".");
        }
        TensorShape.Image shape = ImageShapes.choose(project.images(), train.isEmpty() ? folder.train() : train);
        List<String> unreadable = new ArrayList<>();
        int total = train.size() + validation.size() + test.size();
        ImageExamples.Loaded trainImages = ImageExamples.load(train, shape, cacheBudgetBytes,
                (done, all) -> progress.update("Reading images", done, total), cancelled);
        unreadable.addAll(trainImages.unreadable());
        long budgetLeft = cacheBudgetBytes - trainImages.examples().cachedBytes();
        ImageExamples.Loaded validationImages = ImageExamples.load(validation, shape, budgetLeft,
                (done, all) -> progress.update("Reading images", train.size() + done, total), cancelled);
        unreadable.addAll(validationImages.unreadable());
        budgetLeft -= validationImages.examples().cachedBytes();
        ImageExamples.Loaded testImages = ImageExamples.load(test, shape, budgetLeft,
                (done, all) -> progress.update("Reading images", train.size() + validation.size() + done, total),
                cancelled);
        unreadable.addAll(testImages.unreadable());
        if (!unreadable.isEmpty()) {
            notes.add(unreadable.size() + " file" + (unreadable.size() == 1 ? " could" : "s could")
                    + " not be read as an image and " + (unreadable.size() == 1 ? "is" : "are") + " left out: "
                    + String.join(", ", unreadable.subList(0, Math.min(10, unreadable.size())))
                    + (unreadable.size() > 10 ? " …" : "") + ".");
        }
        if (trainImages.examples().rows() == 0 || testImages.examples().rows() == 0) {
            throw new DataProblem("'" + folder.root().getFileName() + "' has too few readable images to train and "
                    + "test a model (" + trainImages.examples().rows() + " for training, "
                    + testImages.examples().rows() + " for testing). Add images to each class folder.");
        }
        notes.add("Images are read as " + shape.describe() + " (" + (shape.channels() == 1 ? "grayscale" : "colour")
                + ", values 0–1)" + (trainImages.examples().cached() ? "." : "; there are too many to keep in "
                + "memory, so they are read from their files every epoch."));
        if (!validationImages.examples().cached() || !testImages.examples().cached()) {
            notes.add("The validation and test images do not all fit in memory beside the training images, so they "
                    + "are read from their files each time they are measured.");
        }
        ImageExamples trainSet = trainImages.examples()
                .withAugmentation(project.images().augmentation(), project.training().seed());
        if (!project.images().augmentation().isNone()) {
            notes.add(AUGMENTATION_NOTE + String.join(", ",
                    project.images().augmentation().describe()) + ".");
        }
        PreparedData data = new PreparedData(trainSet, validationImages.examples(), testImages.examples(),
                pixelNames(shape), folder.classNames(), notes);
        return new ImageExperiment(project, folder, shape, data, trainSet, testImages.examples().images(),
                unreadable);
    }

    /** Per class, a share of the images (shuffled with the seed) goes to the second list. */
    private static List<List<ImageEntry>> carve(List<ImageEntry> images, int classes, double share, long seed) {
        List<List<ImageEntry>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        images.forEach(image -> byClass.get(image.classIndex()).add(image));
        Random random = new Random(seed);
        List<ImageEntry> kept = new ArrayList<>();
        List<ImageEntry> carved = new ArrayList<>();
        for (List<ImageEntry> group : byClass) {
            Collections.shuffle(group, random);
            int n = (int) Math.round(group.size() * share);
            if (share > 0 && group.size() >= 3) {
                n = Math.max(1, n);
            }
            carved.addAll(group.subList(0, n));
            kept.addAll(group.subList(n, group.size()));
        }
        Collections.shuffle(kept, random);
        Collections.shuffle(carved, random);
        return List.of(kept, carved);
    }

    private static List<ImageEntry> pick(List<ImageEntry> images, int[] indices) {
        List<ImageEntry> picked = new ArrayList<>(indices.length);
        for (int index : indices) {
            picked.add(images.get(index));
        }
        return picked;
    }

    /** One name per input value, as a table would have one per column: "pixel c,y,x". */
    static List<String> pixelNames(TensorShape.Image shape) {
        List<String> names = new ArrayList<>(Math.toIntExact(shape.elementCount()));
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    names.add("pixel " + c + "," + y + "," + x);
                }
            }
        }
        return names;
    }

    /** Readable images per class over all splits (the folder's own counts include files that could not be read). */
    public int[] classCounts() {
        int[] counts = new int[data.classCount()];
        for (int[] labels : List.of(data.train().labels(), data.validation().labels(), data.test().labels())) {
            for (int label : labels) {
                counts[label]++;
            }
        }
        return counts;
    }

    /** The same images, the training ones varied by {@code augmentation} from now on. */
    public ImageExperiment withAugmentation(ImageAugmentation augmentation) {
        Project changed = project.withImages(project.images().withAugmentation(augmentation));
        ImageExamples varied = train.withAugmentation(augmentation, changed.training().seed());
        List<String> notes = new ArrayList<>(data.notes());
        notes.removeIf(note -> note.startsWith(AUGMENTATION_NOTE));
        if (!augmentation.isNone()) {
            notes.add(AUGMENTATION_NOTE + String.join(", ", augmentation.describe()) + ".");
        }
        PreparedData changedData = new PreparedData(varied, data.validation(), data.test(), data.featureNames(),
                data.classNames(), notes);
        return new ImageExperiment(changed, folder, shape, changedData, varied, testImages, unreadable);
    }

    /** The same prepared images with another network. */
    public ImageExperiment withNetwork(NetworkGraph network) {
        return new ImageExperiment(project.withNetwork(network), folder, shape, data, train, testImages, unreadable);
    }

    /** The model's metrics on the test images. */
    public Evaluation evaluateOnTest(TrainedModel model) {
        ExampleSet test = data.test();
        return Evaluation.of(data.classNames(), test.labels(), model.predictClasses(test));
    }

    /** The trained model with the image shape it reads and its classes, ready to save for predict and serve. */
    public ModelBundle bundle(TrainedModel model, Evaluation test) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", test.accuracy());
        metrics.put("macro_f1", test.macroF1());
        Path root = folder.root().toAbsolutePath().normalize();
        return ModelBundle.forImages(model, shape, data.classNames(),
                new BundleInfo(Version.current(), root.getFileName() == null ? root.toString()
                        : root.getFileName().toString(), Project.IMAGE_CLASS, Instant.now().toString(), metrics));
    }
}
