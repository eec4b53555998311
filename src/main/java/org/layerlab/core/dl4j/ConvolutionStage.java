package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2D convolution of a {@link ChainBackprop} as one matrix product: every window of the minibatch's images is copied
 * into a row of a matrix (im2col, a row per output pixel, the window's values pixel by pixel, channels of a pixel
 * together), which times the filters gives every output pixel's channels at once — the output is written pixel by
 * pixel ({@link ImageLayout#channelsLast()}). Backwards, two products: the filters' gradient from the same matrix, and
 * the windows' error, added back onto the input's pixels (col2im).
 *
 * <p>DL4J keeps the filters as {@code [filters, channels, height, width]}; the product wants each filter's values in
 * the windows' order, so the filters are copied into that order each step and their gradient copied back (a few
 * thousand values).
 */
final class ConvolutionStage extends ChainStage {

    /** The arrays of one minibatch size: the windows (and later their error), and the output seen as a matrix. */
    private record Scratch(INDArray windows, FloatBuffer windowFloats, INDArray outputMatrix, INDArray errorMatrix,
                           float[] inputError) {
    }

    private final ImageLayout in;
    private final Window window;
    private final int filters;
    private final int windowSize;
    private final NativeFloats weights;
    private final NativeFloats bias;
    private final NativeFloats weightGradient;
    private final NativeFloats biasGradient;
    private final Activation activation;
    /** Whether a max pooling right after does the bias and activation ({@link MaxPoolingStage#takeActivationOf}). */
    private boolean activationLeftToNextStage;
    private final INDArray filterMatrix;
    private final FloatBuffer filterFloats;
    private final INDArray filterGradientMatrix;
    private final FloatBuffer filterGradientFloats;
    private final Map<Integer, Scratch> scratchByRows = new HashMap<>();

    /**
     * @param in             the input images' layout
     * @param window         where the windows lie
     * @param weights        DL4J's filters, {@code [filters, channels, kernel height, kernel width]}, contiguous
     * @param bias           one bias per filter, or null
     * @param weightGradient where the filters' gradient goes, in DL4J's order
     * @param biasGradient   where the biases' gradient goes, or null
     */
    ConvolutionStage(ImageLayout in, Window window, INDArray weights, INDArray bias, INDArray weightGradient,
                     INDArray biasGradient, Activation activation) {
        this.in = in;
        this.window = window;
        this.filters = (int) weights.size(0);
        this.windowSize = window.kernelHeight() * window.kernelWidth() * in.channels();
        this.weights = NativeFloats.of(weights);
        this.bias = bias == null ? null : NativeFloats.of(bias);
        this.weightGradient = NativeFloats.of(weightGradient);
        this.biasGradient = biasGradient == null ? null : NativeFloats.of(biasGradient);
        this.activation = activation;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.filterMatrix = Nd4j.create(DataType.FLOAT, new long[] {filters, windowSize}, 'c');
            this.filterGradientMatrix = Nd4j.create(DataType.FLOAT, new long[] {filters, windowSize}, 'c');
        }
        this.filterFloats = NativeFloats.of(filterMatrix).values();
        this.filterGradientFloats = NativeFloats.of(filterGradientMatrix).values();
    }

    Activation activation() {
        return activation;
    }

    NativeFloats bias() {
        return bias;
    }

    NativeFloats biasGradient() {
        return biasGradient;
    }

    /** From now on the output is the bare product; the next stage adds the biases and applies the activation. */
    void leaveActivationToNextStage() {
        activationLeftToNextStage = true;
    }

    /** The layout of this stage's output: its filters' channels, pixel by pixel. */
    ImageLayout outputLayout() {
        return new ImageLayout(filters, window.outputHeight(), window.outputWidth(), true);
    }

    @Override
    int inputWidth() {
        return in.size();
    }

    @Override
    int outputWidth() {
        return filters * window.outputHeight() * window.outputWidth();
    }

    @Override
    boolean readsInputFloats() {
        return true;
    }

    @Override
    long largestArray(int rows) {
        return Math.max(super.largestArray(rows), (long) rows * window.outputHeight() * window.outputWidth()
                * windowSize);
    }

    private int pixels(int rows) {
        return rows * window.outputHeight() * window.outputWidth();
    }

    private Scratch scratchFor(int rows, Signal output) {
        return scratchByRows.computeIfAbsent(rows, r -> {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray windows = Nd4j.create(DataType.FLOAT, new long[] {pixels(r), windowSize}, 'c');
                return new Scratch(windows, NativeFloats.of(windows).values(), output.values().reshape('c', pixels(r), filters),
                        output.error().reshape('c', pixels(r), filters), new float[r * in.size()]);
            }
        });
    }

    @Override
    void forward(Signal input, Signal output, int rows) {
        Scratch scratch = scratchFor(rows, output);
        copyFiltersInWindowOrder();
        im2col(input.valueFloats(), scratch.windowFloats(), rows);
        Nd4j.gemm(scratch.windows(), filterMatrix, scratch.outputMatrix(), false, true, 1.0, 0.0);
        if (!activationLeftToNextStage) {
            addBiasAndActivate(output.valueFloats(), bias, activation, pixels(rows), filters);
        }
    }

    @Override
    void backward(Signal input, Signal output, int rows, boolean needInputError) {
        Scratch scratch = scratchFor(rows, output);
        FloatBuffer error = output.errorValues();
        if (!activationLeftToNextStage) {
            throughActivation(error, output.valueFloats(), activation, pixels(rows) * filters);
        }
        Nd4j.gemm(scratch.errorMatrix(), scratch.windows(), filterGradientMatrix, true, false, 1.0, 0.0);
        copyFilterGradientInDl4jOrder();
        if (biasGradient != null && !activationLeftToNextStage) {
            sumRows(error, biasGradient.values(), pixels(rows), filters);
        }
        if (needInputError) {
            // The windows' error replaces the windows, which the filters' gradient no longer needs.
            Nd4j.gemm(scratch.errorMatrix(), filterMatrix, scratch.windows(), false, false, 1.0, 0.0);
            col2im(scratch.windowFloats(), scratch.inputError(), rows);
            input.errorFloats().put(0, scratch.inputError(), 0, rows * in.size());
        }
    }

    /** DL4J's {@code [f, c, i, j]} → the windows' order {@code [f, (i, j, c)]}. */
    private void copyFiltersInWindowOrder() {
        reorderFilters(weights.values(), filterFloats, true);
    }

    /** The windows' order {@code [f, (i, j, c)]} → DL4J's {@code [f, c, i, j]}. */
    private void copyFilterGradientInDl4jOrder() {
        reorderFilters(weightGradient.values(), filterGradientFloats, false);
    }

    /** Copies filters between DL4J's order and the windows' order, in the direction asked. */
    private void reorderFilters(FloatBuffer dl4jOrder, FloatBuffer windowOrder, boolean toWindowOrder) {
        int channels = in.channels();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int place = 0;
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++, place++) {
                        int inWindow = f * windowSize + (i * kw + j) * channels + c;
                        if (toWindowOrder) {
                            windowOrder.put(inWindow, dl4jOrder.get(place));
                        } else {
                            dl4jOrder.put(place, windowOrder.get(inWindow));
                        }
                    }
                }
            }
        }
    }

    /** Copies every window of {@code rows} images into a row of {@code windows} (zeros where it overhangs). */
    private void im2col(FloatBuffer images, FloatBuffer windows, int rows) {
        int channels = in.channels();
        int height = in.height();
        int width = in.width();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int rowStride = in.rowStride();
        int columnStride = in.columnStride();
        int channelStride = in.channelStride();
        int run = kw * channels;
        int row = 0;
        for (int n = 0; n < rows; n++) {
            int image = n * in.size();
            for (int oy = 0; oy < window.outputHeight(); oy++) {
                int y0 = oy * window.strideHeight() - window.padTop();
                for (int ox = 0; ox < window.outputWidth(); ox++, row++) {
                    int x0 = ox * window.strideWidth() - window.padLeft();
                    boolean inside = x0 >= 0 && x0 + kw <= width;
                    for (int i = 0; i < kh; i++) {
                        int y = y0 + i;
                        int k = row * windowSize + i * run;
                        if (y < 0 || y >= height) {
                            zero(windows, k, run);
                        } else if (in.channelsLast() && inside) {
                            // The window's row is kw pixels of all their channels, side by side: one copy.
                            windows.put(k, images, image + y * rowStride + x0 * channels, run);
                        } else {
                            for (int j = 0; j < kw; j++) {
                                int x = x0 + j;
                                int kk = k + j * channels;
                                if (x < 0 || x >= width) {
                                    zero(windows, kk, channels);
                                } else {
                                    int pixel = image + y * rowStride + x * columnStride;
                                    for (int c = 0; c < channels; c++) {
                                        windows.put(kk + c, images.get(pixel + c * channelStride));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds each window's error back onto the pixels it was copied from: the error at the input. */
    private void col2im(FloatBuffer windowErrors, float[] inputError, int rows) {
        Arrays.fill(inputError, 0, rows * in.size(), 0f);
        int channels = in.channels();
        int height = in.height();
        int width = in.width();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int rowStride = in.rowStride();
        int columnStride = in.columnStride();
        int channelStride = in.channelStride();
        float[] windowError = new float[windowSize];
        int row = 0;
        for (int n = 0; n < rows; n++) {
            int image = n * in.size();
            for (int oy = 0; oy < window.outputHeight(); oy++) {
                int y0 = oy * window.strideHeight() - window.padTop();
                for (int ox = 0; ox < window.outputWidth(); ox++, row++) {
                    int x0 = ox * window.strideWidth() - window.padLeft();
                    windowErrors.get(row * windowSize, windowError, 0, windowSize);
                    for (int i = 0; i < kh; i++) {
                        int y = y0 + i;
                        if (y < 0 || y >= height) {
                            continue;
                        }
                        for (int j = 0; j < kw; j++) {
                            int x = x0 + j;
                            if (x < 0 || x >= width) {
                                continue;
                            }
                            int k = (i * kw + j) * channels;
                            int pixel = image + y * rowStride + x * columnStride;
                            for (int c = 0; c < channels; c++) {
                                inputError[pixel + c * channelStride] += windowError[k + c];
                            }
                        }
                    }
                }
            }
        }
    }
}
