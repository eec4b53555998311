package org.layerlab.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import java.util.ArrayList;
import org.layerlab.core.graph.ActivationSpec;
import org.layerlab.core.graph.AddSpec;
import org.layerlab.core.graph.BatchNormSpec;
import org.layerlab.core.graph.ConcatSpec;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.EmbeddingSpec;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.GlobalPoolingSpec;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.LstmSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.PoolType;
import org.layerlab.core.graph.PoolingSpec;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.SimpleRnnSpec;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.TrainingConfig;

class ProjectStoreTest {

    @TempDir
    Path folder;

    private Project sample() {
        return new Project(folder.resolve("data/iris.csv"), "species", new SplitSettings(0.6, 0.2, 0.2, 7),
                new Preprocessing(false, List.of("sepal_width")),
                NetworkGraph.chain(List.of(new DenseSpec(16, Activation.TANH), new DenseSpec(8, Activation.RELU))),
                new TrainingConfig(55, 8, 0.003, 99));
    }

    @Test
    void roundTripRestoresEverything() {
        Path file = folder.resolve("iris" + ProjectStore.EXTENSION);

        ProjectStore.save(sample(), file);

        assertThat(ProjectStore.load(file)).isEqualTo(sample());
    }

    @Test
    void theTaskIsSavedOnlyWhenChosenAndAbsentMeansGuess() throws IOException {
        Path file = folder.resolve("task" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);
        assertThat(Files.readString(file)).doesNotContain("\"task\"");
        assertThat(ProjectStore.load(file).task()).isNull();

        ProjectStore.save(sample().withTask(TaskType.REGRESSION), file);
        assertThat(Files.readString(file)).contains("\"task\" : \"regression\"");
        assertThat(ProjectStore.load(file).task()).isEqualTo(TaskType.REGRESSION);
    }

    @Test
    void storesTheDataFileRelativeToTheProjectSoTheFolderCanMove() throws IOException {
        Path file = folder.resolve("iris" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);

        String json = Files.readString(file);

        assertThat(json).contains("\"file\" : \"data/iris.csv\"").contains("\"schemaVersion\" : 3");
    }

    @Test
    void loadsTheGoldenVersion1File() throws IOException {
        Path file = folder.resolve("golden" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v1" + ProjectStore.EXTENSION)) {
            Files.copy(in, file);
        }

        Project project = ProjectStore.load(file);

        assertThat(project.labelColumn()).isEqualTo("species");
        assertThat(project.dataFile()).isEqualTo(folder.resolve("iris.csv"));
        // Version 1 held only Dense layers between an implicit input and output: it becomes the same stack.
        assertThat(project.network()).isEqualTo(NetworkGraph.chain(List.of(new DenseSpec(64, Activation.RELU),
                new DenseSpec(32, Activation.RELU))));
        assertThat(project.network().isChain()).isTrue();
        assertThat(project.training()).isEqualTo(new TrainingConfig(100, 32, 0.01, 42));
    }

