package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.LstmSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** How a graph becomes a DL4J ComputationGraph, setting by setting. Shapes are cross-checked in Dl4jShapeAgreementTest. */
class Dl4jNetworkFactoryTest {
    private static final TrainingConfig CONFIG = new TrainingConfig(10, 16, 0.005, 42);
    private static final DataSignature IRIS = DataSignature.table(4, 3);

    @Test
    void translatesTheDefaultGraphLayerByLayer() {
        ComputationGraphConfiguration configuration =
                Dl4jNetworkFactory.configuration(NetworkGraph.defaultGraph(), IRIS, CONFIG);

        assertThat(configuration.getNetworkInputs()).containsExactly("data");
        assertThat(configuration.getNetworkOutputs()).containsExactly("output_1");
        assertLayer(configuration, "dense_1", DenseLayer.class, 4, 64, ActivationReLU.class);
        assertLayer(configuration, "dense_2", DenseLayer.class, 64, 32, ActivationReLU.class);
        assertLayer(configuration, "output_1", OutputLayer.class, 32, 3, ActivationSoftmax.class);
        assertThat(configuration.getVertexInputs().get("dense_1")).containsExactly("data");
        OutputLayer output = (OutputLayer) layer(configuration, "output_1");
        assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
        BaseLayer first = (BaseLayer) layer(configuration, "dense_1");
        assertThat(first.getIUpdater()).isInstanceOf(Adam.class);
        assertThat(((Adam) first.getIUpdater()).getLearningRate()).isEqualTo(0.005);
        assertThat(first.getWeightInitFn()).isEqualTo(org.deeplearning4j.nn.weights.WeightInit.RELU.getWeightInitFunction());
        assertThat(configuration.getDefaultConfiguration().getSeed()).isEqualTo(42);
        assertThat(configuration.getDataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void theNetworkHasExactlyTheParametersShapeInferenceCounts() {
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(10, Activation.TANH),
                new DenseSpec(7, Activation.ELU), new DenseSpec(5, Activation.SIGMOID)));
        DataSignature data = DataSignature.table(13, 4);

        ComputationGraph network = Dl4jNetworkFactory.create(graph, data, CONFIG);

        assertThat(network.numParams()).isEqualTo(ShapeInference.analyse(graph, data).totalParameters())
                .isEqualTo(13 * 10 + 10 + 10 * 7 + 7 + 7 * 5 + 5 + 5 * 4 + 4);
        assertThat(network.params().dataType()).isEqualTo(DataType.FLOAT);
        assertLayer(network.getConfiguration(), "dense_1", DenseLayer.class, 13, 10, ActivationTanH.class);
    }

