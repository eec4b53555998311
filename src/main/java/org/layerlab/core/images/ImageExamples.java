package org.layerlab.core.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.imageio.Pixels;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.ExampleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images as training examples: each one decoded to {@link #exampleShape()} (resized, grayscale or colour, values
 * 0..1) when a batch asks for it, optionally varied by an {@link ImageAugmentation} that is drawn anew for every
 * pass and repeatable from the seed.
 *
 * <p>{@link #load} reads every image once to find the unreadable ones (they are left out and named, never a
 * crash). When all the images fit in the memory budget as bytes (one byte per value, a quarter of floats: 47 MB for
 * MNIST's 60,000) they are kept so, and later passes read memory instead of files; otherwise every pass decodes
 * the files again.
 */
public final class ImageExamples implements ExampleSet {
    private static final Logger LOG = LoggerFactory.getLogger(ImageExamples.class);

    private final List<ImageEntry> images;
    private final TensorShape.Image shape;
    private final int[] labels;
    private final byte[] cache;
    private final ImageAugmentation augmentation;
    private final long seed;

    /** Told how many images have been read so far. */
    @FunctionalInterface
    public interface Progress {
        void imagesRead(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * The outcome of {@link #load}: the readable images, and the files that could not be read.
     *
     * @param unreadable the unreadable files as class folder and file name, e.g. "3/00017.png"
     */
    public record Loaded(ImageExamples examples, List<String> unreadable) {
        public Loaded {
            unreadable = List.copyOf(unreadable);
        }
    }

    private ImageExamples(List<ImageEntry> images, TensorShape.Image shape, byte[] cache,
                          ImageAugmentation augmentation, long seed) {
        this.images = List.copyOf(images);
        this.shape = shape;
        this.cache = cache;
        this.augmentation = augmentation == null ? ImageAugmentation.NONE : augmentation;
        this.seed = seed;
        this.labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.get(i).classIndex();
        }
    }

    /**
     * Reads every image once: keeps the readable ones (as bytes when they fit {@code cacheBudgetBytes}) and names
     * the others.
     *
     * @param cancelled asked every few images; true ends loading with a {@link CancellationException}
     */
    public static Loaded load(List<ImageEntry> entries, TensorShape.Image shape, long cacheBudgetBytes,
                              Progress progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(shape, "shape");
        long values = shape.elementCount();
        boolean keep = values * entries.size() <= Math.min(cacheBudgetBytes, Integer.MAX_VALUE - 16);
        byte[] cache = keep ? new byte[Math.toIntExact(values * entries.size())] : null;
        List<ImageEntry> readable = new ArrayList<>(entries.size());
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (i % 64 == 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("Reading the images was cancelled.");
                }
                progress.imagesRead(i, entries.size());
            }
            ImageEntry entry = entries.get(i);
            Pixels pixels;
            try {
                pixels = ImageDecoder.decode(entry.file(), shape.channels(), shape.height(), shape.width());
            } catch (DataProblem unreadableImage) {
                unreadable.add(nameOf(entry));
                continue;
            }
            if (cache != null) {
                int offset = Math.toIntExact(values * readable.size());
                float[] v = pixels.values();
                for (int k = 0; k < v.length; k++) {
                    cache[offset + k] = (byte) Math.round(v[k] * 255f);
                }
            }
            readable.add(entry);
        }
        progress.imagesRead(entries.size(), entries.size());
        if (cache != null && readable.size() < entries.size()) {
            cache = java.util.Arrays.copyOf(cache, Math.toIntExact(values * readable.size()));
        }
        return new Loaded(new ImageExamples(readable, shape, cache, ImageAugmentation.NONE, 0), unreadable);
    }

    /** "class/file.png": enough to find the file in its folder. */
    public static String nameOf(ImageEntry entry) {
        var parent = entry.file().getParent();
        return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/")
                + entry.file().getFileName();
    }

    /** The same images, varied by {@code newAugmentation} on every pass (seeded by {@code newSeed}). */
    public ImageExamples withAugmentation(ImageAugmentation newAugmentation, long newSeed) {
        return new ImageExamples(images, shape, cache, newAugmentation, newSeed);
    }

    public ImageAugmentation augmentation() {
        return augmentation;
    }

    /** The image files, in example order. */
    public List<ImageEntry> images() {
        return images;
    }

    /** Whether the images are held in memory (as bytes) rather than decoded from their files on every pass. */
    public boolean cached() {
        return cache != null;
    }

    /** Bytes of memory the decoded images take (0 when they are decoded from their files on every pass). */
    public long cachedBytes() {
        return cache == null ? 0 : cache.length;
    }

    @Override
    public int rows() {
        return images.size();
    }

    @Override
    public int columns() {
        return Math.toIntExact(shape.elementCount());
    }

    @Override
    public TensorShape.Image exampleShape() {
        return shape;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public void copyRows(int[] order, int from, int to, float[] target, int pass) {
        int columns = columns();
        for (int i = from; i < to; i++) {
            int example = order[i];
            float[] values = values(example);
            if (pass > 0 && !augmentation.isNone()) {
                values = augmentation.apply(values, shape, new Random(variationSeed(example, pass)));
            }
            System.arraycopy(values, 0, target, (i - from) * columns, columns);
        }
    }

    /** One image as it is (no augmentation). */
    public float[] values(int example) {
        int columns = columns();
        if (cache != null) {
            float[] values = new float[columns];
            int offset = example * columns;
            for (int k = 0; k < columns; k++) {
                values[k] = (cache[offset + k] & 0xff) / 255f;
            }
            return values;
        }
        ImageEntry entry = images.get(example);
        try {
            return ImageDecoder.decode(entry.file(), shape.channels(), shape.height(), shape.width()).values();
        } catch (DataProblem goneSinceLoading) {
            // The file was readable when the set was loaded; if it has been damaged or removed since, train on
            // a blank image rather than stop a long run.
            LOG.warn("{} could not be read again; a blank image stands in for it", nameOf(entry));
            return new float[columns];
        }
    }

    /** A different, repeatable random stream for each example in each pass. */
    private long variationSeed(int example, int pass) {
        long h = seed * 0x9E3779B97F4A7C15L + example;
        h = h * 0xBF58476D1CE4E5B9L + pass;
        return h ^ (h >>> 31);
    }

    /** All the images as one float matrix, e.g. a validation or test split measured every epoch. */
    public EncodedSet toEncodedSet() {
        int columns = columns();
        float[] features = new float[Math.toIntExact((long) rows() * columns)];
        for (int i = 0; i < rows(); i++) {
            System.arraycopy(values(i), 0, features, i * columns, columns);
        }
        return new EncodedSet(features, rows(), columns, labels.clone());
    }
}
