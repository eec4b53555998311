package org.layerlab.core.images;

import java.util.Objects;
import java.util.Optional;
import org.layerlab.core.augment.ImageAugmentation;

/**
 * How a project reads its image folder: the size every image is resized to, grayscale or colour, and the
 * augmentation of the training images. A size or channel count of 0 means "decide from the images"
 * ({@link ImageShapes#choose}).
 *
 * @param channels 1 (grayscale), 3 (colour) or 0 (from the images)
 * @param height   rows after resizing, or 0 (from the images)
 * @param width    columns after resizing, or 0 (from the images)
 */
public record ImageOptions(int channels, int height, int width, ImageAugmentation augmentation) {
    /** The largest side an image can be resized to. */
    public static final int LARGEST_SIDE = 1024;

    public ImageOptions {
        Optional<String> problem = problem(channels, height, width);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        Objects.requireNonNull(augmentation, "augmentation");
    }

    /**
     * What is wrong with this size and colour, in a sentence a user can act on; empty when they are fine. The
     * constructor refuses exactly these, so a form can check its fields before making options of them.
     */
    public static Optional<String> problem(int channels, int height, int width) {
        if (channels != 0 && channels != 1 && channels != 3) {
            return Optional.of("Images are read with 1 channel (grayscale) or 3 (colour), not " + channels + ".");
        }
        if (height < 0 || width < 0 || height > LARGEST_SIDE || width > LARGEST_SIDE
                || (height == 0) != (width == 0)) {
            return Optional.of("The image size must be two numbers from 1 to " + LARGEST_SIDE
                    + " (e.g. 28 × 28), or left to LayerLab; " + width + " × " + height + " is not possible.");
        }
        return Optional.empty();
    }

    /** True when the size is decided from the images. */
    public boolean automaticSize() {
        return height == 0;
    }

    /** True when grayscale or colour is decided from the images. */
    public boolean automaticChannels() {
        return channels == 0;
    }

    /** Size and colour from the images, no augmentation. */
    public static ImageOptions automatic() {
        return new ImageOptions(0, 0, 0, ImageAugmentation.NONE);
    }

    public ImageOptions withAugmentation(ImageAugmentation newAugmentation) {
        return new ImageOptions(channels, height, width, newAugmentation);
    }

    public ImageOptions withSize(int newChannels, int newHeight, int newWidth) {
        return new ImageOptions(newChannels, newHeight, newWidth, augmentation);
    }
}
