package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ConcatSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;

/** The command line as a user types it, in-process: real files, real training, real reports. */
class TrainCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void trainsIrisWithDefaultsAndWritesTheReportAndModel() throws IOException {
        Path report = folder.resolve("report.json");
        Path model = folder.resolve("model.zip");

        int exit = run("train", "--data", "samples/iris/iris.csv", "--label", "species",
                "--report", report.toString(), "--save-model", model.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Epoch 1/100").contains("Epoch 100/100").contains("Test accuracy");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("task").asText()).isEqualTo("classification");
        assertThat(json.path("backend").asText()).startsWith("CPU");
        assertThat(json.path("epochs").asInt()).isEqualTo(100);
        assertThat(json.path("train_samples_per_second").asDouble()).isPositive();
        JsonNode test = json.path("test");
        assertThat(test.path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(test.path("macro_precision").isNumber()).isTrue();
        assertThat(test.path("macro_recall").isNumber()).isTrue();
        assertThat(test.path("classes")).hasSize(3);
        int total = 0;
        for (JsonNode row : test.path("confusion")) {
            assertThat(row).hasSize(3);
            for (JsonNode cell : row) {
                total += cell.asInt();
            }
        }
        assertThat(total).isEqualTo(json.path("samples").path("test").asInt()).isPositive();
        assertThat(json.path("history")).hasSize(100);
        assertThat(json.path("history").get(0).has("val_accuracy")).isTrue();
        assertThat(Files.size(model)).isPositive();
    }

    @Test
    void trainsDiabetesAsRegressionAndReportsMaeRmseAndR2() throws IOException {
        Path report = folder.resolve("diabetes.json");
        Path model = folder.resolve("diabetes.llmodel");
        Path predictions = folder.resolve("diabetes-predictions.csv");

        int exit = run("train", "--data", "samples/diabetes/diabetes.csv", "--epochs", "30", "--lr", "0.001",
                "--report", report.toString(), "--save-model", model.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Label column guessed: 'progression'")
                .contains("Task: regression (guessed").contains("train MAE").contains("Test MAE");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("task").asText()).isEqualTo("regression");
        JsonNode test = json.path("test");
        assertThat(test.path("mae").asDouble()).isBetween(20.0, 60.0);
        assertThat(test.path("rmse").asDouble()).isGreaterThanOrEqualTo(test.path("mae").asDouble());
        assertThat(test.path("r2").asDouble()).isGreaterThan(0.3);
        assertThat(test.has("accuracy")).isFalse();
        assertThat(json.path("history").get(29).path("val_mae").isNumber()).isTrue();

        assertThat(run("predict", model.toString(), "--data", "samples/diabetes/diabetes.csv",
                "--out", predictions.toString())).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("row,predicted");
        assertThat(lines).hasSize(443);
        assertThat(Double.parseDouble(lines.get(1).split(",")[1])).isBetween(25.0, 346.0);
    }

    @Test
    void trainsTitanicWithCategoriesAndMissingValuesLeavingOutGivenColumns() throws IOException {
        Path report = folder.resolve("titanic.json");

        int exit = run("train", "--data", "samples/titanic/titanic.csv", "--exclude", "name,ticket,boat,body,cabin,home.dest",
                "--epochs", "20", "--oversample", "--noise", "0.05", "--report", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Task: classification").contains("'age': ")
                .contains("Augmentation of the training rows each epoch: noise 0.05; oversampling of the smaller classes")
                .doesNotContain("'name' is left out");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("test").path("accuracy").asDouble()).isBetween(0.7, 0.9);
        assertThat(json.path("network").path("layers").asText()).startsWith("10 → ");
    }

    @Test
    void aProjectTrainsWithTheAugmentationItSaved() throws IOException {
        Path projectFile = folder.resolve("titanic" + org.layerlab.core.project.ProjectStore.EXTENSION);
        org.layerlab.core.project.Project project = org.layerlab.core.project.Project.withDefaults(
                Path.of("samples/titanic/titanic.csv").toAbsolutePath(), "survived");
        project = project.withPreprocessing(new org.layerlab.core.preprocess.Preprocessing(true,
                List.of("name", "ticket", "boat", "body", "cabin", "home.dest"))
                .withAugmentation(new org.layerlab.core.preprocess.TableAugmentation(0.1, true)));
        org.layerlab.core.project.ProjectStore.save(project, projectFile);

        int exit = run("train", projectFile.toString(), "--epochs", "2");

        assertThat(exit).as(err.toString()).isZero();
        // 917 training rows, 567 of the larger class: 2 × 567 rows per epoch.
        assertThat(out.toString()).contains("Augmentation of the training rows each epoch: noise 0.1; oversampling of "
                + "the smaller classes (1,134 rows per epoch)");
    }

    @Test
    void theTaskCanBeChosenAndAWrongOneIsExplained() {
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--task", "regression", "--epochs", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("holds words");
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--task", "guess", "--epochs", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Choose classification or regression");
    }

