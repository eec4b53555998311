package org.layerlab.core.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.layerlab.core.graph.TensorShape;

/**
 * Which random variations a training image gets, each drawn anew every time the image is used.
 *
 * @param flipHorizontal   mirror left–right with probability ½
 * @param flipVertical     mirror top–bottom with probability ½
 * @param rotationDegrees  turn by up to ± this many degrees (0 = never)
 * @param shiftFraction    move by up to ± this share of the width and height (a random crop, padded at the edge)
 * @param zoomFraction     scale by a factor between 1 − z and 1 + z
 * @param noise            standard deviation of Gaussian noise added to every value (pixels are 0..1)
 * @param brightness       add up to ± this much to every value
 * @param contrast         stretch or squeeze values around their mean by a factor between 1 − c and 1 + c
 */
public record ImageAugmentation(boolean flipHorizontal, boolean flipVertical, double rotationDegrees,
                                double shiftFraction, double zoomFraction, double noise, double brightness,
                                double contrast) {
    public static final ImageAugmentation NONE = new ImageAugmentation(false, false, 0, 0, 0, 0, 0, 0);

    public ImageAugmentation {
        check("Rotation", rotationDegrees, 0, 180, "degrees");
        check("Shift", shiftFraction, 0, 0.5, "(a share of the image, e.g. 0.1)");
        check("Zoom", zoomFraction, 0, 0.9, "(e.g. 0.1 for ±10%)");
        check("Noise", noise, 0, 1, "(pixels run from 0 to 1; try 0.05)");
        check("Brightness", brightness, 0, 1, "(pixels run from 0 to 1; try 0.1)");
        check("Contrast", contrast, 0, 0.9, "(e.g. 0.2 for ±20%)");
    }

    private static void check(String what, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be between " + format(min) + " and " + format(max) + " "
                    + unit + "; " + value + " is not possible.");
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** True when nothing varies: the images are used as they are. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** What is on, in a few words each, for a summary such as "flip left–right, rotate ±15°". */
    public List<String> describe() {
        List<String> parts = new ArrayList<>();
        if (flipHorizontal) {
            parts.add("flip left–right");
        }
        if (flipVertical) {
            parts.add("flip top–bottom");
        }
        if (rotationDegrees > 0) {
            parts.add("rotate ±" + format(rotationDegrees) + "°");
        }
        if (shiftFraction > 0) {
            parts.add("shift ±" + Math.round(shiftFraction * 100) + "%");
        }
        if (zoomFraction > 0) {
            parts.add("zoom ±" + Math.round(zoomFraction * 100) + "%");
        }
        if (noise > 0) {
            parts.add("noise σ " + format(noise));
        }
        if (brightness > 0) {
            parts.add("brightness ±" + format(brightness));
        }
        if (contrast > 0) {
            parts.add("contrast ±" + Math.round(contrast * 100) + "%");
        }
        return parts;
    }

    /**
     * One random variation of an image: a new array, the input is left as it is. Flips, rotation, shift and zoom are
     * one geometric mapping sampled bilinearly (positions outside the image take the nearest edge pixel); noise,
     * brightness and contrast follow, and values are kept within 0..1.
     *
     * @param values channels × height × width values, channel by channel
     */
    public float[] apply(float[] values, TensorShape.Image shape, Random random) {
        int channels = shape.channels();
        int height = shape.height();
        int width = shape.width();
        if (values.length != channels * height * width) {
            throw new IllegalArgumentException(values.length + " values for an image of " + shape.describe());
        }
        boolean mirrorX = flipHorizontal && random.nextBoolean();
        boolean mirrorY = flipVertical && random.nextBoolean();
        double angle = rotationDegrees > 0 ? Math.toRadians((random.nextDouble() * 2 - 1) * rotationDegrees) : 0;
        double shiftX = shiftFraction > 0 ? (random.nextDouble() * 2 - 1) * shiftFraction * width : 0;
        double shiftY = shiftFraction > 0 ? (random.nextDouble() * 2 - 1) * shiftFraction * height : 0;
        double scale = zoomFraction > 0 ? 1 + (random.nextDouble() * 2 - 1) * zoomFraction : 1;
        float[] result = values;
        if (mirrorX || mirrorY || angle != 0 || shiftX != 0 || shiftY != 0 || scale != 1) {
            result = warp(values, channels, height, width, mirrorX, mirrorY, angle, shiftX, shiftY, scale);
        } else {
            result = values.clone();
        }
        if (contrast > 0 || brightness > 0) {
            double factor = contrast > 0 ? 1 + (random.nextDouble() * 2 - 1) * contrast : 1;
            double offset = brightness > 0 ? (random.nextDouble() * 2 - 1) * brightness : 0;
            int plane = height * width;
            for (int c = 0; c < channels; c++) {
                double mean = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    mean += result[i];
                }
                mean /= plane;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    result[i] = clamp((result[i] - mean) * factor + mean + offset);
                }
            }
        }
        if (noise > 0) {
            for (int i = 0; i < result.length; i++) {
                result[i] = clamp(result[i] + random.nextGaussian() * noise);
            }
        }
        return result;
    }

    /**
     * Maps every output pixel back to where it comes from in the source (the inverse of: mirror, then zoom and turn
     * about the centre, then shift) and samples there bilinearly.
     */
    private static float[] warp(float[] source, int channels, int height, int width, boolean mirrorX, boolean mirrorY,
                                double angle, double shiftX, double shiftY, double scale) {
        float[] out = new float[source.length];
        double centreX = (width - 1) / 2.0;
        double centreY = (height - 1) / 2.0;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x - shiftX - centreX;
                double dy = y - shiftY - centreY;
                double sx = cos * dx + sin * dy + centreX;
                double sy = -sin * dx + cos * dy + centreY;
                if (mirrorX) {
                    sx = width - 1 - sx;
                }
                if (mirrorY) {
                    sy = height - 1 - sy;
                }
                for (int c = 0; c < channels; c++) {
                    out[c * plane + y * width + x] = bilinear(source, c * plane, height, width, sy, sx);
                }
            }
        }
        return out;
    }

    private static float bilinear(float[] source, int offset, int height, int width, double y, double x) {
        y = Math.max(0, Math.min(height - 1, y));
        x = Math.max(0, Math.min(width - 1, x));
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        int y1 = Math.min(height - 1, y0 + 1);
        int x1 = Math.min(width - 1, x0 + 1);
        double fy = y - y0;
        double fx = x - x0;
        double top = source[offset + y0 * width + x0] * (1 - fx) + source[offset + y0 * width + x1] * fx;
        double bottom = source[offset + y1 * width + x0] * (1 - fx) + source[offset + y1 * width + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static float clamp(double value) {
        return (float) Math.max(0, Math.min(1, value));
    }
}
