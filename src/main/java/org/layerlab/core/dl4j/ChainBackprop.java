package org.layerlab.core.dl4j;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.ReshapeVertex;
import org.layerlab.core.dl4j.ChainStage.Activation;
import org.layerlab.core.dl4j.ChainStage.ImageLayout;
import org.layerlab.core.dl4j.ChainStage.Signal;
import org.layerlab.core.dl4j.ChainStage.Window;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The forward and backward pass of a network that is a chain of layers LayerLab computes itself — Dense layers,
 * 2D convolutions, max pooling, the reshapes of an image Input and a Flatten — ending in an Output layer (every MLP,
 * the LeNet and small CNN templates), computing what DL4J's {@code ComputationGraph.computeGradientAndScore()}
 * computes: the gradient of every weight and bias, summed over the minibatch, in the network's gradient array, and
 * the minibatch's score. Each product is one native matrix multiplication (a convolution too: {@link ConvolutionStage});
 * the element-wise work (bias, activation and its derivative, pooling, softmax, the loss and its gradient, the bias
 * gradients) is plain Java loops over the arrays' memory. See docs/decisions/0021 and 0028.
 *
 * <p>Why: DL4J runs each layer as a dozen native operations, each of which costs tens of microseconds whatever the
 * size of its arrays, and it multiplies some matrices twice (the output layer's pre-activation for the score, every
 * layer's for its backward pass) and the first layer's input gradient, which nothing needs; its convolutions (on
 * oneDNN) convert layouts and build oneDNN's primitives on every call. For the MNIST MLP and LeNet that overhead was
 * most of the training step.
 *
 * <p>Layers taken: Dense and Convolution with ReLU, tanh, sigmoid or identity ("no padding" or "same size", any
 * stride), max pooling, and an Output layer with softmax and multi-class cross-entropy or identity and mean squared
 * error, with or without biases; L1/L2 count in the score as DL4J counts them (the updater adds their gradient).
 * {@link #forNetwork} returns null for anything else — dropout, weight noise, constraints, layer normalisation,
 * preprocessors, branches, dilation, average pooling, other layers or losses — and DL4J does those.
 */
final class ChainBackprop {

    private enum Loss { SOFTMAX_CROSS_ENTROPY, MEAN_SQUARED_ERROR }

    private final ComputationGraph network;
    private final List<ChainStage> stages;
    private final Loss loss;
    private final float softmaxClip;
    private final Map<Integer, List<Signal>> signalsByRows = new HashMap<>();

    private ChainBackprop(ComputationGraph network, List<ChainStage> stages, Loss loss, float softmaxClip) {
        this.network = network;
        this.stages = stages;
        this.loss = loss;
        this.softmaxClip = softmaxClip;
    }

    /** The pass for {@code network}, or null when it is not a chain of layers this class computes. */
    static ChainBackprop forNetwork(ComputationGraph network) {
        if (network.getNumInputArrays() != 1 || network.getNumOutputArrays() != 1 || network.numParams() == 0) {
            return null;
        }
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        GraphVertex[] vertices = network.getVertices();
        List<ChainStage> stages = new ArrayList<>();
        Loss loss = null;
        float clip = 0;
        ImageLayout image = null; // null while the rows are flat
        int previous = -1;
        for (int index : network.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (vertex.isInputVertex()) {
                if (previous != -1) {
                    return null;
                }
                previous = index;
                continue;
            }
            if (vertex.getInputVertices() == null || vertex.getInputVertices().length != 1
                    || vertex.getInputVertices()[0].getVertexIndex() != previous || loss != null) {
                return null;
            }
            previous = index;
            if (vertex instanceof ReshapeVertex) {
                var conf = network.getConfiguration().getVertices().get(vertex.getVertexName());
                if (!(conf instanceof org.deeplearning4j.nn.conf.graph.ReshapeVertex reshape)
                        || reshape.getReshapeOrder() != 'c' || reshape.getMaskShape() != null) {
                    return null;
                }
                int[] shape = reshape.getNewShape();
                if (image == null && shape.length == 4 && shape[0] == -1) {
                    // The flat rows read as images channel by channel: the same memory, nothing to do.
                    image = new ImageLayout(shape[1], shape[2], shape[3], shape[1] == 1);
                    if (!stages.isEmpty() && stages.get(stages.size() - 1).outputWidth() != image.size()) {
                        return null;
                    }
                } else if (image != null && shape.length == 2 && shape[0] == -1 && shape[1] == image.size()) {
                    if (image.channelsLast() && image.channels() > 1) {
                        stages.add(new ChannelsFirstStage(image));
                    }
                    image = null;
                } else {
                    return null;
                }
                continue;
            }
            if (!(vertex instanceof LayerVertex layerVertex) || layerVertex.getLayerPreProcessor() != null) {
                return null;
            }
            Layer layer = layerVertex.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (conf.getIDropout() != null || (conf.getConstraints() != null && !conf.getConstraints().isEmpty())) {
                return null;
            }
            if (conf.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer pool = (SubsamplingLayer) conf;
                if (image == null || pool.getPoolingType() != PoolingType.MAX
                        || pool.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                    return null;
                }
                Window window = Window.of(image.height(), image.width(), pool.getKernelSize(), pool.getStride(),
                        pool.getPadding(), pool.getDilation(), pool.getConvolutionMode());
                if (window == null) {
                    return null;
                }
                MaxPoolingStage stage = new MaxPoolingStage(image, window);
                if (!stages.isEmpty() && stages.get(stages.size() - 1) instanceof ConvolutionStage convolution) {
                    stage.takeActivationOf(convolution);
                }
                stages.add(stage);
                image = stage.outputLayout();
                continue;
            }
            if (!(conf instanceof BaseLayer base) || base.getWeightNoise() != null
                    || layer.getParam("W") == null || layer.getParam("W").dataType() != DataType.FLOAT) {
                return null;
            }
            Map<String, INDArray> gradients = conf.initializer()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
            INDArray weights = layer.getParam("W");
            INDArray bias = layer.getParam("b");
            INDArray weightGradient = gradients.get("W");
            INDArray biasGradient = bias == null ? null : gradients.get("b");
            if (conf.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer convolution = (ConvolutionLayer) conf;
                Activation activation = ChainStage.activationOf(base.getActivationFn());
                if (image == null || activation == null || convolution.getCnn2dDataFormat() != CNN2DFormat.NCHW
                        || weights.rank() != 4 || weights.size(1) != image.channels()) {
                    return null;
                }
                Window window = Window.of(image.height(), image.width(), convolution.getKernelSize(),
                        convolution.getStride(), convolution.getPadding(), convolution.getDilation(),
                        convolution.getConvolutionMode());
                if (window == null) {
                    return null;
                }
                ConvolutionStage stage = new ConvolutionStage(image, window, weights, bias, weightGradient,
                        biasGradient, activation);
                stages.add(stage);
                image = stage.outputLayout();
                continue;
            }
            if (image != null) {
                return null; // a Dense layer reads flat rows
            }
            Activation activation;
            if (conf.getClass() == DenseLayer.class) {
                if (((DenseLayer) conf).hasLayerNorm()) {
                    return null;
                }
                activation = ChainStage.activationOf(base.getActivationFn());
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
            if (activation == null || weights.rank() != 2) {
                return null;
            }
            stages.add(new DenseStage(weights, bias, weightGradient, biasGradient, activation));
        }
        if (loss == null || stages.isEmpty()) {
            return null;
        }
        return new ChainBackprop(network, stages, loss, clip);
    }

    /**
     * Whether a minibatch of {@code rows} rows fits the chain's arrays: each is read through a Java buffer, whose
     * indices stop at 2³¹ bytes (a convolution's windows of a large minibatch of large images can be more).
     */
    boolean canTake(int rows) {
        return stages.stream().allMatch(stage -> stage.largestArray(rows) <= Integer.MAX_VALUE / Float.BYTES);
    }

    /** Whether the chain has a convolution or pooling (else it is all Dense layers). */
    boolean hasImageStages() {
        return stages.stream().anyMatch(stage -> !(stage instanceof DenseStage));
    }

    /**
     * Fills the network's gradient array for this minibatch ({@code features}: rows × inputs; {@code labels}: rows ×
     * outputs, one-hot classes or regression targets) and returns its score: the loss averaged over the rows, plus the
     * network's L1/L2 penalty, as DL4J scores it.
     */
    double computeGradientAndScore(INDArray features, INDArray labels) {
        int rows = (int) features.size(0);
        List<Signal> signals = signalsFor(rows);
        Signal input = Signal.input(features, stages.get(0).readsInputFloats());
        Signal current = input;
        for (int s = 0; s < stages.size(); s++) {
            stages.get(s).forward(current, signals.get(s), rows);
            current = signals.get(s);
        }

        NativeFloats target = NativeFloats.of(labels.dataType() == DataType.FLOAT && labels.ordering() == 'c'
                && labels.elementWiseStride() == 1 ? labels : labels.castTo(DataType.FLOAT).dup('c'));
        int outputs = stages.get(stages.size() - 1).outputWidth();
        double lossSum = lossAndItsGradient(current.valueFloats(), target.values(), rows, outputs);

        // Backwards: each stage turns the error at its output into its gradients and the error at its input.
        for (int s = stages.size() - 1; s >= 0; s--) {
            stages.get(s).backward(s == 0 ? input : signals.get(s - 1), signals.get(s), rows, s > 0);
        }
        // A float buffer over ND4J's memory does not keep its array alive; copies made here (labels or features in
        // another type or order) must stay until the last read, or the collector may free their memory under it.
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(input);
        double score = lossSum / (network.conf().isMiniBatch() ? rows : 1);
        return score + network.calcRegularizationScore(true);
    }

    /** Each stage's output (the last one's error is its output, which the loss overwrites), made once per size. */
    private List<Signal> signalsFor(int rows) {
        return signalsByRows.computeIfAbsent(rows, r -> {
            List<Signal> signals = new ArrayList<>();
            for (int s = 0; s < stages.size(); s++) {
                signals.add(Signal.allocate(r, stages.get(s).outputWidth(), s == stages.size() - 1));
            }
            return signals;
        });
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

}
