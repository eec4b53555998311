package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Dense or Output layer of a {@link ChainBackprop}: {@code output = activation(input × W + b)} as one native matrix
 * product and a Java loop; backwards, two products (the weights' gradient and, when wanted, the input's error).
 */
final class DenseStage extends ChainStage {
    private final int in;
    private final int out;
    private final INDArray weights;
    private final NativeFloats bias;
    private final INDArray weightGradient;
    private final NativeFloats biasGradient;
    private final Activation activation;

    /**
     * @param weights        the layer's {@code in × out} weights (DL4J's 'f' order view of the parameters)
     * @param bias           its biases, or null when it has none
     * @param weightGradient where the weights' gradient goes (the network's gradient array)
     * @param biasGradient   where the biases' gradient goes, or null
     * @param activation     the activation; identity for an Output layer, whose loss the chain computes
     */
    DenseStage(INDArray weights, INDArray bias, INDArray weightGradient, INDArray biasGradient,
               Activation activation) {
        this.in = (int) weights.size(0);
        this.out = (int) weights.size(1);
        this.weights = weights;
        this.bias = bias == null ? null : NativeFloats.of(bias);
        this.weightGradient = weightGradient;
        this.biasGradient = biasGradient == null ? null : NativeFloats.of(biasGradient);
        this.activation = activation;
    }

    @Override
    int inputWidth() {
        return in;
    }

    @Override
    int outputWidth() {
        return out;
    }

    @Override
    boolean readsInputFloats() {
        return false;
    }

    @Override
    void forward(Signal input, Signal output, int rows) {
        MatrixProduct.multiply(input.values(), false, weights, false, output.values());
        addBiasAndActivate(output.valueFloats(), bias, activation, rows, out);
    }

    @Override
    void backward(Signal input, Signal output, int rows, boolean needInputError) {
        FloatBuffer error = output.errorValues();
        throughActivation(error, output.valueFloats(), activation, rows * out);
        MatrixProduct.multiply(input.values(), true, output.error(), false, weightGradient);
        if (biasGradient != null) {
            sumRows(error, biasGradient.values(), rows, out);
        }
        if (needInputError) {
            // Nothing needs the error at the network's input, so the first stage never computes it.
            MatrixProduct.multiply(output.error(), false, weights, true, input.error());
        }
    }
}
