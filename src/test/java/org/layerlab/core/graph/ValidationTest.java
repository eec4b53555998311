package org.layerlab.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;

/**
 * Wrong wirings: each is reported on the right node, in plain words, with the one-click fix where there is one —
 * and applying the fix makes the problem go away.
 */
class ValidationTest {
    private static final DataSignature IRIS = DataSignature.table(4, 3);
    private static final DataSignature DIGITS = DataSignature.table(64, 10);

    /**
     * @param node       the node the problem is marked on (null: the network as a whole)
     * @param message    a distinctive part of the message
     * @param fix        the fix's label, or null when there is no obvious fix
     * @param trainsThen whether the graph can train once fixed
     */
    record Broken(String name, DataSignature data, NetworkGraph graph, String node, Problem.Severity severity,
                  String message, String fix, boolean trainsThen) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static GraphCases.Builder graph() {
        return new GraphCases.Builder("");
    }

    private static Broken error(String name, DataSignature data, GraphCases.Builder graph, String node, String message,
                                String fix, boolean trainsThen) {
        return new Broken(name, data, graph.graph(), node, Problem.Severity.ERROR, message, fix, trainsThen);
    }

    private static Broken warning(String name, DataSignature data, GraphCases.Builder graph, String node,
                                  String message, String fix) {
        return new Broken(name, data, graph.graph(), node, Problem.Severity.WARNING, message, fix, true);
    }

    private static final ConvolutionSpec CONV = new ConvolutionSpec(8, 3, Padding.SAME, Activation.RELU);

