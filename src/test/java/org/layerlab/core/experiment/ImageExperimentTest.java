package org.layerlab.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.bundle.ImagePredictor;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Prediction;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.images.ImageExamples;
import org.layerlab.core.images.ImageFolderIndexer;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingResult;

/** An image folder, prepared and trained on for real with DL4J. */
class ImageExperimentTest {

    @TempDir
    Path folder;

    @Test
    void aFolderWithoutSplitsIsSplitStratifiedAndItsBadFilesAreReported() throws IOException {
        for (String digit : List.of("1", "7")) {
            copyTree(Path.of("samples/mnist-small/train", digit), folder.resolve(digit));
        }
        Files.write(folder.resolve("7/damaged.png"), new byte[] {1, 2, 3, 4});
        Files.writeString(folder.resolve("1/labels.txt"), "not an image");
        Files.createDirectories(folder.resolve("empty"));

        ImageExperiment experiment = ImageExperiment.prepare(Project.forImageFolder(folder),
                ImageExperiment.Progress.NONE, () -> false);

        assertThat(experiment.unreadable()).containsExactly("7/damaged.png");
        assertThat(experiment.data().classNames()).containsExactly("1", "7", "empty");
        assertThat(experiment.data().notes()).anyMatch(n -> n.contains("7/damaged.png"))
                .anyMatch(n -> n.contains("hold no images: empty"))
                .anyMatch(n -> n.contains("1/labels.txt"));
        int total = experiment.data().train().rows() + experiment.data().validation().rows()
                + experiment.data().test().rows();
        assertThat(total).isEqualTo(60);
        assertThat(experiment.data().test().rows()).isBetween(8, 10);
        assertThat(experiment.data().signature()).isEqualTo(new DataSignature(new TensorShape.Image(1, 28, 28), 3));
        assertThat(experiment.data().train()).isInstanceOf(ImageExamples.class);
    }

    @Test
    void leNetLearnsTheMnistSampleFromStreamedImages() {
        Project project = Project.forImageFolder(Path.of("samples/mnist-small"))
                .withTraining(new TrainingConfig(8, 32, 0.001, 42));
        ImageExperiment experiment = ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false);
        experiment = experiment.withNetwork(Templates.find("lenet").orElseThrow()
                .buildFor(experiment.data().signature()));

