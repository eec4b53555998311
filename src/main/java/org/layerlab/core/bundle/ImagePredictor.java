package org.layerlab.core.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.imageio.Pixels;
import org.layerlab.core.images.ImageFolderIndexer;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.preprocess.EncodedSet;

/**
 * Predicts images with a {@link ModelBundle} trained on an image folder, decoding each exactly as in training: resized
 * to the bundle's shape, grayscale or colour, values 0..1. Takes an uploaded image's bytes, one file, or a whole
 * folder (written as CSV, one line per image; unreadable files get a line saying so, never a crash).
 */
public final class ImagePredictor {
    /** Images decoded and predicted together when predicting a folder: bounds memory. */
    static final int BATCH = 256;

    private final ModelBundle bundle;
    private final TensorShape.Image shape;

    public ImagePredictor(ModelBundle bundle) {
        if (!bundle.takesImages()) {
            throw new BundleProblem("This model was trained on a table, not on images: send it named values.");
        }
        this.bundle = bundle;
        this.shape = bundle.imageShape();
    }

    public TensorShape.Image shape() {
        return shape;
    }

    public List<String> classNames() {
        return bundle.classNames();
    }

    /**
     * @param name how to call the image in a message, e.g. "The upload"
     * @throws BundleProblem when the bytes are not an image LayerLab can read
     */
    public Prediction predict(byte[] image, String name) {
        Pixels pixels;
        try {
            pixels = ImageDecoder.decode(image, name, shape.channels(), shape.height(), shape.width());
        } catch (DataProblem notAnImage) {
            throw new BundleProblem(notAnImage.getMessage(), notAnImage);
        }
        return predictPixels(List.of(pixels.values())).get(0);
    }

    /** The pixels of an image file as the model reads them (for showing and explaining a prediction). */
    public float[] read(Path file) {
        return ImageDecoder.decode(file, shape.channels(), shape.height(), shape.width()).values();
    }

    /** Class probabilities of images already decoded to {@link #shape()}. */
    public List<Prediction> predictPixels(List<float[]> images) {
        int columns = Math.toIntExact(shape.elementCount());
        float[] features = new float[images.size() * columns];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, features, i * columns, columns);
        }
        float[][] probabilities = bundle.model().predictProbabilities(
                new EncodedSet(features, images.size(), columns, new int[images.size()]));
        return Prediction.ofProbabilities(probabilities, bundle.classNames());
    }

    /** Told how many images of a folder are predicted so far. */
    @FunctionalInterface
    public interface Progress {
        void imagesDone(int done, int total);
    }

    /** What predicting a folder did. */
    public record FolderResult(int predicted, List<String> unreadable) {
        public FolderResult {
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Predicts every image in {@code folder} and its subfolders (files that are not images by their ending are
     * skipped) and writes {@code file,predicted,p(class)…} per image, the file relative to the folder; an unreadable
     * image gets its line with the predicted class left empty. A single image file is predicted alone.
     */
    public FolderResult predictFolder(Path folder, Path out, Progress progress) throws IOException {
        List<Path> files = imageFiles(folder);
        if (files.isEmpty()) {
            throw new DataProblem("There are no images in '" + folder + "'. LayerLab reads PNG, JPEG, BMP and GIF "
                    + "files, in the folder and its subfolders.");
        }
        Path base = (Files.isDirectory(folder) ? folder.toAbsolutePath() : folder.toAbsolutePath().getParent())
                .normalize();
        StringBuilder csv = new StringBuilder("file,predicted");
        for (String name : bundle.classNames()) {
            csv.append(',').append(quote("p(" + name + ")"));
        }
        csv.append('\n');
        List<String> unreadable = new ArrayList<>();
        int predicted = 0;
        for (int start = 0; start < files.size(); start += BATCH) {
            List<Path> batch = files.subList(start, Math.min(files.size(), start + BATCH));
            List<float[]> decoded = new ArrayList<>();
            List<Path> readable = new ArrayList<>();
            for (Path file : batch) {
                try {
                    decoded.add(read(file));
                    readable.add(file);
                } catch (DataProblem notAnImage) {
                    unreadable.add(relative(base, file));
                }
            }
            List<Prediction> predictions = decoded.isEmpty() ? List.of() : predictPixels(decoded);
            int next = 0;
            for (Path file : batch) {
                csv.append(quote(relative(base, file))).append(',');
                if (next < readable.size() && readable.get(next).equals(file)) {
                    Prediction prediction = predictions.get(next++);
                    csv.append(quote(prediction.label()));
                    for (double p : prediction.probabilities().values()) {
                        csv.append(',').append(String.format(Locale.ROOT, "%.6f", p));
                    }
                    predicted++;
                } else {
                    csv.append(",".repeat(bundle.classNames().size()));
                }
                csv.append('\n');
            }
            progress.imagesDone(Math.min(files.size(), start + BATCH), files.size());
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        return new FolderResult(predicted, unreadable);
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        if (Files.isRegularFile(folder)) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new DataProblem("'" + folder + "' does not exist. Give a folder of images or one image file.");
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> ImageFolderIndexer.IMAGE_ENDINGS.contains(ending(path)))
                    .sorted()
                    .toList();
        }
    }

    private static String ending(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