    static Stream<Broken> brokenGraphs() {
        return Stream.of(
                error("Dense after a convolution", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 8, 8))).add("conv", CONV, "in")
                                .add("dense", new DenseSpec(16, Activation.RELU), "conv")
                                .add("out", OutputSpec.forClasses(), "dense"),
                        "dense", "Dense after Convolution 2D needs the image flattened: 'dense' gets a 8×8×8 image",
                        "Insert Flatten", true),
                error("Output after pooling", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 8, 8))).add("conv", CONV, "in")
                                .add("pool", new PoolingSpec(PoolType.MAX, 2), "conv")
                                .add("out", OutputSpec.forClasses(), "pool"),
                        "out", "Output after Max Pooling 2D needs the image flattened", "Insert Flatten", true),
                error("Output with too few units", IRIS, graph()
                                .add("in", InputSpec.asData()).add("out", new OutputSpec(2, OutputActivation.SOFTMAX),
                                        "in"),
                        "out", "Output has 2 units but the data has 3 classes", "Set 3 units (one per class)", true),
                error("a cycle", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .add("b", new DenseSpec(8, Activation.RELU), "a").connect("b", "a")
                                .add("out", OutputSpec.forClasses(), "b"),
                        "a", "feed each other in a circle: 'a' → 'b' → 'a'", "Remove the connection 'b' → 'a'", true),
                error("a layer with no input", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .add("b", new DenseSpec(8, Activation.RELU)).add("out", OutputSpec.forClasses(), "b"),
                        "b", "'b' has no input: connect something into it.", null, false),
                error("an Output the data cannot reach", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .add("b", new DenseSpec(8, Activation.RELU)).add("out", OutputSpec.forClasses(), "b"),
                        "out", "The Output is not connected to the Input", null, false),
                error("Add with different shapes", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 8, 8))).add("a", CONV, "in")
                                .add("b", new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU), "in")
                                .add("sum", new AddSpec(), "a", "b").add("flat", new FlattenSpec(), "sum")
                                .add("out", OutputSpec.forClasses(), "flat"),
                        "sum", "Add needs inputs of the same shape, but 'a' gives 8×8×8 and 'b' gives 16×8×8", null,
                        false),
                error("Concatenate of images of different sizes", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 8, 8))).add("a", CONV, "in")
                                .add("pool", new PoolingSpec(PoolType.MAX, 2), "a")
                                .add("join", new ConcatSpec(), "a", "pool").add("flat", new FlattenSpec(), "join")
                                .add("out", OutputSpec.forClasses(), "flat"),
                        "join", "height and width must match, but 'a' gives 8×8×8 and 'pool' gives 8×4×4", null, false),
                error("Concatenate of a vector and an image", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 8, 8))).add("a", CONV, "in")
                                .add("flat", new FlattenSpec(), "a").add("join", new ConcatSpec(), "flat", "a")
                                .add("out", OutputSpec.forClasses(), "join"),
                        "join", "Concatenate joins inputs of one kind", "Insert Flatten", true),
                error("a merge with one input", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .add("sum", new AddSpec(), "a").add("out", OutputSpec.forClasses(), "sum"),
                        "sum", "Add merges two or more inputs, but 'sum' has only one",
                        "Remove 'sum' (connect straight through)", true),
                error("a layer with two inputs", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .add("b", new DenseSpec(4, Activation.RELU), "in")
                                .add("out", OutputSpec.forClasses(), "a", "b"),
                        "out", "Output takes one input, but 2 are connected", "Insert Concatenate", true),
                error("a convolution on a row of 64 values", DIGITS, graph()
                                .add("in", InputSpec.asData()).add("conv", CONV, "in").add("flat", new FlattenSpec(),
                                        "conv").add("out", OutputSpec.forClasses(), "flat"),
                        "conv", "Convolution 2D needs an image (channels × height × width), but 'conv' gets a list of "
                                + "64 numbers. The 64 values can be read as a 1×8×8 image.",
                        "Read the data as a 1×8×8 image", true),
                error("a convolution on 7 values", DataSignature.table(7, 2), graph()
                                .add("in", InputSpec.asData()).add("conv", CONV, "in").add("flat", new FlattenSpec(),
                                        "conv").add("out", OutputSpec.forClasses(), "flat"),
                        "conv", "7 values cannot be arranged as a square image", null, false),
                error("pooling after a Dense layer", DIGITS, graph()
                                .add("in", InputSpec.asData()).add("d", new DenseSpec(16, Activation.RELU), "in")
                                .add("pool", new PoolingSpec(PoolType.MAX, 2), "d")
                                .add("out", OutputSpec.forClasses(), "pool"),
                        "pool", "Max Pooling 2D needs an image", null, false),
                error("a window larger than the image", DataSignature.table(16, 2), graph()
                                .add("in", new InputSpec(new Image(1, 4, 4)))
                                .add("conv", new ConvolutionSpec(4, 5, Padding.VALID, Activation.RELU), "in")
                                .add("flat", new FlattenSpec(), "conv").add("out", OutputSpec.forClasses(), "flat"),
                        "conv", "The 5×5 window of 'conv' is larger than the 4×4 image coming in",
                        "Pad the border (same size)", true),
                error("a pooling window larger than the image", DataSignature.table(4, 2), graph()
                                .add("in", new InputSpec(new Image(1, 2, 2)))
                                .add("pool", new PoolingSpec(PoolType.AVERAGE, 3), "in")
                                .add("flat", new FlattenSpec(), "pool").add("out", OutputSpec.forClasses(), "flat"),
                        "pool", "The 3×3 window of 'pool' is larger than the 2×2 image", "Pad the border (same size)",
                        true),
                error("an LSTM on a row of values", IRIS, graph()
                                .add("in", InputSpec.asData()).add("lstm", new LstmSpec(8, Activation.TANH, false),
                                        "in").add("out", OutputSpec.forClasses(), "lstm"),
                        "lstm", "LSTM reads a sequence step by step, but 'lstm' gets a list of 4 numbers",
                        "Read the data as a sequence of 4 steps", true),
                error("a Simple RNN on an image", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 8, 8)))
                                .add("rnn", new SimpleRnnSpec(8, Activation.TANH, false), "in")
                                .add("out", OutputSpec.forClasses(), "rnn"),
                        "rnn", "Simple RNN reads a sequence step by step, but 'rnn' gets a 1×8×8 image", null, false),
                error("Dense after an LSTM passing every step", IRIS, graph()
                                .add("in", new InputSpec(new Sequence(1, 4)))
                                .add("lstm", new LstmSpec(8, Activation.TANH, true), "in")
                                .add("out", OutputSpec.forClasses(), "lstm"),
                        "out", "passes on every step (4 steps × 8)", "Pass on only the last step", true),
                error("an Input reshape of the wrong size", DIGITS, graph()
                                .add("in", new InputSpec(new Image(1, 28, 28))).add("conv", CONV, "in")
                                .add("flat", new FlattenSpec(), "conv").add("out", OutputSpec.forClasses(), "flat"),
                        "in", "reads each example as 1×28×28 (784 values), but the data has 64 values",
                        "Read it as a 1×8×8 image", true),
                error("an Input reshape for non-square data", IRIS, graph()
                                .add("in", new InputSpec(new Sequence(1, 5))).add("out", OutputSpec.forClasses(), "in"),
                        "in", "but the data has 4 values per example", "Read it as a 1×2×2 image", false),
                error("no Input", IRIS, graph()
                                .add("a", new DenseSpec(8, Activation.RELU)).add("out", OutputSpec.forClasses(), "a"),
                        null, "The network has no Input", "Add an Input before 'a'", true),
                error("two Inputs", IRIS, graph()
                                .add("in", InputSpec.asData()).add("in2", InputSpec.asData())
                                .add("a", new DenseSpec(8, Activation.RELU), "in").connect("in2", "a")
                                .add("out", OutputSpec.forClasses(), "a"),
                        "in2", "There are 2 Inputs, but the data comes in one piece", "Delete 'in2'", true),
                error("no Output", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in"),
                        null, "The network has no Output", "Add an Output after 'a'", true),
                error("two Outputs", IRIS, graph()
                                .add("in", InputSpec.asData()).add("out", OutputSpec.forClasses(), "in")
                                .add("out2", OutputSpec.forClasses(), "in"),
                        "out2", "There are 2 Outputs", "Delete 'out2'", true),
                error("an empty network", IRIS, graph(), null, "The network is empty", null, false),
                error("a connection into the Input", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .connect("a", "in").add("out", OutputSpec.forClasses(), "a"),
                        "in", "Nothing can flow into the Input", "Remove the connections into 'in'", true),
                error("global pooling on a vector", IRIS, graph()
                                .add("in", InputSpec.asData()).add("g", new GlobalPoolingSpec(PoolType.MAX), "in")
                                .add("out", OutputSpec.forClasses(), "g"),
                        "g", "already one number per feature", "Remove 'g'", true),
                error("batch normalization on a sequence", IRIS, graph()
                                .add("in", new InputSpec(new Sequence(1, 4))).add("bn", new BatchNormSpec(), "in")
                                .add("lstm", new LstmSpec(4, Activation.TANH, false), "bn")
                                .add("out", OutputSpec.forClasses(), "lstm"),
                        "bn", "not on sequences", "Remove 'bn'", true),
                error("an Embedding after a Dense layer", IRIS, graph()
                                .add("in", InputSpec.asData()).add("d", new DenseSpec(4, Activation.RELU), "in")
                                .add("e", new EmbeddingSpec(10, 4), "d").add("flat", new FlattenSpec(), "e")
                                .add("out", OutputSpec.forClasses(), "flat"),
                        "e", "it must come right after the Input", null, false),
                warning("a layer whose output goes nowhere", IRIS, graph()
                                .add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                                .add("lost", new DenseSpec(8, Activation.RELU), "in")
                                .add("out", OutputSpec.forClasses(), "a"),
                        "lost", "'lost''s output goes nowhere", "Delete 'lost'"),
                warning("Flatten on a vector", IRIS, graph()
                                .add("in", InputSpec.asData()).add("flat", new FlattenSpec(), "in")
                                .add("out", OutputSpec.forClasses(), "flat"),
                        "flat", "flat already", "Remove 'flat'"),
                warning("an identity output for classes", IRIS, graph()
                                .add("in", InputSpec.asData())
                                .add("out", new OutputSpec(0, OutputActivation.IDENTITY), "in"),
                        "out", "meant for predicting quantities", "Use softmax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenGraphs")
    void reportsTheProblemOnTheRightNodeWithItsFix(Broken broken) {
        GraphAnalysis analysis = ShapeInference.analyse(broken.graph(), broken.data());

        Optional<Problem> found = analysis.problems().stream()
                .filter(p -> p.message().contains(broken.message())).findFirst();
        assertThat(found).as("a problem saying '%s' among %s", broken.message(), messages(analysis)).isPresent();
        Problem problem = found.get();
        assertThat(problem.node()).isEqualTo(broken.node() == null ? null : new NodeId(broken.node()));
        assertThat(problem.severity()).isEqualTo(broken.severity());
        assertThat(analysis.trainable()).isEqualTo(broken.severity() == Problem.Severity.WARNING);
        if (broken.severity() == Problem.Severity.ERROR) {
            assertThat(analysis.firstError()).as("the Train button's explanation").isPresent();
        }
        assertThat(problem.message()).doesNotContain("null").doesNotContain("Exception");
        if (broken.fix() == null) {
            assertThat(problem.fix()).isEmpty();
            return;
        }
        assertThat(problem.fix()).isPresent();
        assertThat(problem.fix().get().label()).isEqualTo(broken.fix());

        NetworkGraph fixed = problem.fix().get().applyTo(broken.graph());
        GraphAnalysis after = ShapeInference.analyse(fixed, broken.data());

        assertThat(after.problems()).as("after '%s': %s", broken.fix(), messages(after))
                .noneMatch(p -> p.message().contains(broken.message()));
        assertThat(after.trainable()).as("trainable after the fix: %s", messages(after)).isEqualTo(broken.trainsThen());
    }

    @Test
    void insertingFlattenMakesRoomByMovingTheRestOfTheNetworkRight() {
        NetworkGraph graph = graph().add("in", new InputSpec(new Image(1, 8, 8))).add("conv", CONV, "in")
                .add("dense", new DenseSpec(16, Activation.RELU), "conv").add("out", OutputSpec.forClasses(), "dense")
                .graph();
        Problem problem = ShapeInference.analyse(graph, DIGITS).errors().get(0);

        NetworkGraph fixed = problem.fix().orElseThrow().applyTo(graph);

        Node flatten = fixed.nodesOfKind(LayerKind.FLATTEN).get(0);
        assertThat(flatten.id().value()).isEqualTo("flatten_1");
        assertThat(fixed.inputsOf(flatten.id())).containsExactly(new NodeId("conv"));
        assertThat(fixed.outputsOf(flatten.id())).containsExactly(new NodeId("dense"));
        assertThat(flatten.x()).isEqualTo(graph.node(new NodeId("dense")).x());
        assertThat(fixed.node(new NodeId("dense")).x()).isEqualTo(flatten.x() + NetworkGraph.LAYOUT_STEP_X);
        assertThat(fixed.node(new NodeId("out")).x())
                .isEqualTo(graph.node(new NodeId("out")).x() + NetworkGraph.LAYOUT_STEP_X);
        assertThat(fixed.node(new NodeId("conv")).x()).isEqualTo(graph.node(new NodeId("conv")).x());
    }

    @Test
    void problemsFurtherOnAreNotRepeatedForEveryLayerAfterTheFirstMistake() {
        NetworkGraph graph = graph().add("in", InputSpec.asData()).add("conv", CONV, "in")
                .add("pool", new PoolingSpec(PoolType.MAX, 2), "conv").add("flat", new FlattenSpec(), "pool")
                .add("out", OutputSpec.forClasses(), "flat").graph();

        GraphAnalysis analysis = ShapeInference.analyse(graph, DataSignature.table(7, 2));

        assertThat(analysis.problems()).hasSize(1);
        assertThat(analysis.shapeOf(new NodeId("in"))).isPresent();
        assertThat(analysis.shapeOf(new NodeId("pool"))).isEmpty();
    }

    @Test
    void settingsThatDoNotDependOnShapesAreCheckedEvenWhenSomethingBeforeIsWrong() {
        NetworkGraph graph = graph().add("in", InputSpec.asData()).add("a", new DenseSpec(8, Activation.RELU), "in")
                .add("b", new DenseSpec(8, Activation.RELU), "a").connect("b", "a")
                .add("out", new OutputSpec(2, OutputActivation.SOFTMAX), "b").graph();

        GraphAnalysis analysis = ShapeInference.analyse(graph, IRIS);

        assertThat(messages(analysis)).anyMatch(m -> m.contains("in a circle"))
                .anyMatch(m -> m.contains("Output has 2 units but the data has 3 classes"));
    }

    @Test
    void theTrainButtonExplanationNamesTheLayerInPlainWords() {
        NetworkGraph graph = graph().add("in", new InputSpec(new Image(1, 8, 8))).add("conv", CONV, "in")
                .add("dense_1", new DenseSpec(16, Activation.RELU), "conv").add("out", OutputSpec.forClasses(), "dense_1")
                .graph();

        assertThat(ShapeInference.analyse(graph, DIGITS).firstError()).contains(
                "Dense after Convolution 2D needs the image flattened: 'dense_1' gets a 8×8×8 image.");
    }

    @Test
    void everyTemplateCanTrainOnTablesAndImagesOfUsualSizes() {
        for (Template template : Templates.all()) {
            for (DataSignature data : List.of(IRIS, DIGITS, DataSignature.table(784, 10),
                    new DataSignature(new Image(1, 28, 28), 10))) {
                GraphAnalysis analysis = ShapeInference.analyse(template.buildFor(data), data);
                assertThat(analysis.errors()).as("%s on %s", template.id(), data).isEmpty();
            }
        }
    }

    @Test
    void aTemplateThatCannotFitTheDataSaysWhy() {
        DataSignature seven = DataSignature.table(7, 2);
        for (String id : List.of("lenet", "vgg-small", "resnet-small")) {
            GraphAnalysis analysis = ShapeInference.analyse(Templates.find(id).orElseThrow().buildFor(seven), seven);

            assertThat(analysis.trainable()).isFalse();
            assertThat(analysis.firstError()).get().asString().contains("7 values cannot be arranged as a square image");
        }
        assertThat(ShapeInference.analyse(Templates.find("mlp").orElseThrow().buildFor(seven), seven).trainable())
                .isTrue();
        assertThat(ShapeInference.analyse(Templates.find("lstm").orElseThrow().buildFor(seven), seven).trainable())
                .isTrue();
    }

    @Test
    void regressionNeedsOneOutputUnitAndSaysSoPlainly() {
        DataSignature quantity = DataSignature.regressionTable(10);
        NetworkGraph defaults = NetworkGraph.defaultGraph();
        GraphAnalysis analysis = ShapeInference.analyse(defaults, quantity);
        assertThat(analysis.trainable()).isTrue();
        assertThat(messages(analysis)).anyMatch(m -> m.contains("identity activation and mean squared error"));

        NetworkGraph threeUnits = graph().add("in", InputSpec.asData()).add("out",
                new OutputSpec(3, OutputActivation.IDENTITY), "in").graph();
        GraphAnalysis wrong = ShapeInference.analyse(threeUnits, quantity);
        assertThat(wrong.trainable()).isFalse();
        assertThat(wrong.firstError()).get().asString()
                .contains("Output has 3 units, but this data asks for one number per row (regression)")
                .contains("exactly 1 unit");
        Problem problem = wrong.errors().get(0);
        NetworkGraph fixed = problem.fix().orElseThrow().applyTo(threeUnits);
        assertThat(ShapeInference.analyse(fixed, quantity).problems()).isEmpty();
    }

    private static List<String> messages(GraphAnalysis analysis) {
        return analysis.problems().stream().map(Problem::message).toList();
    }
}
