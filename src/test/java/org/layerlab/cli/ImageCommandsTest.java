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
    void anImageFolderHasNoLabelColumn() {
        int exit = run("train", "--data", "samples/mnist-small", "--label", "digit", "--epochs", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("An image folder has no label column");
    }
}
