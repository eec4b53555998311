package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Max pooling in a {@link ChainBackprop}: each output pixel's channel is the largest value of its window (places outside
 * the image left out); it remembers which input value that was, and backwards passes the error to that value alone.
 * Writes its output pixel by pixel ({@link ImageLayout#channelsLast()}).
 *
 * <p>Right after a convolution it also does the convolution's bias and activation ({@link #takeActivationOf}): every
 * activation LayerLab computes never decreases, so the largest of {@code f(z + b)} over a window is
 * {@code f(max z + b)}. Done on the pooled values, that is a quarter of the work for a 2×2 window, and the
 * convolution's large output is read once instead of three times — it was most of a LeNet step. The winner is the
 * same place as DL4J's unless two values differ before the bias or activation and not after it (rounding, or a ReLU
 * at zero, where the error is zero anyway): then DL4J's first one wins and here the larger.
 */
final class MaxPoolingStage extends ChainStage {

    /** The arrays of one minibatch size, in Java's memory: the rows of input under a row of windows, the output,
     *  which value won, the error. */
    private record Scratch(float[] band, float[] pooled, int[] chosen, float[] outputError) {
    }

    private final ImageLayout in;
    private final Window window;
    private final Map<Integer, Scratch> scratchByRows = new HashMap<>();
    /** The convolution's, when this stage applies its bias and activation; otherwise identity and no bias. */
    private Activation activation = Activation.IDENTITY;
    private NativeFloats bias;
    private NativeFloats biasGradient;

    MaxPoolingStage(ImageLayout in, Window window) {
        this.in = in;
        this.window = window;
    }

    /**
     * Makes this stage add the convolution's biases and apply its activation after pooling, and compute the biases'
     * gradient; the convolution then leaves its output as the bare product ({@link ConvolutionStage#leaveActivationToNextStage}).
     */
    void takeActivationOf(ConvolutionStage convolution) {
        this.activation = convolution.activation();
        this.bias = convolution.bias();
        this.biasGradient = convolution.biasGradient();
        convolution.leaveActivationToNextStage();
    }

    /** The layout of this stage's output: the input's channels, pixel by pixel. */
    ImageLayout outputLayout() {
        return new ImageLayout(in.channels(), window.outputHeight(), window.outputWidth(), true);
    }

    @Override
    int inputWidth() {
        return in.size();
    }

    @Override
    int outputWidth() {
        return in.channels() * window.outputHeight() * window.outputWidth();
    }

    @Override
    boolean readsInputFloats() {
        return true;
    }

    private Scratch scratchFor(int rows) {
        return scratchByRows.computeIfAbsent(rows, r -> new Scratch(
                new float[window.kernelHeight() * in.width() * in.channels()], new float[r * outputWidth()],
                new int[r * outputWidth()], new float[r * outputWidth()]));
    }

    @Override
    void forward(Signal input, Signal output, int rows) {
        Scratch scratch = scratchFor(rows);
        float[] band = scratch.band();
        float[] pooled = scratch.pooled();
        int[] chosen = scratch.chosen();
        FloatBuffer images = input.valueFloats();
        int channels = in.channels();
        int width = in.width();
        // Where a value lies in the band: the image's rows under one row of windows, in the image's own layout.
        int bandRowStride = in.channelsLast() ? width * channels : width;
        int bandColumnStride = in.channelsLast() ? channels : 1;
        int bandChannelStride = in.channelsLast() ? 1 : window.kernelHeight() * width;
        int o = 0;
        for (int n = 0; n < rows; n++) {
            int image = n * in.size();
            for (int oy = 0; oy < window.outputHeight(); oy++) {
                int y0 = oy * window.strideHeight() - window.padTop();
                int top = Math.max(0, y0);
                int bottom = Math.min(in.height(), y0 + window.kernelHeight());
                copyBand(images, image, top, bottom, band);
                for (int ox = 0; ox < window.outputWidth(); ox++, o += channels) {
                    int x0 = ox * window.strideWidth() - window.padLeft();
                    int left = Math.max(0, x0);
                    int right = Math.min(width, x0 + window.kernelWidth());
                    for (int y = top; y < bottom; y++) {
                        for (int x = left; x < right; x++) {
                            int inBand = (y - top) * bandRowStride + x * bandColumnStride;
                            int place = image + y * in.rowStride() + x * in.columnStride();
                            if (y == top && x == left) {
                                for (int c = 0; c < channels; c++) {
                                    pooled[o + c] = band[inBand + c * bandChannelStride];
                                    chosen[o + c] = place + c * in.channelStride();
                                }
                                continue;
                            }
                            for (int c = 0; c < channels; c++) {
                                float value = band[inBand + c * bandChannelStride];
                                float best = pooled[o + c];
                                // Without a branch (which of two values is larger is a coin toss the processor
                                // mispredicts half the time: this loop took 3 ms a LeNet minibatch): `larger` is 1
                                // when value > best, from the sign of best − value, so of equal values the first
                                // wins, as in DL4J (except −0 after +0 and two equal infinities, where the later
                                // one does). A NaN stays in the output (Math.max), so a diverging run shows.
                                int larger = Float.floatToRawIntBits(best - value) >>> 31;
                                pooled[o + c] = Math.max(best, value);
                                chosen[o + c] += larger * (place + c * in.channelStride() - chosen[o + c]);
                            }
                        }
                    }
                }
            }
        }
        int count = rows * outputWidth();
        if (bias != null || activation != Activation.IDENTITY) {
            FloatBuffer pooledValues = FloatBuffer.wrap(pooled, 0, count);
            addBiasAndActivate(pooledValues, bias, activation, count / channels, channels);
        }
        output.valueFloats().put(0, pooled, 0, count);
    }

    /** Image rows {@code top..bottom} (all their columns and channels) into {@code band}, in the image's layout. */
    private void copyBand(FloatBuffer images, int image, int top, int bottom, float[] band) {
        if (in.channelsLast()) {
            images.get(image + top * in.rowStride(), band, 0, (bottom - top) * in.rowStride());
            return;
        }
        int plane = in.height() * in.width();
        int bandPlane = window.kernelHeight() * in.width();
        for (int c = 0; c < in.channels(); c++) {
            images.get(image + c * plane + top * in.width(), band, c * bandPlane, (bottom - top) * in.width());
        }
    }

    @Override
    void backward(Signal input, Signal output, int rows, boolean needInputError) {
        if (!needInputError) {
            return; // no parameters: only the error at the input is wanted
        }
        Scratch scratch = scratchFor(rows);
        int count = rows * outputWidth();
        float[] outputError = scratch.outputError();
        int[] chosen = scratch.chosen();
        output.errorValues().get(0, outputError, 0, count);
        if (activation != Activation.IDENTITY) {
            throughActivation(FloatBuffer.wrap(outputError, 0, count), FloatBuffer.wrap(scratch.pooled(), 0, count),
                    activation, count);
        }
        if (biasGradient != null) {
            sumRows(FloatBuffer.wrap(outputError, 0, count), biasGradient.values(), count / in.channels(),
                    in.channels());
        }
        // Only the winners get an error: clear the rest, then add each window's error to its winner.
        FloatBuffer inputError = input.errorFloats();
        zero(inputError, 0, rows * in.size());
        for (int o = 0; o < count; o++) {
            int place = chosen[o];
            inputError.put(place, inputError.get(place) + outputError[o]);
        }
    }
}
