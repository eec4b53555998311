package org.layerlab.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Vector;

/** Shapes and parameter counts, against numbers worked out by hand (see {@link GraphCases}). */
class ShapeInferenceTest {

    static Stream<GraphCases.Case> cases() {
        return GraphCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shapesAndParameterCountsMatchTheHandWorkedNumbers(GraphCases.Case example) {
        GraphAnalysis analysis = ShapeInference.analyse(example.graph(), example.data());

        assertThat(analysis.problems()).as("problems").isEmpty();
        assertThat(analysis.trainable()).isTrue();
        for (Map.Entry<String, String> expected : example.expected().entrySet()) {
            NodeId id = new NodeId(expected.getKey());
            String actual = analysis.shapeOf(id).map(TensorShape::describe).orElse("?") + "/"
                    + analysis.parametersOf(id);
            assertThat(actual).as(expected.getKey()).isEqualTo(expected.getValue());
        }
        assertThat(analysis.totalParameters()).isEqualTo(example.totalParameters());
        assertThat(analysis.outputShapes()).hasSize(example.graph().nodes().size());
    }

    @ParameterizedTest(name = "{0} pixels, {1} window, stride {2}, {3} → {4}")
    @CsvSource({
            "28, 5, 1, SAME, 28", "28, 5, 1, VALID, 24", "28, 2, 2, VALID, 14", "7, 2, 2, VALID, 3",
            "7, 3, 2, SAME, 4", "8, 3, 3, SAME, 3", "8, 3, 3, VALID, 2", "5, 5, 1, VALID, 1", "4, 9, 1, SAME, 4",
            "1, 1, 1, VALID, 1", "9, 4, 3, VALID, 2"})
    void outputSizeFollowsDl4jsSameAndTruncateRules(int size, int kernel, int stride, Padding padding, int expected) {
        NetworkGraph graph = new GraphCases.Builder("conv")
                .add("input", new InputSpec(new Image(2, size, size)))
                .add("conv", new ConvolutionSpec(3, kernel, kernel, stride, stride, padding, Activation.RELU,
                        WeightInit.AUTO, 0, 0), "input")
                .add("pool", new PoolingSpec(PoolType.MAX, kernel, kernel, stride, stride, padding), "input")
                .graph();

        GraphAnalysis analysis = ShapeInference.analyse(graph, DataSignature.table(2 * size * size, 2));

        assertThat(analysis.shapeOf(new NodeId("conv"))).contains(new Image(3, expected, expected));
        assertThat(analysis.shapeOf(new NodeId("pool"))).contains(new Image(2, expected, expected));
        assertThat(analysis.parametersOf(new NodeId("conv"))).isEqualTo(2L * kernel * kernel * 3 + 3);
    }

    @Test
    void theOutputTakesOneUnitPerClassFromTheData() {
        NetworkGraph graph = NetworkGraph.defaultGraph();

        assertThat(ShapeInference.analyse(graph, DataSignature.table(4, 3)).shapeOf(new NodeId("output_1")))
                .contains(new Vector(3));
        assertThat(ShapeInference.analyse(graph, DataSignature.table(4, 7)).shapeOf(new NodeId("output_1")))
                .contains(new Vector(7));
    }

    @Test
    void memoryEstimateCountsParametersFourTimesAndActivationsTwicePerExample() {
        GraphAnalysis analysis = ShapeInference.analyse(NetworkGraph.defaultGraph(), DataSignature.table(4, 3));

        long activations = 4 + 64 + 32 + 3;
        assertThat(analysis.memoryEstimateBytes())
                .isEqualTo(4 * (4 * 2499L + 2L * ShapeInference.MEMORY_ESTIMATE_BATCH * activations));
    }

    @Test
    void describesStacksByTheirShapesAndBranchingNetworksNodeByNode() {
        DataSignature iris = DataSignature.table(4, 3);
        NetworkGraph stack = NetworkGraph.defaultGraph();
        assertThat(ShapeInference.analyse(stack, iris).describe(stack)).isEqualTo("4 → 64 → 32 → 3");

        GraphCases.Case branches = GraphCases.all().stream()
                .filter(c -> c.name().startsWith("two branches of Dense")).findFirst().orElseThrow();
        assertThat(ShapeInference.analyse(branches.graph(), iris).describe(branches.graph()))
                .isEqualTo("branching network of 5 nodes: input_1 4, wide 8, narrow 4, join 12, output_1 3");
    }

    @Test
    void aLongChainIsAnalysedInFullAndCountedExactly() {
        // Timing is measured in ShapeInferenceBenchmark (not here: a timed test fails on a busy machine).
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < 198; i++) {
            layers.add(new DenseSpec(16, Activation.RELU));
        }
        NetworkGraph chain = NetworkGraph.chain(layers);

        GraphAnalysis analysis = ShapeInference.analyse(chain, DataSignature.table(16, 4));

        assertThat(chain.nodes()).hasSize(200);
        assertThat(analysis.trainable()).isTrue();
        assertThat(analysis.totalParameters()).isEqualTo(198L * (16 * 16 + 16) + 16 * 4 + 4);
    }

    @Test
    void squareImagesAreFoundForGreyAndColourRows() {
        assertThat(ShapeInference.squareImage(64)).contains(new Image(1, 8, 8));
        assertThat(ShapeInference.squareImage(784)).contains(new Image(1, 28, 28));
        assertThat(ShapeInference.squareImage(3 * 32 * 32)).contains(new Image(3, 32, 32));
        assertThat(ShapeInference.squareImage(7)).isEmpty();
        assertThat(ShapeInference.squareImage(12)).contains(new Image(3, 2, 2));
    }
}
