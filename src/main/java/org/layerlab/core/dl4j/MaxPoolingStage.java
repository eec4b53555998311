package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Max pooling in a {@link ChainBackprop}: each output pixel's channel is the largest value of its window (places outside
 * the image left out); it remembers which input value that was, and backwards passes the error to that value alone.
 * Writes its output pixel by pixel ({@link ImageLayout#channelsLast()}).
 */
final class MaxPoolingStage extends ChainStage {
    private final ImageLayout in;
    private final Window window;
    private final Map<Integer, int[]> chosenByRows = new HashMap<>();
    private final Map<Integer, float[]> inputErrorByRows = new HashMap<>();

    MaxPoolingStage(ImageLayout in, Window window) {
        this.in = in;
        this.window = window;
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

    @Override
    void forward(Signal input, Signal output, int rows) {
        FloatBuffer images = input.valueFloats();
        FloatBuffer pooled = output.valueFloats();
        int[] chosen = chosenByRows.computeIfAbsent(rows, r -> new int[r * outputWidth()]);
        int channels = in.channels();
        float[] best = new float[channels];
        int[] where = new int[channels];
        int o = 0;
        for (int n = 0; n < rows; n++) {
            int image = n * in.size();
            for (int oy = 0; oy < window.outputHeight(); oy++) {
                int y0 = oy * window.strideHeight() - window.padTop();
                for (int ox = 0; ox < window.outputWidth(); ox++) {
                    int x0 = ox * window.strideWidth() - window.padLeft();
                    Arrays.fill(best, Float.NEGATIVE_INFINITY);
                    Arrays.fill(where, -1);
                    for (int i = 0; i < window.kernelHeight(); i++) {
                        int y = y0 + i;
                        if (y < 0 || y >= in.height()) {
                            continue;
                        }
                        for (int j = 0; j < window.kernelWidth(); j++) {
                            int x = x0 + j;
                            if (x < 0 || x >= in.width()) {
                                continue;
                            }
                            int pixel = image + y * in.rowStride() + x * in.columnStride();
                            for (int c = 0; c < channels; c++) {
                                int place = pixel + c * in.channelStride();
                                float value = images.get(place);
                                // The first largest value wins; a NaN wins and stays, so a diverging run shows.
                                if (where[c] < 0 || value > best[c] || (value != value && best[c] == best[c])) {
                                    best[c] = value;
                                    where[c] = place;
                                }
                            }
                        }
                    }
                    for (int c = 0; c < channels; c++, o++) {
                        pooled.put(o, best[c]);
                        chosen[o] = where[c];
                    }
                }
            }
        }
    }

    @Override
    void backward(Signal input, Signal output, int rows, boolean needInputError) {
        if (!needInputError) {
            return; // no parameters: only the error at the input is wanted
        }
        int length = rows * in.size();
        float[] inputError = inputErrorByRows.computeIfAbsent(rows, r -> new float[r * in.size()]);
        Arrays.fill(inputError, 0, length, 0f);
        int[] chosen = chosenByRows.get(rows);
        FloatBuffer error = output.errorValues();
        for (int o = 0, count = rows * outputWidth(); o < count; o++) {
            inputError[chosen[o]] += error.get(o);
        }
        input.errorFloats().put(0, inputError, 0, length);
    }
}
