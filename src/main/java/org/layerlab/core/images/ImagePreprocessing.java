package org.layerlab.core.images;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.imageio.Pixels;

/**
 * The steps every image goes through on its way into the network — resize, grayscale or colour, pixel values
 * scaled to 0..1 — described as a user reads them, and a before/after preview of one image.
 *
 * <p>The steps are carried out by {@link ImageDecoder} when training, evaluating and predicting read an image (the
 * model bundle stores the shape, so prediction repeats them); the image files are only ever read. Scaling to 0..1 is
 * not optional: augmentation (brightness, contrast, noise), the byte cache of {@link ImageExamples} and every saved
 * model work on 0..1 values, and raw 0–255 values make a freshly initialised network's first steps far too large.
 */
public final class ImagePreprocessing {
    /** The "before" image of a preview is scaled down to this longer side: a 4000-pixel photo is shown, not held. */
    public static final int LARGEST_PREVIEW_SIDE = 256;

    private ImagePreprocessing() {
    }

    /**
     * The steps in the order they are done, e.g. "Resize to 28 × 28 (from the images)", "Grayscale (from the
     * images)", "Scale pixel values from 0–255 to 0–1".
     *
     * @param fromImages the shape the images alone would give ({@link ImageShapes#choose} with automatic options)
     */
    public static List<String> steps(ImageOptions options, TensorShape.Image fromImages) {
        TensorShape.Image shape = ImageShapes.fill(options, fromImages);
        String fromTheImages = " (from the images)";
        return List.of(
                "Resize to " + size(shape) + (options.automaticSize() ? fromTheImages : ""),
                colour(shape.channels()) + (options.automaticChannels() ? fromTheImages : ""),
                "Scale pixel values from 0–255 to 0–1");
    }

    /** Values per image above which a CNN trains slowly on a CPU (about 104 × 104 in colour, 181 × 181 in gray). */
    public static final long MANY_VALUES = 32_768;

    /**
     * Advice on a possible but costly choice, or empty: an image of more than {@value #MANY_VALUES} values makes
     * training slow on a CPU; a size larger than the images' own adds work and no detail.
     */
    public static Optional<String> advice(TensorShape.Image shape, TensorShape.Image fromImages) {
        List<String> advice = new java.util.ArrayList<>();
        if (shape.height() > fromImages.height() && shape.width() > fromImages.width()) {
            advice.add("This is larger than the images (" + size(fromImages) + "): enlarging adds no detail, only "
                    + "work for the network.");
        }
        if (shape.elementCount() > MANY_VALUES) {
            advice.add(String.format(Locale.ROOT, "Each image becomes %,d numbers, so training on a CPU will be "
                    + "slow. 64 × 64 or smaller is usually enough to start.", shape.elementCount()));
        }
        return advice.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", advice));
    }

    /** "28 × 28": width × height, as image sizes are usually written. */
    public static String size(TensorShape.Image shape) {
        return String.format(Locale.ROOT, "%d × %d", shape.width(), shape.height());
    }

    /** "Grayscale" or "Colour (RGB)". */
    public static String colour(int channels) {
        return channels == 1 ? "Grayscale" : "Colour (RGB)";
    }

    /**
     * One image as its file holds it (its own size and colour, scaled down to {@value #LARGEST_PREVIEW_SIDE} pixels
     * on its longer side if larger) and the same image after the steps, as the network receives it.
     *
     * @param original       the file's image, for showing
     * @param originalHeight the file's own height in pixels
     * @param originalWidth  the file's own width in pixels
     * @param processed      the pixels the network receives
     */
    public record Preview(Path file, Pixels original, int originalHeight, int originalWidth, Pixels processed) {
        /** "28 × 28, grayscale" for the file's own image. */
        public String originalDescription() {
            return String.format(Locale.ROOT, "%d × %d, %s", originalWidth, originalHeight,
                    original.channels() == 1 ? "grayscale" : "colour");
        }

        /** "14 × 14, grayscale, values 0–1" for what the network receives. */
        public String processedDescription() {
            return String.format(Locale.ROOT, "%d × %d, %s, values 0–1", processed.width(), processed.height(),
                    processed.channels() == 1 ? "grayscale" : "colour");
        }
    }

    /**
     * Reads {@code file} twice: as it is, and through the steps to {@code shape}.
     *
     * @throws org.layerlab.core.data.DataProblem when the file is not a readable image
     */
    public static Preview preview(Path file, TensorShape.Image shape) {
        int[] described = ImageDecoder.describe(file);
        int height = described[0];
        int width = described[1];
        int longer = Math.max(height, width);
        int shownHeight = height;
        int shownWidth = width;
        if (longer > LARGEST_PREVIEW_SIDE) {
            shownHeight = Math.max(1, Math.round(height * (float) LARGEST_PREVIEW_SIDE / longer));
            shownWidth = Math.max(1, Math.round(width * (float) LARGEST_PREVIEW_SIDE / longer));
        }
        Pixels original = ImageDecoder.decode(file, described[2], shownHeight, shownWidth);
        Pixels processed = ImageDecoder.decode(file, shape.channels(), shape.height(), shape.width());
        return new Preview(file, original, height, width, processed);
    }
}