    @Test
    void defaultsLearnIrisWellWhicheverSplitTheSeedMakes() throws IOException {
        // The test split of iris is 24 rows, so one seed's accuracy swings by 4% per row; the mean over
        // several seeds is what tells whether the defaults are good.
        double sum = 0;
        int seeds = 4;
        for (int seed = 1; seed <= seeds; seed++) {
            Path report = folder.resolve("seed" + seed + ".json");
            assertThat(run("train", "--data", "samples/iris/iris.csv", "--seed", String.valueOf(seed),
                    "--report", report.toString())).as(err.toString()).isZero();
            sum += new ObjectMapper().readTree(report.toFile()).path("test").path("accuracy").asDouble();
        }
        assertThat(sum / seeds).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void guessesTheLabelAndTrainsAProjectFile() throws IOException {
        Path projectFile = folder.resolve("iris" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(Path.of("samples/iris/iris.csv").toAbsolutePath(), "species")
                .withTraining(new org.layerlab.core.train.TrainingConfig(20, 16, 0.01, 3)), projectFile);
        Path report = folder.resolve("r.json");

        int exit = run("train", projectFile.toString(), "--report", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("epochs").asInt()).isEqualTo(20);
        assertThat(json.path("label").asText()).isEqualTo("species");
    }

    @Test
    void trainsATemplateAdaptedToTheData() throws IOException {
        Path report = folder.resolve("lenet.json");

        int exit = run("train", "--data", "samples/digits8x8/digits.csv", "--label", "digit", "--template", "lenet",
                "--epochs", "2", "--report", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Template: LeNet-style CNN (lenet)")
                .contains("Network: 1×8×8 → 6×8×8 → 6×4×4 → 16×4×4 → 16×2×2 → 64 → 120 → 84 → 10, 19,754 parameters")
                .contains("Epoch 2/2").contains("Test accuracy");
        JsonNode network = new ObjectMapper().readTree(report.toFile()).path("network");
        assertThat(network.path("parameters").asLong()).isEqualTo(19_754);
        assertThat(network.path("nodes")).hasSize(9);
        assertThat(network.path("nodes").get(1).path("shape").asText()).isEqualTo("6×8×8");
        assertThat(network.path("memory_estimate_bytes").asLong()).isPositive();
    }

    @Test
    void trainsABranchingNetworkSavedInAProject() throws IOException {
        // Two Dense branches side by side, joined by Concatenate: a graph no stack of layers can express.
        NetworkGraph network = new NetworkGraph(List.of(
                new Node(new NodeId("in"), "pixels", InputSpec.asData(), 0, 0),
                new Node(new NodeId("wide"), "wide", new DenseSpec(48, Activation.RELU), 180, 0),
                new Node(new NodeId("deep1"), "deep 1", new DenseSpec(32, Activation.TANH), 180, 110),
                new Node(new NodeId("deep2"), "deep 2", new DenseSpec(16, Activation.TANH), 360, 110),
                new Node(new NodeId("join"), "join", new ConcatSpec(), 540, 0),
                new Node(new NodeId("out"), "answer", OutputSpec.forClasses(), 720, 0)), List.of(
                new Edge(new NodeId("in"), new NodeId("wide")), new Edge(new NodeId("in"), new NodeId("deep1")),
                new Edge(new NodeId("deep1"), new NodeId("deep2")), new Edge(new NodeId("wide"), new NodeId("join")),
                new Edge(new NodeId("deep2"), new NodeId("join")), new Edge(new NodeId("join"), new NodeId("out"))));
        Path projectFile = folder.resolve("branches" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(Path.of("samples/digits8x8/digits.csv").toAbsolutePath(), "digit")
                .withNetwork(network).withTraining(new org.layerlab.core.train.TrainingConfig(10, 32, 0.01, 5)),
                projectFile);
        Path report = folder.resolve("branches.json");

        int exit = run("train", projectFile.toString(), "--report", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Network: branching network of 6 nodes: pixels 64, wide 48, deep 1 32, "
                + "deep 2 16, join 64, answer 10");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("network").path("parameters").asLong())
                .isEqualTo(64 * 48 + 48 + 64 * 32 + 32 + 32 * 16 + 16 + 64 * 10 + 10);
        assertThat(json.path("test").path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void aNetworkThatCannotTrainIsRefusedWithItsProblemsAndFixes() {
        Path projectFile = folder.resolve("broken" + ProjectStore.EXTENSION);
        NetworkGraph lenet = Templates.find("lenet").orElseThrow()
                .buildFor(org.layerlab.core.graph.DataSignature.table(64, 10));
        ProjectStore.save(Project.withDefaults(Path.of("samples/digits8x8/digits.csv").toAbsolutePath(), "digit")
                .withNetwork(lenet.withBypassed(new NodeId("flatten_1"))), projectFile);

        int exit = run("train", projectFile.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("the network cannot be trained yet")
                .contains("dense_1: Dense after Max Pooling 2D needs the image flattened")
                .contains("Fix: Insert Flatten").contains("layerlab validate");
        assertThat(out.toString()).doesNotContain("Epoch");
    }

    @Test
    void badInputGetsOneClearLineAndExitCode2() throws IOException {
        Path ragged = Files.writeString(folder.resolve("ragged.csv"), "a,b,c\n1,2,x\n3,4\n");
        Path oneClass = Files.writeString(folder.resolve("one.csv"), "a,b\n1,x\n2,x\n3,x\n");
        Path newer = Files.writeString(folder.resolve("n" + ProjectStore.EXTENSION),
                "{\"format\":\"layerlab-project\",\"schemaVersion\":7}");

        assertThat(run("train", "--data", ragged.toString(), "--label", "c")).isEqualTo(2);
        assertThat(run("train", "--data", oneClass.toString(), "--label", "b")).isEqualTo(2);
        assertThat(run("train", newer.toString())).isEqualTo(2);
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--epochs", "0")).isEqualTo(2);
        assertThat(run("train")).isEqualTo(2);
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--template", "alexnet")).isEqualTo(2);
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--template", "mlp", "--hidden", "8"))
                .isEqualTo(2);

        assertThat(err.toString())
                .contains("Line 3 of 'ragged.csv' has 2 values but the header has 3 columns")
                .contains("only one class")
                .contains("newer LayerLab")
                .contains("Epochs must be between 1")
                .contains("--data FILE.csv")
                .contains("There is no template 'alexnet'. Choose one of mlp, lenet, vgg-small, resnet-small, lstm.")
                .contains("Give either --hidden or --template, not both.")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void trainsFromAWekaArffFile() {
        int exit = run("train", "--data", "src/test/resources/arff/iris.arff", "--epochs", "30");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Label column guessed: 'class'").contains("Iris-virginica")
                .contains("Test accuracy");
    }
}
