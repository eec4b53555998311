package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkSpec;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class Dl4jNetworkFactoryTest {
    private static final TrainingConfig CONFIG = new TrainingConfig(10, 16, 0.005, 42);

    @Test
    void translatesTheDefaultSpecLayerByLayer() {
        MultiLayerConfiguration configuration =
                Dl4jNetworkFactory.configuration(NetworkSpec.defaultSpec(), 4, 3, CONFIG);

        assertThat(configuration.getConfs()).hasSize(3);
        assertLayer(configuration, 0, DenseLayer.class, 4, 64, ActivationReLU.class);
        assertLayer(configuration, 1, DenseLayer.class, 64, 32, ActivationReLU.class);
        assertLayer(configuration, 2, OutputLayer.class, 32, 3, ActivationSoftmax.class);
        OutputLayer output = (OutputLayer) configuration.getConf(2).getLayer();
        assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
        BaseLayer first = (BaseLayer) configuration.getConf(0).getLayer();
        assertThat(first.getIUpdater()).isInstanceOf(Adam.class);
        assertThat(((Adam) first.getIUpdater()).getLearningRate()).isEqualTo(0.005);
        assertThat(configuration.getConf(0).getSeed()).isEqualTo(42);
        assertThat(configuration.getDataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void theNetworkHasExactlyTheParametersTheSpecCounts() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(10, Activation.TANH), new DenseSpec(7, Activation.ELU),
                new DenseSpec(5, Activation.SIGMOID)));

        MultiLayerNetwork network = Dl4jNetworkFactory.create(spec, 13, 4, CONFIG);

        assertThat(network.numParams()).isEqualTo(spec.parameterCount(13, 4));
        assertThat(network.params().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Dl4jNetworkFactory.create(NetworkSpec.defaultSpec(), 4, 3, CONFIG).numParams())
                .isEqualTo(NetworkSpec.defaultSpec().parameterCount(4, 3));
        assertLayer(network.getLayerWiseConfigurations(), 0, DenseLayer.class, 13, 10, ActivationTanH.class);
    }

    @Test
    void aSpecWithoutHiddenLayersIsJustTheOutputLayer() {
        NetworkSpec spec = new NetworkSpec(List.of());

        MultiLayerNetwork network = Dl4jNetworkFactory.create(spec, 4, 3, CONFIG);

        assertThat(network.getnLayers()).isEqualTo(1);
        assertThat(network.numParams()).isEqualTo(spec.parameterCount(4, 3)).isEqualTo(15);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationMapsToItsDl4jCounterpart(Activation activation) {
        MultiLayerConfiguration configuration = Dl4jNetworkFactory.configuration(
                NetworkSpec.ofUnits(List.of(6), activation), 4, 2, CONFIG);

        BaseLayer hidden = (BaseLayer) configuration.getConf(0).getLayer();
        assertThat(hidden.getActivationFn().getClass())
                .isEqualTo(Dl4jNetworkFactory.activation(activation).getActivationFunction().getClass());
        assertThat(hidden.getActivationFn().toString().toLowerCase().replace("_", ""))
                .contains(activation.name().toLowerCase().replace("_", "").substring(0, 3));
    }

    @Test
    void reluFamilyGetsHeInitialisationOthersXavier() {
        assertThat(Dl4jNetworkFactory.weightInit(Activation.RELU))
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.RELU);
        assertThat(Dl4jNetworkFactory.weightInit(Activation.TANH))
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.XAVIER);
    }

    private static void assertLayer(MultiLayerConfiguration configuration, int index, Class<?> type, long nIn,
                                    long nOut, Class<?> activation) {
        FeedForwardLayer layer = (FeedForwardLayer) configuration.getConf(index).getLayer();
        assertThat(layer).isInstanceOf(type);
        assertThat(layer.getNIn()).as("nIn of layer %d", index).isEqualTo(nIn);
        assertThat(layer.getNOut()).as("nOut of layer %d", index).isEqualTo(nOut);
        assertThat(layer.getActivationFn()).as("activation of layer %d", index).isInstanceOf(activation);
    }
}
