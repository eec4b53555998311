package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.EmbeddingSpec;
import org.layerlab.core.graph.GlobalPoolingSpec;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.GraphCases;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;
import org.layerlab.core.graph.TensorShape.Vector;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LayerLab's shape inference must agree with DL4J's. For every template (on iris's 4 features, the 8×8 digits'
 * 64 and a 28×28 image's 784) and every hand-built case, the translated network is checked four ways: DL4J's own
 * type inference ({@code getLayerActivationTypes}), each built layer's {@code numParams()}, the shapes of a real
 * forward pass, and one training step with a finite loss.
 */
class Dl4jShapeAgreementTest {
    private static final TrainingConfig CONFIG = new TrainingConfig(1, 8, 0.01, 42);
    private static final int BATCH = 3;

    record Example(String name, NetworkGraph graph, DataSignature data) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void loadNd4j() {
        assertThat(Nd4jBackend.isUsable()).as(Nd4jBackend.detect().explanation()).isTrue();
    }

    static Stream<Example> examples() {
        List<Example> examples = new ArrayList<>();
        for (Template template : Templates.all()) {
            for (DataSignature data : List.of(DataSignature.table(4, 3), DataSignature.table(64, 10),
                    DataSignature.table(784, 10))) {
                examples.add(new Example(template.id() + " on " + data.input().describe() + " values",
                        template.buildFor(data), data));
            }
        }
        for (GraphCases.Case example : GraphCases.all()) {
            examples.add(new Example(example.name(), example.graph(), example.data()));
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void dl4jAgreesOnEveryShapeAndParameterCount(Example example) {
        GraphAnalysis analysis = ShapeInference.analyse(example.graph(), example.data());
        assertThat(analysis.errors()).as("%s can train", example).isEmpty();
        ComputationGraphConfiguration configuration =
                Dl4jNetworkFactory.configuration(example.graph(), example.data(), CONFIG);
        String dataInput = configuration.getNetworkInputs().get(0);

        // 1. DL4J's own inference from the input type.
        Map<String, InputType> types = configuration.getLayerActivationTypes(false, false,
                InputType.feedForward(example.data().input().elementCount()));
        // 2. The layers DL4J builds, and 3. what really flows through them.
        ComputationGraph network = new ComputationGraph(configuration);
        network.init();
        INDArray features = batch(example);
        Map<String, INDArray> activations = network.feedForward(features, false);

        long total = 0;
        for (Node node : example.graph().nodes()) {
            TensorShape ours = analysis.shapeOf(node.id()).orElseThrow();
            String vertex = node.spec() instanceof InputSpec && ours instanceof Vector ? dataInput : node.id().value();
            InputType theirs = types.get(vertex);
            boolean overSequence = node.spec() instanceof GlobalPoolingSpec && analysis.shapeOf(
                    example.graph().inputsOf(node.id()).get(0)).orElseThrow() instanceof Sequence;
            if (overSequence) {
                // DL4J 1.0.0-M2.1 reports global pooling over a sequence as still a sequence; what it computes is
                // one vector per example, as checked on the activations below.
                assertThat(theirs.getType()).isEqualTo(InputType.Type.RNN);
                assertThat(((InputType.InputTypeRecurrent) theirs).getSize()).isEqualTo(ours.elementCount());
            } else {
                assertThat(describe(theirs)).as("DL4J's type of %s", vertex).isEqualTo(describeLikeDl4j(ours, theirs));
            }
            long[] shape = activations.get(vertex).shape();
            assertThat(shape).as("activations of %s", vertex).isEqualTo(withBatch(ours));
            if (network.getVertex(vertex).hasLayer()) {
                long parameters = network.getLayer(vertex).numParams();
                assertThat(parameters).as("parameters of %s", vertex).isEqualTo(analysis.parametersOf(node.id()));
                total += parameters;
            } else {
                assertThat(analysis.parametersOf(node.id())).isZero();
            }
        }
        assertThat(network.numParams()).isEqualTo(total).isEqualTo(analysis.totalParameters());

        // 4. It trains: one step, a finite loss.
        network.fit(new DataSet(features, labels(example)));
        assertThat(network.score()).isFinite();
    }

    /** A few rows of flat values; whole-number codes when the network starts with an Embedding. */
    private static INDArray batch(Example example) {
        int columns = Math.toIntExact(example.data().input().elementCount());
        boolean codes = example.graph().nodes().stream().anyMatch(n -> n.spec() instanceof EmbeddingSpec);
        Random random = new Random(7);
        float[] values = new float[BATCH * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = codes ? random.nextInt(10) : (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {BATCH, columns}, 'c');
    }

    private static INDArray labels(Example example) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, example.data().classes());
        for (int row = 0; row < BATCH; row++) {
            labels.putScalar(row, row % example.data().classes(), 1f);
        }
        return labels;
    }

    private static long[] withBatch(TensorShape shape) {
        if (shape instanceof Image image) {
            return new long[] {BATCH, image.channels(), image.height(), image.width()};
        }
        if (shape instanceof Sequence sequence) {
            return new long[] {BATCH, sequence.features(), sequence.length()};
        }
        return new long[] {BATCH, shape.elementCount()};
    }

    private static String describe(InputType type) {
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return "vector " + ff.getSize();
        }
        if (type instanceof InputType.InputTypeConvolutional cnn) {
            return "image " + cnn.getChannels() + "×" + cnn.getHeight() + "×" + cnn.getWidth();
        }
        if (type instanceof InputType.InputTypeRecurrent rnn) {
            return "sequence " + rnn.getSize() + (rnn.getTimeSeriesLength() > 0 ? " × " + rnn.getTimeSeriesLength()
                    : "");
        }
        return type.toString();
    }

    /** Our shape as {@link #describe} words DL4J's (which does not always know a sequence's length). */
    private static String describeLikeDl4j(TensorShape shape, InputType theirs) {
        if (shape instanceof Image image) {
            return "image " + image.channels() + "×" + image.height() + "×" + image.width();
        }
        if (shape instanceof Sequence sequence) {
            boolean lengthKnown = theirs instanceof InputType.InputTypeRecurrent rnn && rnn.getTimeSeriesLength() > 0;
            return "sequence " + sequence.features() + (lengthKnown ? " × " + sequence.length() : "");
        }
        return "vector " + shape.elementCount();
    }
}
