package org.layerlab.core.images;

import java.util.Objects;
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
    public ImageOptions {
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images are read with 1 channel (grayscale) or 3 (colour), not "
                    + channels + ".");
        }
        if (height < 0 || width < 0 || height > 1024 || width > 1024 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("The image size must be two numbers from 1 to 1024 (e.g. 28 × 28), "
                    + "or left to LayerLab; " + height + " × " + width + " is not possible.");
        }
        Objects.requireNonNull(augmentation, "augmentation");
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
