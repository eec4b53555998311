package org.layerlab.core.imageio;

/**
 * A decoded image as the network sees it: {@code channels × height × width} values in 0..1, channel-major
 * (DL4J's NCHW layout for one example).
 */
public record Pixels(int channels, int height, int width, float[] values) {
    public Pixels {
        if (values.length != channels * height * width) {
            throw new IllegalArgumentException(values.length + " values for " + channels + "×" + height + "×" + width);
        }
    }

    public float value(int channel, int row, int column) {
        return values[(channel * height + row) * width + column];
    }
}