        TrainingResult result = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, new RunControl());

        assertThat(result.outcome()).as(result.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        assertThat(result.history()).hasSize(8);
        Evaluation test = experiment.evaluateOnTest(result.model());
        assertThat(test.accuracy()).isGreaterThan(0.6);
        assertThat(experiment.data().test().rows()).isEqualTo(100);
    }

    @Test
    void validationAndTestBeyondTheMemoryBudgetAreReadFromFilesWithTheSameResults() {
        Project project = Project.forImageFolder(Path.of("samples/mnist-small"))
                .withTraining(new TrainingConfig(2, 32, 0.001, 42));
        ImageExperiment held = ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false);
        ImageExamples heldTest = (ImageExamples) held.data().test();
        assertThat(heldTest.cached()).isTrue();
        // Room for the training images only: validation and test are decoded from their files when measured.
        long trainingBytes = ((ImageExamples) held.data().train()).cachedBytes();
        ImageExperiment streamed = ImageExperiment.prepare(project,
                ImageFolderIndexer.index(project.dataFile(), ImageFolderIndexer.Progress.NONE, () -> false), trainingBytes,
                ImageExperiment.Progress.NONE, () -> false);
        assertThat(((ImageExamples) streamed.data().train()).cached()).isTrue();
        assertThat(((ImageExamples) streamed.data().validation()).cached()).isFalse();
        assertThat(((ImageExamples) streamed.data().test()).cached()).isFalse();
        assertThat(streamed.data().notes()).anyMatch(n -> n.contains("read from their files each time"));
        assertThat(held.data().notes()).noneMatch(n -> n.contains("read from their files each time"));

        TrainingResult heldRun = train(held);
        TrainingResult streamedRun = train(streamed);

        assertThat(streamedRun.history()).hasSize(2);
        for (int epoch = 0; epoch < 2; epoch++) {
            assertThat(streamedRun.history().get(epoch).validationLoss())
                    .isEqualTo(heldRun.history().get(epoch).validationLoss());
            assertThat(streamedRun.history().get(epoch).validationAccuracy())
                    .isEqualTo(heldRun.history().get(epoch).validationAccuracy());
        }
        Evaluation heldTestMetrics = held.evaluateOnTest(heldRun.model());
        Evaluation streamedTestMetrics = streamed.evaluateOnTest(streamedRun.model());
        assertThat(streamedTestMetrics.total()).isEqualTo(100);
        assertThat(streamedTestMetrics.confusion()).isDeepEqualTo(heldTestMetrics.confusion());

        // No memory at all for images: every split is decoded on demand, and all 100 test images are still measured.
        ImageExperiment nothingKept = ImageExperiment.prepare(project,
                ImageFolderIndexer.index(project.dataFile(), ImageFolderIndexer.Progress.NONE, () -> false), 0,
                ImageExperiment.Progress.NONE, () -> false);
        assertThat(((ImageExamples) nothingKept.data().test()).cachedBytes()).isZero();
        assertThat(nothingKept.evaluateOnTest(heldRun.model()).confusion())
                .isDeepEqualTo(heldTestMetrics.confusion());
        System.out.printf("Validation + test held in the heap for mnist-small: %,d bytes as floats before, "
                + "%,d bytes now within the budget, 0 beyond it%n",
                4L * (held.data().validation().rows() + held.data().test().rows()) * held.data().test().columns(),
                ((ImageExamples) held.data().validation()).cachedBytes() + heldTest.cachedBytes());
    }

    private static TrainingResult train(ImageExperiment prepared) {
        ImageExperiment experiment = prepared.withNetwork(Templates.find("lenet").orElseThrow()
                .buildFor(prepared.data().signature()));
        TrainingResult result = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, new RunControl());
        assertThat(result.outcome()).as(result.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        return result;
    }

    @Test
    void chosenSizeAndColourReachTrainingTheSavedModelAndPrediction() throws IOException {
        Project project = Project.forImageFolder(Path.of("samples/mnist-small"))
                .withImages(new ImageOptions(1, 14, 14, ImageAugmentation.NONE))
                .withTraining(new TrainingConfig(2, 32, 0.001, 42));
        ImageExperiment experiment = ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false);
        assertThat(experiment.shape()).isEqualTo(new TensorShape.Image(1, 14, 14));
        assertThat(experiment.data().signature()).isEqualTo(new DataSignature(new TensorShape.Image(1, 14, 14), 10));
        assertThat(experiment.data().train().columns()).isEqualTo(14 * 14);
        assertThat(experiment.data().test().columns()).isEqualTo(14 * 14);
        assertThat(experiment.data().notes()).anyMatch(n -> n.startsWith("Images are read as 1×14×14 (grayscale"));
        experiment = experiment.withNetwork(Templates.find("lenet").orElseThrow()
                .buildFor(experiment.data().signature()));

        TrainingResult result = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, new RunControl());
        assertThat(result.outcome()).as(result.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);

        Path file = folder.resolve("digits14.llmodel");
        ModelBundleStore.save(experiment.bundle(result.model(), experiment.evaluateOnTest(result.model())), file);
        ModelBundle loaded = ModelBundleStore.load(file, Dl4jModel::load);
        assertThat(loaded.imageShape()).isEqualTo(new TensorShape.Image(1, 14, 14));
        // A 28 × 28 file given to the model is read as in training: resized to 14 × 14, grayscale, 0..1.
        ImagePredictor predictor = new ImagePredictor(loaded);
        Path digit = Path.of("samples/mnist-small/test/7").resolve(firstFile(Path.of("samples/mnist-small/test/7")));
        assertThat(predictor.read(digit)).hasSize(14 * 14);
        Prediction prediction = predictor.predict(Files.readAllBytes(digit), "The digit");
        assertThat(prediction.probabilities()).hasSize(10);
    }

    private static String firstFile(Path classFolder) throws IOException {
        try (Stream<Path> files = Files.list(classFolder)) {
            return files.map(f -> f.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
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