    /** The network in the golden version-2 file: a small branching CNN using most kinds of node. */
    static NetworkGraph goldenNetwork() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        double[] x = {0};
        java.util.function.BiFunction<String, LayerSpec, NodeId> add = (id, spec) -> {
            nodes.add(new Node(new NodeId(id), id, spec, x[0], id.contains("average") || id.equals("convolution_2")
                    || id.equals("dense_1") ? 110 : 0));
            x[0] += 180;
            return new NodeId(id);
        };
        java.util.function.BiConsumer<NodeId, NodeId> connect = (from, to) -> edges.add(new Edge(from, to));
        NodeId input = add.apply("input_1", new InputSpec(new TensorShape.Image(1, 8, 8)));
        NodeId conv1 = add.apply("convolution_1", new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU));
        NodeId norm = add.apply("batch_norm_1", new BatchNormSpec());
        NodeId conv2 = add.apply("convolution_2", new ConvolutionSpec(16, 3, 3, 1, 1, Padding.SAME,
                Activation.IDENTITY, WeightInit.HE, 0, 0.0005));
        NodeId sum = add.apply("add_1", new AddSpec());
        NodeId relu = add.apply("activation_1", new ActivationSpec(Activation.RELU));
        NodeId max = add.apply("max_pooling_1", new PoolingSpec(PoolType.MAX, 2));
        NodeId average = add.apply("average_pooling_1", new PoolingSpec(PoolType.AVERAGE, 3, 3, 2, 2, Padding.SAME));
        NodeId join = add.apply("concatenate_1", new ConcatSpec());
        NodeId global = add.apply("global_pooling_1", new GlobalPoolingSpec(PoolType.AVERAGE));
        NodeId flat = add.apply("flatten_1", new FlattenSpec());
        NodeId dense = add.apply("dense_1", new DenseSpec(32, Activation.LEAKY_RELU, WeightInit.XAVIER, 0.0001, 0));
        NodeId join2 = add.apply("concatenate_2", new ConcatSpec());
        NodeId drop = add.apply("dropout_1", new DropoutSpec(0.25));
        NodeId output = add.apply("output_1", OutputSpec.forClasses());
        connect.accept(input, conv1);
        connect.accept(conv1, norm);
        connect.accept(norm, conv2);
        connect.accept(norm, sum);
        connect.accept(conv2, sum);
        connect.accept(sum, relu);
        connect.accept(relu, max);
        connect.accept(relu, average);
        connect.accept(max, join);
        connect.accept(average, join);
        connect.accept(join, global);
        connect.accept(join, flat);
        connect.accept(flat, dense);
        connect.accept(global, join2);
        connect.accept(dense, join2);
        connect.accept(join2, drop);
        connect.accept(drop, output);
        NetworkGraph graph = new NetworkGraph(nodes, edges);
        return graph.withReplaced(graph.node(dense).named("features")); // a name the user chose, not the id
    }

    @Test
    void loadsTheGoldenVersion2FileWithItsBranchingNetwork() throws IOException {
        Path file = folder.resolve("golden2" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v2" + ProjectStore.EXTENSION)) {
            Files.copy(in, file);
        }

        Project project = ProjectStore.load(file);

        assertThat(project.dataFile()).isEqualTo(folder.resolve("digits.csv"));
        assertThat(project.labelColumn()).isEqualTo("digit");
        assertThat(project.network()).isEqualTo(goldenNetwork());
        assertThat(project.network().isChain()).isFalse();
        assertThat(project.training()).isEqualTo(new TrainingConfig(5, 32, 0.005, 7));
        GraphAnalysis analysis = ShapeInference.analyse(project.network(), DataSignature.table(64, 10));
        assertThat(analysis.problems()).isEmpty();
        assertThat(analysis.shapeOf(new NodeId("concatenate_2"))).contains(new TensorShape.Vector(64));
    }

    /** The project the golden version-3 file holds: every field version 3 added, on the diabetes regression set. */
    static Project goldenVersion3Project(Path folder) {
        NetworkGraph chain = NetworkGraph.chain(List.of(new DenseSpec(16, Activation.RELU)));
        NetworkGraph network = chain.withSpec(chain.nodesOfKind(LayerKind.OUTPUT).get(0).id(),
                new OutputSpec(1, OutputActivation.IDENTITY));
        TrainingConfig training = new TrainingConfig(40, 16, 0.05, 7)
                .withOptimizer(Optimizer.NESTEROV)
                .withSchedule(LearningRateSchedule.cosine().withWarmup(2))
                .withWeightInit(WeightInit.HE)
                .withRegularization(0, 1e-4)
                .withGradientClip(5)
                .withEarlyStopping(new EarlyStopping(EarlyStopping.Metric.VAL_LOSS, 6));
        Preprocessing preprocessing = new Preprocessing(true, List.of("sex"), List.of(
                new PipelineStep.Impute(List.of(), PipelineStep.ImputeStrategy.MEDIAN, ""),
                new PipelineStep.LogTransform(List.of("s5_ltg")),
                new PipelineStep.MinMaxScale(List.of())));
        return new Project(folder.resolve("diabetes.csv"), "progression", SplitSettings.defaults(), preprocessing,
                network, training, TaskType.REGRESSION);
    }

    @Test
    void loadsTheGoldenVersion3FileWithTaskStepsAndTrainingSettings() throws IOException {
        Path file = folder.resolve("golden3" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v3" + ProjectStore.EXTENSION)) {
            Files.copy(in, file);
        }

        Project project = ProjectStore.load(file);

        assertThat(project).isEqualTo(goldenVersion3Project(folder));
        assertThat(project.task()).isEqualTo(TaskType.REGRESSION);
        assertThat(project.preprocessing().steps()).hasSize(3);
        assertThat(project.training().optimizer()).isEqualTo(Optimizer.NESTEROV);
        assertThat(project.training().earlyStopping().patience()).isEqualTo(6);
    }

    @Test
    void aVersion2FileLoadsWithTheDefaultsOfEverythingVersion3Added() throws IOException {
        Path file = folder.resolve("golden2" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v2" + ProjectStore.EXTENSION)) {
            Files.copy(in, file);
        }

        Project project = ProjectStore.load(file);

        assertThat(project.task()).isNull(); // guessed from the label column, as before
        assertThat(project.preprocessing().hasPipeline()).isFalse();
        assertThat(project.training().optimizer()).isEqualTo(TrainingConfig.defaults().optimizer());
        assertThat(project.training().earlyStopping().enabled()).isFalse();
        assertThat(project.images()).isEqualTo(org.layerlab.core.images.ImageOptions.automatic());
    }

    @Test
    void roundTripKeepsEveryKindOfNodeWithItsSettingsAndPlace() {
        List<LayerSpec> specs = new ArrayList<>();
        for (LayerKind kind : LayerKind.values()) {
            specs.add(kind.defaultSpec());
        }
        specs.add(new InputSpec(new TensorShape.Sequence(4, 16)));
        specs.add(new InputSpec(new TensorShape.Vector(64)));
        specs.add(new InputSpec(new TensorShape.Image(3, 4, 5)));
        specs.add(new OutputSpec(2, OutputActivation.SIGMOID));
        specs.add(new OutputSpec(1, OutputActivation.IDENTITY));
        specs.add(new LstmSpec(12, Activation.SIGMOID, true));
        specs.add(new SimpleRnnSpec(5, Activation.RELU, true));
        specs.add(new GlobalPoolingSpec(PoolType.MAX));
        specs.add(new ConvolutionSpec(3, 5, 2, 2, 1, Padding.VALID, Activation.ELU, WeightInit.UNIFORM, 0.01, 0.02));
        specs.add(new PoolingSpec(PoolType.AVERAGE, 3, 2, 1, 2, Padding.SAME));
        specs.add(new EmbeddingSpec(5000, 32));
        specs.add(new DropoutSpec(0));
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            nodes.add(new Node(new NodeId("n" + i), "Node №" + i, specs.get(i), i * 12.5, -i * 3.25));
            if (i > 0) {
                edges.add(new Edge(new NodeId("n" + (i - 1)), new NodeId("n" + i)));
            }
        }
        edges.add(new Edge(new NodeId("n3"), new NodeId("n1"))); // even a cycle is kept as drawn
        NetworkGraph graph = new NetworkGraph(nodes, edges);
        Project project = sample().withNetwork(graph);
        Path file = folder.resolve("every-kind" + ProjectStore.EXTENSION);

        ProjectStore.save(project, file);

        assertThat(ProjectStore.load(file)).isEqualTo(project);
    }

    @Test
    void aVersion1FileIsSavedAgainAsVersion2() throws IOException {
        Path file = goldenCopy();
        Project fromVersion1 = ProjectStore.load(file);
        Path again = folder.resolve("again" + ProjectStore.EXTENSION);

        ProjectStore.save(fromVersion1, again);

        String json = Files.readString(again);
        assertThat(json).contains("\"schemaVersion\" : 3").contains("\"nodes\"").contains("\"edges\"")
                .doesNotContain("hiddenLayers");
        assertThat(ProjectStore.load(again).network()).isEqualTo(fromVersion1.network());
    }

    @Test
    void aNetworkWithAnUnknownLayerTypeIsReportedAsDamaged() throws IOException {
        Path file = folder.resolve("odd" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);
        Files.writeString(file, Files.readString(file).replace("\"type\" : \"dense\"", "\"type\" : \"quantum\""));

        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("damaged").hasMessageContaining("unknown layer type 'quantum'");
    }

    @Test
    void refusesAFileFromANewerVersionWithoutTouchingIt() throws IOException {
        Path file = folder.resolve("future" + ProjectStore.EXTENSION);
        String text = "{\"format\":\"layerlab-project\",\"schemaVersion\":99,\"data\":{}}";
        Files.writeString(file, text);

        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("newer LayerLab").hasMessageContaining("Update LayerLab");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void corruptFilesGiveAPlainMessage() throws IOException {
        Path truncated = folder.resolve("cut" + ProjectStore.EXTENSION);
        Files.writeString(truncated, "{\"format\":\"layerlab-project\",\"schemaVersion\":1,\"data\":{\"fi");
        Path notAProject = folder.resolve("other.json");
        Files.writeString(notAProject, "{\"hello\":1}");
        Path badValue = folder.resolve("bad" + ProjectStore.EXTENSION);
        Files.writeString(badValue, Files.readString(goldenCopy()).replace("\"epochs\" : 100", "\"epochs\" : -5"));

        assertThatThrownBy(() -> ProjectStore.load(truncated)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> ProjectStore.load(notAProject)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("not a LayerLab project file");
        assertThatThrownBy(() -> ProjectStore.load(badValue)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("damaged").hasMessageContaining("Epochs must be between");
    }

    @Test
    void roundTripKeepsTheTrainingOptions() {
        TrainingConfig options = new TrainingConfig(30, 16, 0.05, 3, Optimizer.NESTEROV,
                LearningRateSchedule.step(0.25, 4).withWarmup(2), WeightInit.XAVIER, 0.0001, 0.001, 1.5,
                new EarlyStopping(EarlyStopping.Metric.VAL_ACCURACY, 6));
        Project project = sample().withTraining(options);
        Path file = folder.resolve("options" + ProjectStore.EXTENSION);

        ProjectStore.save(project, file);

        assertThat(ProjectStore.load(file).training()).isEqualTo(options);
    }

    @Test
    void roundTripKeepsTheTableAugmentationInThePreprocessing() throws IOException {
        TableAugmentation augmentation = new TableAugmentation(0.15, true);
        Project project = sample().withPreprocessing(sample().preprocessing().withAugmentation(augmentation));
        Path file = folder.resolve("augmented" + ProjectStore.EXTENSION);

        ProjectStore.save(project, file);

        assertThat(ProjectStore.load(file)).isEqualTo(project);
        assertThat(ProjectStore.load(file).preprocessing().augmentation()).isEqualTo(augmentation);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(3);
        assertThat(json.path("preprocessing").path("augmentation").path("noise").asDouble()).isEqualTo(0.15);
        assertThat(json.path("preprocessing").path("augmentation").path("oversample").asBoolean()).isTrue();
    }

    @Test
    void withoutAugmentationNothingIsWrittenAndAnAbsentSettingMeansNone() throws IOException {
        Path file = folder.resolve("plain" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);
        assertThat(Files.readString(file)).doesNotContain("augmentation");
        assertThat(ProjectStore.load(file).preprocessing().augmentation()).isEqualTo(TableAugmentation.NONE);

        Path golden = folder.resolve("golden3" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v3" + ProjectStore.EXTENSION)) {
            Files.copy(in, golden);
        }
        assertThat(ProjectStore.load(golden).preprocessing().augmentation().isNone()).isTrue();
    }

    @Test
    void anImpossibleNoiseInTheFileIsReportedPlainly() throws IOException {
        Path file = folder.resolve("noisy" + ProjectStore.EXTENSION);
        ProjectStore.save(sample().withPreprocessing(sample().preprocessing()
                .withAugmentation(new TableAugmentation(0.1, false))), file);
        Files.writeString(file, Files.readString(file).replace("\"noise\" : 0.1", "\"noise\" : -3"));

        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("is damaged").hasMessageContaining("noise must be between 0 and 10");
    }

    @Test
    void trainingOptionsMissingFromTheFileTakeTheirDefaults() throws IOException {
        Path file = folder.resolve("golden2" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v2" + ProjectStore.EXTENSION)) {
            Files.write(file, in.readAllBytes());
        }

        TrainingConfig config = ProjectStore.load(file).training();

        assertThat(config.optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(config.schedule()).isEqualTo(LearningRateSchedule.none());
        assertThat(config.earlyStopping().enabled()).isFalse();
        assertThat(config).isEqualTo(new TrainingConfig(5, 32, 0.005, 7));
    }

    @Test
    void anUnknownOptimizerInTheFileIsReportedPlainly() throws IOException {
        Path file = folder.resolve("odd-optimizer" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);
        Files.writeString(file, Files.readString(file).replace("\"optimizer\" : \"adam\"",
                "\"optimizer\" : \"lion\""));

        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("the optimizer 'lion' is unknown").hasMessageContaining("adamw");
    }

    private Path goldenCopy() throws IOException {
        Path file = folder.resolve("g.json");
        try (var in = getClass().getResourceAsStream("/projects/v1" + ProjectStore.EXTENSION)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void aFailedSaveLeavesTheOldFileIntact() throws IOException {
        Path file = folder.resolve("keep" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);
        String before = Files.readString(file, StandardCharsets.UTF_8);
        Path blocked = folder.resolve("blocked");
        Files.writeString(blocked, "a file where a folder should be");

        assertThatThrownBy(() -> ProjectStore.save(sample(), blocked.resolve("x" + ProjectStore.EXTENSION)))
                .isInstanceOf(ProjectFileProblem.class).hasMessageContaining("could not save");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(before);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
