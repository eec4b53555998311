package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;

/**
 * Puts images written pixel by pixel back channel by channel, as DL4J's Flatten (a 'c'-order reshape of
 * {@code [channels, height, width]}) hands them to the Dense layer after it, whose weights expect that order.
 * Backwards, the reverse copy of the error.
 */
final class ChannelsFirstStage extends ChainStage {
    private final ImageLayout in;

    /** {@code in} must be pixel by pixel ({@link ImageLayout#channelsLast()}). */
    ChannelsFirstStage(ImageLayout in) {
        if (!in.channelsLast()) {
            throw new IllegalArgumentException("The images are already channel by channel");
        }
        this.in = in;
    }

    @Override
    int inputWidth() {
        return in.size();
    }

    @Override
    int outputWidth() {
        return in.size();
    }

    @Override
    boolean readsInputFloats() {
        return true;
    }

    @Override
    void forward(Signal input, Signal output, int rows) {
        reorder(input.valueFloats(), output.valueFloats(), rows, true);
    }

    @Override
    void backward(Signal input, Signal output, int rows, boolean needInputError) {
        if (needInputError) {
            reorder(output.errorValues(), input.errorFloats(), rows, false);
        }
    }

    private void reorder(FloatBuffer from, FloatBuffer to, int rows, boolean toChannelsFirst) {
        int channels = in.channels();
        int pixels = in.height() * in.width();
        for (int n = 0; n < rows; n++) {
            int image = n * in.size();
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < channels; c++) {
                    int last = image + p * channels + c;
                    int first = image + c * pixels + p;
                    if (toChannelsFirst) {
                        to.put(first, from.get(last));
                    } else {
                        to.put(last, from.get(first));
                    }
                }
            }
        }
    }
}
