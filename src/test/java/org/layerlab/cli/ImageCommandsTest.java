package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.graph.TensorShape;

/** Training on an image folder and predicting images from the command line, as a user types it. */
class ImageCommandsTest {
    @TempDir
    static Path shared;
    static Path model;
    static String trainOutput;
    static JsonNode report;

    @BeforeAll
    static void trainOnTheMnistSample() throws IOException {
        model = shared.resolve("digits.llmodel");
        Path reportFile = shared.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "train", "--data", "samples/mnist-small", "--report", reportFile.toString(),
                "--save-model", model.toString());
        assertThat(exit).as(err.toString()).isZero();
        trainOutput = out.toString();
        report = new ObjectMapper().readTree(reportFile.toFile());
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void trainingOnTheMnistSampleWithTheDefaultCnnBeatsChanceClearly() {
        assertThat(trainOutput).contains("Classes: 10").contains("Template: LeNet-style CNN (lenet)")
                .contains("1×28×28").contains("Epoch 10/10").contains("Model saved");
        assertThat(report.path("test").path("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(report.path("samples").path("test").asInt()).isEqualTo(100);
    }

    @Test
    void theSavedModelRemembersHowImagesAreRead() {
        ModelBundle bundle = ModelBundleStore.load(model, Dl4jModel::load);

        assertThat(bundle.takesImages()).isTrue();
        assertThat(bundle.imageShape()).isEqualTo(new TensorShape.Image(1, 28, 28));
        assertThat(bundle.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void predictWritesOneLinePerImageOfAFolderAndNamesTheUnreadable() throws IOException {
        Path images = shared.resolve("to-predict");
        for (String digit : List.of("1", "4")) {
            Files.createDirectories(images.resolve(digit));
            try (var files = Files.list(Path.of("samples/mnist-small/test", digit))) {
                for (Path file : files.toList()) {
                    Files.copy(file, images.resolve(digit).resolve(file.getFileName()));
                }
            }
        }
        Files.writeString(images.resolve("4/broken.png"), "not a png");
        Files.writeString(images.resolve("notes.txt"), "ignored");
        Path predictions = shared.resolve("predictions.csv");

        int exit = run("predict", model.toString(), "--data", images.toString(), "--out", predictions.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Predicted 20 images").contains("1 file could not be read as an image")
                .contains("4/broken.png");
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("file,predicted,p(0),p(1),p(2),p(3),p(4),p(5),p(6),p(7),p(8),p(9)");
        assertThat(lines).hasSize(22).contains("4/broken.png,,,,,,,,,,,");
        long right = lines.stream().skip(1).filter(line -> !line.startsWith("4/broken"))
                .filter(line -> line.split(",")[1].equals(line.substring(0, 1))).count();
        assertThat(right).isGreaterThanOrEqualTo(14);
    }

    @Test
    void theImageSizeAndColourCanBeChosenOnTheCommandLine() throws IOException {
        Path smallModel = shared.resolve("digits14.llmodel");
        Path reportFile = shared.resolve("report14.json");

        int exit = run("train", "--data", "samples/mnist-small", "--image-size", "14x14", "--grayscale",
                "--epochs", "1", "--report", reportFile.toString(), "--save-model", smallModel.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Note: Images are read as 1×14×14 (grayscale")
                .doesNotContain("Choose another size or colour");
        JsonNode smallReport = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(smallReport.path("network").path("nodes").get(0).path("shape").asText()).isEqualTo("1×14×14");
        assertThat(smallReport.path("samples").path("test").asInt()).isEqualTo(100);
        assertThat(ModelBundleStore.load(smallModel, Dl4jModel::load).imageShape())
                .isEqualTo(new TensorShape.Image(1, 14, 14));
    }

    @Test
    void theDefaultImageShapeSaysHowToChooseAnother() {
        assertThat(trainOutput).contains("Note: Images are read as 1×28×28 (grayscale, values 0–1). Choose another "
                + "size or colour with --image-size WxH, --grayscale or --colour.");
    }

    @Test
    void impossibleImageSizesAndColoursAreRefusedWithAPlainSentence() {
        assertThat(run("train", "--data", "samples/mnist-small", "--image-size", "big")).isEqualTo(2);
        assertThat(err.toString()).contains("Error: The image size must be width x height in pixels, e.g. "
                + "--image-size 28x28; 'big' is not.");

        assertThat(run("train", "--data", "samples/mnist-small", "--image-size", "2000x28")).isEqualTo(2);
        assertThat(err.toString()).contains("The image size must be two numbers from 1 to 1024");

        assertThat(run("train", "--data", "samples/mnist-small", "--grayscale", "--colour")).isEqualTo(2);
        assertThat(err.toString()).contains("Give either --grayscale or --colour, not both.");

        assertThat(run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--image-size", "28x28")).isEqualTo(2);
        assertThat(err.toString()).contains("--image-size, --grayscale and --colour are for a folder of images");
    }

    @Test
    void anImageFolderHasNoLabelColumn() {
        int exit = run("train", "--data", "samples/mnist-small", "--label", "digit", "--epochs", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("An image folder has no label column");
    }
}
