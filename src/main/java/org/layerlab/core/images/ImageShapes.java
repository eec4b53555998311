package org.layerlab.core.images;

import java.util.List;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.imageio.ImageDecoder;

/** Chooses the shape every image of a folder is decoded to. */
public final class ImageShapes {
    /** Images larger than this on their longer side are scaled down to it: a small CNN trains on a CPU in minutes. */
    public static final int LARGEST_AUTOMATIC_SIDE = 64;
    /** Images looked at to decide between grayscale and colour. */
    static final int IMAGES_TO_LOOK_AT = 20;

    private ImageShapes() {
    }

    /**
     * The options' size and colour where they say, the images' own elsewhere: the size of the first readable image
     * (its longer side scaled down to {@value #LARGEST_AUTOMATIC_SIDE} if larger), grayscale unless one of the first
     * {@value #IMAGES_TO_LOOK_AT} images is in colour.
     */
    public static TensorShape.Image choose(ImageOptions options, List<ImageEntry> images) {
        if (options.channels() != 0 && options.height() != 0) {
            return new TensorShape.Image(options.channels(), options.height(), options.width());
        }
        int height = 0;
        int width = 0;
        int channels = 1;
        int looked = 0;
        for (ImageEntry entry : images) {
            if (looked >= IMAGES_TO_LOOK_AT) {
                break;
            }
            int[] described;
            try {
                described = ImageDecoder.describe(entry.file());
            } catch (DataProblem unreadable) {
                continue; // named later, when all images are read
            }
            looked++;
            if (height == 0) {
                height = described[0];
                width = described[1];
            }
            channels = Math.max(channels, described[2]);
        }
        if (height == 0) {
            throw new DataProblem("None of the first images could be read. LayerLab reads PNG, JPEG, BMP and GIF "
                    + "files; check that the folder holds such images.");
        }
        int longer = Math.max(height, width);
        if (longer > LARGEST_AUTOMATIC_SIDE) {
            height = Math.max(1, Math.round(height * (float) LARGEST_AUTOMATIC_SIDE / longer));
            width = Math.max(1, Math.round(width * (float) LARGEST_AUTOMATIC_SIDE / longer));
        }
        return new TensorShape.Image(
                options.channels() != 0 ? options.channels() : channels,
                options.height() != 0 ? options.height() : height,
                options.width() != 0 ? options.width() : width);
    }

    /**
     * The shape the options give when the images alone would give {@code fromImages} (what {@link #choose} answers
     * for {@link ImageOptions#automatic()}): the options' size and colour where they say, {@code fromImages}'
     * elsewhere. Lets a form show the outcome of a choice without looking at the images again.
     */
    public static TensorShape.Image fill(ImageOptions options, TensorShape.Image fromImages) {
        return new TensorShape.Image(
                options.automaticChannels() ? fromImages.channels() : options.channels(),
                options.automaticSize() ? fromImages.height() : options.height(),
                options.automaticSize() ? fromImages.width() : options.width());
    }
}
