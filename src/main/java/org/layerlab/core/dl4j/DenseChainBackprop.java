package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The forward and backward pass of a network that is a chain of Dense layers ending in an Output layer (every MLP:
 * the MLP template, the default network of a table), computing what DL4J's
 * {@code ComputationGraph.computeGradientAndScore()} computes — the gradient of every weight and bias, summed over the
 * minibatch, in the network's gradient array, and the minibatch's score — with one native matrix multiplication per
 * product and the element-wise work (bias, activation and its derivative, softmax, the loss and its gradient, the
 * bias gradients) as plain Java loops over the arrays' memory ({@link NativeFloats}). See docs/decisions/0021.
 *
 * <p>Why: DL4J runs each layer as a dozen native operations, each of which costs tens of microseconds whatever the
 * size of its arrays, and it multiplies some matrices twice (the output layer's pre-activation for the score, every
 * layer's for its backward pass) and the first layer's input gradient, which nothing needs. For the MNIST MLP that
 * overhead was most of the training step.
 *
 * <p>Layers taken: Dense with ReLU, tanh, sigmoid or identity, and an Output layer with softmax and multi-class
 * cross-entropy or identity and mean squared error, with or without biases; L1/L2 count in the score as DL4J counts
 * them (the updater adds their gradient). {@link #forNetwork} returns null for anything else — dropout, weight noise,
 * constraints, layer normalisation, preprocessors, branches, other layers or losses — and DL4J does those.
 */
final class DenseChainBackprop {

    private enum Activation { RELU, TANH, SIGMOID, IDENTITY }

    private enum Loss { SOFTMAX_CROSS_ENTROPY, MEAN_SQUARED_ERROR }

    /** One layer of the chain: its weights ({@code in × out}, DL4J's 'f' order) and where its gradients go. */
    private record Stage(int in, int out, INDArray weights, NativeFloats bias, INDArray weightGradient,
                         NativeFloats biasGradient, Activation activation) {
    }

    /** The arrays of one minibatch size: each stage's output, and the error signal flowing back into it. */
    private record Buffers(List<INDArray> outputs, List<NativeFloats> outputValues, List<INDArray> errors,
                           List<NativeFloats> errorValues) {
    }

    private final ComputationGraph network;
    private final List<Stage> stages;
    private final Loss loss;
    private final float softmaxClip;
    private final Map<Integer, Buffers> buffersByRows = new HashMap<>();

    private DenseChainBackprop(ComputationGraph network, List<Stage> stages, Loss loss, float softmaxClip) {
        this.network = network;
        this.stages = stages;
        this.loss = loss;
        this.softmaxClip = softmaxClip;
    }

    /** The pass for {@code network}, or null when it is not a plain chain of Dense layers and an Output layer. */
    static DenseChainBackprop forNetwork(ComputationGraph network) {
        if (network.getNumInputArrays() != 1 || network.getNumOutputArrays() != 1 || network.numParams() == 0) {
            return null;
        }
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        GraphVertex[] vertices = network.getVertices();
        int[] order = network.topologicalSortOrder();
        List<Stage> stages = new ArrayList<>();
        Loss loss = null;
        float clip = 0;
        int previous = -1;
        for (int index : order) {
            GraphVertex vertex = vertices[index];
            if (vertex.isInputVertex()) {
                if (previous != -1) {
                    return null;
                }
                previous = index;
                continue;
            }
            if (!(vertex instanceof LayerVertex layerVertex) || layerVertex.getLayerPreProcessor() != null
                    || vertex.getInputVertices() == null || vertex.getInputVertices().length != 1
                    || vertex.getInputVertices()[0].getVertexIndex() != previous || loss != null) {
                return null;
            }
            Layer layer = layerVertex.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!(conf instanceof BaseLayer base) || conf.getIDropout() != null || base.getWeightNoise() != null
                    || (conf.getConstraints() != null && !conf.getConstraints().isEmpty())
                    || layer.getParam(DefaultParamInitializer.WEIGHT_KEY) == null
                    || layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() != DataType.FLOAT) {
                return null;
            }
            Activation activation;
            if (conf.getClass() == DenseLayer.class) {
                if (((DenseLayer) conf).hasLayerNorm()) {
                    return null;
                }
                activation = activationOf(base.getActivationFn());
            } else if (conf.getClass() == OutputLayer.class) {
                ILossFunction lossFunction = ((OutputLayer) conf).getLossFn();
                IActivation output = base.getActivationFn();
                if (lossFunction instanceof LossMCXENT crossEntropy && lossFunction.getClass() == LossMCXENT.class
                        && crossEntropy.getWeights() == null && output instanceof ActivationSoftmax) {
                    loss = Loss.SOFTMAX_CROSS_ENTROPY;
                    clip = (float) crossEntropy.getSoftmaxClipEps();
                    activation = Activation.IDENTITY;
                } else if (lossFunction instanceof LossMSE squared && squared.getWeights() == null
                        && output instanceof ActivationIdentity) {
                    loss = Loss.MEAN_SQUARED_ERROR;
                    activation = Activation.IDENTITY;
                } else {
                    return null;
                }
            } else {
                return null;
            }
            if (activation == null) {
                return null;
            }
            Map<String, INDArray> gradients = DefaultParamInitializer.getInstance()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
            INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray bias = layer.getParam(DefaultParamInitializer.BIAS_KEY);
            stages.add(new Stage((int) weights.size(0), (int) weights.size(1), weights,
                    bias == null ? null : NativeFloats.of(bias),
                    gradients.get(DefaultParamInitializer.WEIGHT_KEY),
                    bias == null ? null : NativeFloats.of(gradients.get(DefaultParamInitializer.BIAS_KEY)),
                    activation));
            previous = index;
        }
        if (loss == null || stages.isEmpty()) {
            return null;
        }
        return new DenseChainBackprop(network, stages, loss, clip);
    }

    private static Activation activationOf(IActivation activation) {
        if (activation instanceof ActivationReLU relu && relu.getClass() == ActivationReLU.class) {
            return relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null
                    ? Activation.RELU : null;
        }
        if (activation.getClass() == ActivationTanH.class) {
            return Activation.TANH;
        }
        if (activation.getClass() == ActivationSigmoid.class) {
            return Activation.SIGMOID;
        }
        if (activation.getClass() == ActivationIdentity.class) {
            return Activation.IDENTITY;
        }
        return null;
    }

    /**
     * Fills the network's gradient array for this minibatch ({@code features}: rows × inputs; {@code labels}: rows ×
     * outputs, one-hot classes or regression targets) and returns its score: the loss averaged over the rows, plus the
     * network's L1/L2 penalty, as DL4J scores it.
     */
    double computeGradientAndScore(INDArray features, INDArray labels) {
        int rows = (int) features.size(0);
        Buffers buffers = buffersFor(rows);
        INDArray input = features;
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            INDArray output = buffers.outputs().get(s);
            Nd4j.gemm(input, stage.weights(), output, false, false, 1.0, 0.0);
            addBiasAndActivate(buffers.outputValues().get(s).values(), stage, rows);
            input = output;
        }

        Stage last = stages.get(stages.size() - 1);
        NativeFloats target = NativeFloats.of(labels.dataType() == DataType.FLOAT && labels.ordering() == 'c'
                && labels.elementWiseStride() == 1 ? labels : labels.castTo(DataType.FLOAT).dup('c'));
        double lossSum = lossAndItsGradient(buffers.outputValues().get(stages.size() - 1).values(),
                target.values(), rows, last.out());

        // Backwards: delta holds dLoss/dPreActivation of stage s (first the output stage's, in its output buffer).
        INDArray delta = buffers.outputs().get(stages.size() - 1);
        FloatBuffer deltaValues = buffers.outputValues().get(stages.size() - 1).values();
        for (int s = stages.size() - 1; s >= 0; s--) {
            Stage stage = stages.get(s);
            INDArray stageInput = s == 0 ? features : buffers.outputs().get(s - 1);
            Nd4j.gemm(stageInput, delta, stage.weightGradient(), true, false, 1.0, 0.0);
            if (stage.biasGradient() != null) {
                sumRows(deltaValues, stage.biasGradient().values(), rows, stage.out());
            }
            if (s > 0) {
                // The error arriving at the previous stage's output, then back through its activation. (Nothing
                // needs the error at the network's input, so it is never computed.)
                INDArray error = buffers.errors().get(s - 1);
                FloatBuffer errorValues = buffers.errorValues().get(s - 1).values();
                Nd4j.gemm(delta, stage.weights(), error, false, true, 1.0, 0.0);
                throughActivation(errorValues, buffers.outputValues().get(s - 1).values(),
                        stages.get(s - 1).activation(), rows * stages.get(s - 1).out());
                delta = error;
                deltaValues = errorValues;
            }
        }
        double score = lossSum / (network.conf().isMiniBatch() ? rows : 1);
        return score + network.calcRegularizationScore(true);
    }

    /** The arrays for minibatches of {@code rows} rows, made once per size outside any workspace. */
    private Buffers buffersFor(int rows) {
        return buffersByRows.computeIfAbsent(rows, r -> {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                List<INDArray> outputs = new ArrayList<>();
                List<NativeFloats> outputValues = new ArrayList<>();
                List<INDArray> errors = new ArrayList<>();
                List<NativeFloats> errorValues = new ArrayList<>();
                for (Stage stage : stages) {
                    INDArray output = Nd4j.create(DataType.FLOAT, new long[] {r, stage.out()}, 'c');
                    outputs.add(output);
                    outputValues.add(NativeFloats.of(output));
                    INDArray error = Nd4j.create(DataType.FLOAT, new long[] {r, stage.out()}, 'c');
                    errors.add(error);
                    errorValues.add(NativeFloats.of(error));
                }
                return new Buffers(outputs, outputValues, errors, errorValues);
            }
        });
    }

    /** {@code z += b} per row, then the activation, in place. */
    private static void addBiasAndActivate(FloatBuffer z, Stage stage, int rows) {
        int columns = stage.out();
        FloatBuffer bias = stage.bias() == null ? null : stage.bias().values();
        for (int r = 0; r < rows; r++) {
            int offset = r * columns;
            for (int c = 0; c < columns; c++) {
                float value = z.get(offset + c);
                if (bias != null) {
                    value += bias.get(c);
                }
                z.put(offset + c, switch (stage.activation()) {
                    case RELU -> value > 0f ? value : 0f;
                    case TANH -> (float) Math.tanh(value);
                    case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-value)));
                    case IDENTITY -> value;
                });
            }
        }
    }

    /**
     * Turns the output stage's pre-activations into dLoss/dPreActivation for every row (not averaged: DL4J's updater
     * divides by the minibatch size) and returns the loss summed over the rows.
     */
    private double lossAndItsGradient(FloatBuffer z, FloatBuffer labels, int rows, int columns) {
        double sum = 0;
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            for (int r = 0; r < rows; r++) {
                int offset = r * columns;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < columns; c++) {
                    max = Math.max(max, z.get(offset + c));
                }
                double total = 0;
                for (int c = 0; c < columns; c++) {
                    float e = (float) Math.exp(z.get(offset + c) - max);
                    z.put(offset + c, e);
                    total += e;
                }
                for (int c = 0; c < columns; c++) {
                    float p = (float) (z.get(offset + c) / total);
                    float y = labels.get(offset + c);
                    if (y != 0f) {
                        float clipped = Math.min(Math.max(p, softmaxClip), 1f - softmaxClip);
                        sum -= y * Math.log(clipped);
                    }
                    z.put(offset + c, p - y);
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int offset = r * columns;
                for (int c = 0; c < columns; c++) {
                    float difference = z.get(offset + c) - labels.get(offset + c);
                    sum += (double) difference * difference / columns;
                    z.put(offset + c, 2f * difference / columns);
                }
            }
        }
        return sum;
    }

    /** {@code error *= activation'(output)}, with the derivative written in terms of the activation's output. */
    private static void throughActivation(FloatBuffer error, FloatBuffer output, Activation activation, int length) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < length; i++) {
                    if (!(output.get(i) > 0f)) {
                        error.put(i, 0f);
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < length; i++) {
                    float a = output.get(i);
                    error.put(i, error.get(i) * (1f - a * a));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < length; i++) {
                    float a = output.get(i);
                    error.put(i, error.get(i) * (a * (1f - a)));
                }
            }
            case IDENTITY -> {
            }
        }
    }

    /** {@code target[c] = Σ_r values[r][c]}. */
    private static void sumRows(FloatBuffer values, FloatBuffer target, int rows, int columns) {
        for (int c = 0; c < columns; c++) {
            target.put(c, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int offset = r * columns;
            for (int c = 0; c < columns; c++) {
                target.put(c, target.get(c) + values.get(offset + c));
            }
        }
    }
}