    @Test
    void aGraphWithoutHiddenLayersIsJustTheOutputLayer() {
        ComputationGraph network = Dl4jNetworkFactory.create(NetworkGraph.chain(List.of()), IRIS, CONFIG);

        assertThat(network.getLayers()).hasSize(1);
        assertThat(network.numParams()).isEqualTo(15);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationMapsToItsDl4jCounterpart(Activation activation) {
        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(
                NetworkGraph.mlp(List.of(6), activation), DataSignature.table(4, 2), CONFIG);

        BaseLayer hidden = (BaseLayer) layer(configuration, "dense_1");
        assertThat(hidden.getActivationFn().getClass())
                .isEqualTo(Dl4jNetworkFactory.activation(activation).getActivationFunction().getClass());
        assertThat(hidden.getActivationFn().toString().toLowerCase().replace("_", ""))
                .contains(activation.name().toLowerCase().replace("_", "").substring(0, 3));
    }

    @ParameterizedTest
    @EnumSource(OutputActivation.class)
    void eachOutputActivationGetsTheLossThatFitsIt(OutputActivation activation) {
        NetworkGraph graph = NetworkGraph.defaultGraph();
        graph = graph.withSpec(graph.nodesOfKind(org.layerlab.core.graph.LayerKind.OUTPUT).get(0).id(),
                new OutputSpec(0, activation));

        OutputLayer output = (OutputLayer) layer(Dl4jNetworkFactory.configuration(graph, IRIS, CONFIG), "output_1");

        Class<?> expected = switch (activation) {
            case SOFTMAX -> LossMCXENT.class;
            case SIGMOID -> LossBinaryXENT.class;
            case IDENTITY -> LossMSE.class;
        };
        assertThat(output.getLossFn()).isInstanceOf(expected);
        assertThat(output.getActivationFn().toString().toLowerCase()).contains(activation.toString());
    }

    @Test
    void reluFamilyGetsHeInitialisationOthersXavierUnlessChosen() {
        assertThat(Dl4jNetworkFactory.weightInit(Activation.RELU))
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.RELU);
        assertThat(Dl4jNetworkFactory.weightInit(Activation.TANH))
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.XAVIER);
        assertThat(Dl4jNetworkFactory.weightInit(WeightInit.UNIFORM, Activation.RELU))
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.UNIFORM);
        assertThat(Dl4jNetworkFactory.weightInit(WeightInit.XAVIER, Activation.RELU))
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.XAVIER);
    }

    @Test
    void regularisationAndDropoutAreTranslatedAsDl4jExpectsThem() {
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(8, Activation.RELU, WeightInit.AUTO, 0.001,
                0.01), new DropoutSpec(0.3)));

        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(graph, IRIS, CONFIG);

        BaseLayer dense = (BaseLayer) layer(configuration, "dense_1");
        assertThat(dense.getRegularization()).hasSize(2);
        assertThat(dense.getRegularization().toString()).contains("0.001").contains("0.01");
        DropoutLayer dropout = (DropoutLayer) layer(configuration, "dropout_1");
        // DL4J's dropout parameter is the share of values kept.
        assertThat(((org.deeplearning4j.nn.conf.dropout.Dropout) dropout.getIDropout()).getP()).isEqualTo(0.7,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void imagesComeInAsFlatRowsAndAreReshapedAndFlattenedByVertices() {
        NetworkGraph graph = Templates.find("lenet").orElseThrow().buildFor(DataSignature.table(64, 10));

        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(graph,
                DataSignature.table(64, 10), CONFIG);

        ReshapeVertex reshape = (ReshapeVertex) configuration.getVertices().get("input_1");
        assertThat(reshape.getNewShape()).containsExactly(-1, 1, 8, 8);
        assertThat(configuration.getVertices().get("flatten_1")).isInstanceOf(ReshapeVertex.class);
        assertThat(layer(configuration, "convolution_1")).isInstanceOf(ConvolutionLayer.class);
        assertThat(configuration.getVertices().values()).filteredOn(LayerVertex.class::isInstance)
                .allSatisfy(v -> assertThat(((LayerVertex) v).getPreProcessor()).as("no hidden preprocessor").isNull());
    }

    @Test
    void mergeVerticesAndRecurrentLastStepAreTranslated() {
        NetworkGraph residual = Templates.find("resnet-small").orElseThrow().buildFor(DataSignature.table(64, 10));
        ComputationGraphConfiguration resnet = Dl4jNetworkFactory.configuration(residual, DataSignature.table(64, 10),
                CONFIG);
        assertThat(resnet.getVertices().get("add_1")).isInstanceOf(ElementWiseVertex.class);
        assertThat(resnet.getVertexInputs().get("add_1")).containsExactly("activation_1", "batch_norm_3");

        NetworkGraph lstm = Templates.find("lstm").orElseThrow().buildFor(IRIS);
        assertThat(layer(Dl4jNetworkFactory.configuration(lstm, IRIS, CONFIG), "lstm_1"))
                .isInstanceOf(LastTimeStep.class);
        NetworkGraph everyStep = lstm.withSpec(lstm.nodesOfKind(org.layerlab.core.graph.LayerKind.LSTM).get(0).id(),
                new LstmSpec(8, Activation.TANH, true));
        everyStep = everyStep.withInsertedOn(new org.layerlab.core.graph.Edge(
                new org.layerlab.core.graph.NodeId("lstm_1"), new org.layerlab.core.graph.NodeId("output_1")),
                new FlattenSpec());
        assertThat(layer(Dl4jNetworkFactory.configuration(everyStep, IRIS, CONFIG), "lstm_1"))
                .isInstanceOf(org.deeplearning4j.nn.conf.layers.LSTM.class);
    }

    @Test
    void refusesAGraphThatCannotTrainWithItsFirstProblem() {
        NetworkGraph graph = NetworkGraph.chain(List.of(new ConvolutionSpec(4, 3, Padding.SAME, Activation.RELU)));

        assertThatThrownBy(() -> Dl4jNetworkFactory.configuration(graph, DataSignature.table(7, 3), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be trained yet").hasMessageContaining("Convolution 2D needs an image");
    }

    private static Layer layer(ComputationGraphConfiguration configuration, String name) {
        return ((LayerVertex) configuration.getVertices().get(name)).getLayerConf().getLayer();
    }

    private static void assertLayer(ComputationGraphConfiguration configuration, String name, Class<?> type, long nIn,
                                    long nOut, Class<?> activation) {
        FeedForwardLayer layer = (FeedForwardLayer) layer(configuration, name);
        assertThat(layer).isInstanceOf(type);
        assertThat(layer.getNIn()).as("nIn of %s", name).isEqualTo(nIn);
        assertThat(layer.getNOut()).as("nOut of %s", name).isEqualTo(nOut);
        assertThat(layer.getActivationFn()).as("activation of %s", name).isInstanceOf(activation);
    }
}
