package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer of a {@link ChainBackprop}: its forward pass over a minibatch and its backward pass (the gradients of its
 * own parameters, in the network's gradient array, and the error at its input). Holds the element-wise arithmetic
 * the stages share, as Java loops over the arrays' memory.
 */
abstract class ChainStage {

    /** The activations a stage computes itself; anything else leaves the network to DL4J. */
    enum Activation { RELU, TANH, SIGMOID, IDENTITY }

    /**
     * The values of one place of the chain for a minibatch — rows × width, 'c' order, in ND4J's memory — and the error
     * flowing back into them (dLoss/dValue), with {@link FloatBuffer}s over both for Java loops. For the network's
     * input the error is null (nothing needs it); for the output stage it is the values themselves (the loss turns
     * the output into its own gradient).
     */
    record Signal(INDArray values, FloatBuffer valueFloats, INDArray error, FloatBuffer errorFloats) {

        /** A new place of {@code rows × width} values and its error, allocated outside any workspace. */
        static Signal allocate(int rows, int width, boolean errorIsValues) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray values = Nd4j.create(DataType.FLOAT, new long[] {rows, width}, 'c');
                INDArray error = errorIsValues ? values : Nd4j.create(DataType.FLOAT, new long[] {rows, width}, 'c');
                return new Signal(values, NativeFloats.of(values).values(), error,
                        errorIsValues ? null : NativeFloats.of(error).values());
            }
        }

        /** The network's input: read, never written; its floats only when a stage reads them from Java. */
        static Signal input(INDArray features, boolean withFloats) {
            INDArray values = features;
            if (withFloats && (features.dataType() != DataType.FLOAT || features.ordering() != 'c'
                    || features.elementWiseStride() != 1)) {
                values = features.castTo(DataType.FLOAT).dup('c');
            }
            return new Signal(values, withFloats ? NativeFloats.of(values).values() : null, null, null);
        }

        /** The error's floats: the values' own where the error is the values. */
        FloatBuffer errorValues() {
            return errorFloats != null ? errorFloats : valueFloats;
        }
    }

    /**
     * How a row holds an image: {@code channels × height × width} values, channel by channel ('c' order of
     * {@code [channels, height, width]}, as DL4J's NCHW and the network's input rows) or pixel by pixel with the
     * channels of each pixel next to each other ({@code channelsLast}, as the chain's convolutions write them, so
     * that a convolution's output is one matrix product's result).
     */
    record ImageLayout(int channels, int height, int width, boolean channelsLast) {
        int size() {
            return channels * height * width;
        }

        /** Distance in memory between neighbouring channels, rows and columns of one image. */
        int channelStride() {
            return channelsLast ? 1 : height * width;
        }

        int rowStride() {
            return channelsLast ? width * channels : width;
        }

        int columnStride() {
            return channelsLast ? channels : 1;
        }
    }

    /**
     * Where a convolution's or pooling's windows lie on an image of {@code height × width}: each output pixel
     * {@code (y, x)} reads rows {@code y·strideHeight − padTop …} and columns {@code x·strideWidth − padLeft …};
     * places outside the image count as zero (convolution) or are left out (max pooling).
     */
    record Window(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft,
                  int outputHeight, int outputWidth) {

        /**
         * The windows DL4J uses for {@code mode} (its "Same" padding puts the odd pixel at the bottom and right), or
         * null for a mode or dilation LayerLab leaves to DL4J.
         */
        static Window of(int height, int width, int[] kernel, int[] stride, int[] padding, int[] dilation,
                         org.deeplearning4j.nn.conf.ConvolutionMode mode) {
            if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
                return null;
            }
            int outHeight;
            int outWidth;
            int top;
            int left;
            if (mode == org.deeplearning4j.nn.conf.ConvolutionMode.Same) {
                outHeight = (height + stride[0] - 1) / stride[0];
                outWidth = (width + stride[1] - 1) / stride[1];
                top = ((outHeight - 1) * stride[0] + kernel[0] - height) / 2;
                left = ((outWidth - 1) * stride[1] + kernel[1] - width) / 2;
            } else if (mode == org.deeplearning4j.nn.conf.ConvolutionMode.Truncate) {
                top = padding == null ? 0 : padding[0];
                left = padding == null ? 0 : padding[1];
                outHeight = (height + 2 * top - kernel[0]) / stride[0] + 1;
                outWidth = (width + 2 * left - kernel[1]) / stride[1] + 1;
            } else {
                return null;
            }
            // Negative padding (a window smaller than its stride, "same size") or padding as wide as a window (a
            // window with nothing of the image in it) are left to DL4J.
            if (outHeight < 1 || outWidth < 1 || top < 0 || left < 0 || top >= kernel[0] || left >= kernel[1]) {
                return null;
            }
            return new Window(kernel[0], kernel[1], stride[0], stride[1], top, left, outHeight, outWidth);
        }
    }

    /** Values per row this stage reads. */
    abstract int inputWidth();

    /** Values per row this stage writes. */
    abstract int outputWidth();

    /** The most values any one array of this stage holds for a minibatch of {@code rows} rows. */
    long largestArray(int rows) {
        return (long) rows * Math.max(inputWidth(), outputWidth());
    }

    /** Whether {@link #forward} reads its input's {@link Signal#valueFloats()} (so the network's input needs them). */
    abstract boolean readsInputFloats();

    /** Computes the stage's output for {@code rows} rows of {@code input}. */
    abstract void forward(Signal input, Signal output, int rows);

    /**
     * From the error at the stage's output ({@code output.error()}, dLoss/dOutput, which this may overwrite), writes
     * the gradients of the stage's parameters and, when {@code needInputError}, the error at its input
     * ({@code input.error()}).
     */
    abstract void backward(Signal input, Signal output, int rows, boolean needInputError);

    /** The activation LayerLab computes for a DL4J activation function, or null for one it leaves to DL4J. */
    static Activation activationOf(IActivation activation) {
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
     * Values per piece of the element-wise loops below. They copy a piece of ND4J's memory into Java arrays (one bulk
     * copy each), compute there and copy it back: over Java arrays the JIT compiles a loop to instructions that take
     * eight values at once, where element by element through a {@link FloatBuffer} each value costs a bounds check and
     * a call. (Measured in docs/performance.md: the Java loops were over half of a LeNet step before.)
     */
    static final int PIECE = 4096;

    /**
     * The Java arrays the element-wise loops copy pieces into, the stage's own: made once, not per call (a step calls
     * them a dozen times, and fresh arrays would fill the young generation a collection every few dozen steps).
     */
    private final float[] firstPiece = new float[PIECE];
    private final float[] secondPiece = new float[PIECE];

    /** {@code own}, or a new array when a piece must be longer (a row wider than {@link #PIECE}). */
    private static float[] atLeast(float[] own, int length) {
        return own.length >= length ? own : new float[length];
    }

    /** {@code z += bias} per row ({@code bias} may be null), then the activation, in place. */
    void addBiasAndActivate(FloatBuffer z, NativeFloats bias, Activation activation, int rows, int columns) {
        int total = rows * columns;
        // Whole rows, so that the tiled biases line up; no more than there is.
        int piece = Math.min(rows, Math.max(1, PIECE / columns)) * columns;
        float[] values = atLeast(firstPiece, piece);
        float[] biases = null;
        if (bias != null) {
            biases = atLeast(secondPiece, piece);
            bias.values().get(0, biases, 0, columns);
            for (int i = columns; i < piece; i++) {
                biases[i] = biases[i - columns];
            }
        }
        for (int start = 0; start < total; start += piece) {
            int length = Math.min(piece, total - start);
            z.get(start, values, 0, length);
            if (biases != null) {
                for (int i = 0; i < length; i++) {
                    values[i] += biases[i];
                }
            }
            switch (activation) {
                case RELU -> {
                    for (int i = 0; i < length; i++) {
                        values[i] = Math.max(values[i], 0f); // vectorises; a NaN stays, so divergence shows
                    }
                }
                case TANH -> {
                    for (int i = 0; i < length; i++) {
                        values[i] = (float) Math.tanh(values[i]);
                    }
                }
                case SIGMOID -> {
                    for (int i = 0; i < length; i++) {
                        values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
                    }
                }
                case IDENTITY -> {
                }
            }
            z.put(start, values, 0, length);
        }
    }

    /** {@code error *= activation'(output)}, with the derivative written in terms of the activation's output. */
    void throughActivation(FloatBuffer error, FloatBuffer output, Activation activation, int length) {
        if (activation == Activation.IDENTITY) {
            return;
        }
        float[] errors = firstPiece;
        float[] outputs = secondPiece;
        for (int start = 0; start < length; start += PIECE) {
            int count = Math.min(PIECE, length - start);
            error.get(start, errors, 0, count);
            output.get(start, outputs, 0, count);
            switch (activation) {
                case RELU -> {
                    // A ReLU's output is +0 or positive (or NaN): the error passes where it is positive. Without a
                    // branch (which units are active is a coin toss the processor mispredicts half the time): for
                    // such an output, its bits minus one are negative exactly when it is +0, and then the mask clears
                    // the error. (A NaN output lets the error through, where DL4J would stop it; the run is lost
                    // either way, and its score says so.)
                    for (int i = 0; i < count; i++) {
                        int keep = ~((Float.floatToRawIntBits(outputs[i]) - 1) >> 31);
                        errors[i] = Float.intBitsToFloat(Float.floatToRawIntBits(errors[i]) & keep);
                    }
                }
                case TANH -> {
                    for (int i = 0; i < count; i++) {
                        errors[i] = errors[i] * (1f - outputs[i] * outputs[i]);
                    }
                }
                case SIGMOID -> {
                    for (int i = 0; i < count; i++) {
                        errors[i] = errors[i] * (outputs[i] * (1f - outputs[i]));
                    }
                }
                default -> {
                }
            }
            error.put(start, errors, 0, count);
        }
    }

    /** {@code target[c] = Σ_r values[r][c]}, adding the rows in order. */
    void sumRows(FloatBuffer values, FloatBuffer target, int rows, int columns) {
        float[] sums = new float[columns];
        int rowsPerPiece = Math.min(rows, Math.max(1, PIECE / columns));
        float[] piece = atLeast(firstPiece, rowsPerPiece * columns);
        for (int first = 0; first < rows; first += rowsPerPiece) {
            int count = Math.min(rowsPerPiece, rows - first);
            values.get(first * columns, piece, 0, count * columns);
            for (int r = 0; r < count; r++) {
                int offset = r * columns;
                for (int c = 0; c < columns; c++) {
                    sums[c] += piece[offset + c];
                }
            }
        }
        target.put(0, sums, 0, columns);
    }

    private static final float[] ZEROS = new float[4096];

    /** Sets {@code length} values from {@code index} to zero. */
    static void zero(FloatBuffer values, int index, int length) {
        for (int done = 0; done < length; done += ZEROS.length) {
            values.put(index + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }
}
