package org.layerlab.core.dl4j;

import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkSpec;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Translates a {@link NetworkSpec} into a DL4J {@link MultiLayerNetwork}: one
 * {@link DenseLayer} per {@link DenseSpec}, then an {@link OutputLayer} with softmax and multi-class
 * cross-entropy ({@code LossMCXENT}) sized to the number of classes, trained with Adam
 * (Kingma &amp; Ba, 2015; DL4J's {@link Adam}). Weights and activations are float32.
 *
 * <p>Weight initialisation follows the activation: He et al. (2015), DL4J's {@link WeightInit#RELU}, for the
 * ReLU family; Glorot &amp; Bengio (2010), DL4J's {@link WeightInit#XAVIER}, for the others and the output layer.
 */
final class Dl4jNetworkFactory {

    private Dl4jNetworkFactory() {
    }

    /** The DL4J configuration for {@code spec} fed by {@code inputs} values and predicting {@code classes} classes. */
    static MultiLayerConfiguration configuration(NetworkSpec spec, int inputs, int classes, TrainingConfig config) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        if (inputs < 1) {
            throw new IllegalArgumentException("The network needs at least one input column; the data has " + inputs
                    + ".");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("The network needs at least one class to predict; the data has "
                    + classes + ".");
        }
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list();
        int previous = inputs;
        int index = 0;
        for (DenseSpec dense : spec.hiddenLayers()) {
            layers.layer(index++, new DenseLayer.Builder()
                    .nIn(previous)
                    .nOut(dense.units())
                    .activation(activation(dense.activation()))
                    .weightInit(weightInit(dense.activation()))
                    .build());
            previous = dense.units();
        }
        layers.layer(index, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(previous)
                .nOut(classes)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .build());
        return layers.build();
    }

    /** A new, initialised network (random weights drawn from {@code config.seed()}). */
    static MultiLayerNetwork create(NetworkSpec spec, int inputs, int classes, TrainingConfig config) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(spec, inputs, classes, config));
        network.init();
        return network;
    }

    /** Our activation as DL4J's. */
    static org.nd4j.linalg.activations.Activation activation(Activation activation) {
        return switch (activation) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case LEAKY_RELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
        };
    }

    /** He initialisation for the ReLU family, Xavier for the rest. */
    static WeightInit weightInit(Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU, ELU -> WeightInit.RELU;
            case TANH, SIGMOID, IDENTITY -> WeightInit.XAVIER;
        };
    }
}
