package org.layerlab.core.images;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.layerlab.core.data.DataProblem;

/**
 * Finds the images of a folder laid out one subfolder per class, either directly ({@code cats/, dogs/}) or inside
 * {@code train/} and {@code test/} (and optionally {@code validation/} or {@code val/}). Only file names are read,
 * not pixels, so indexing 60,000 images takes a moment; it reports progress and can be cancelled.
 */
public final class ImageFolderIndexer {
    /** File endings read as images (Java's ImageIO reads all of them without extra libraries). */
    public static final Set<String> IMAGE_ENDINGS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** Told how many images have been found so far. */
    @FunctionalInterface
    public interface Progress {
        void imagesFound(int count);

        Progress NONE = count -> { };
    }

    private ImageFolderIndexer() {
    }

    /**
     * @param cancelled asked now and then; when it answers true indexing stops with a {@link CancellationException}
     */
    public static ImageFolder index(Path root, Progress progress, BooleanSupplier cancelled) {
        if (!Files.isDirectory(root)) {
            throw new DataProblem("'" + root + "' is not a folder. Choose a folder that holds one subfolder of images "
                    + "per class.");
        }
        Counter counter = new Counter(progress, cancelled);
        List<String> ignored = new ArrayList<>();
        Path train = child(root, "train");
        Path test = child(root, "test");
        if (train != null && test != null) {
            Path validation = child(root, "validation") != null ? child(root, "validation") : child(root, "val");
            TreeSet<String> classes = new TreeSet<>(subfolders(train));
            classes.addAll(subfolders(test));
            if (validation != null) {
                classes.addAll(subfolders(validation));
            }
            List<String> classNames = new ArrayList<>(classes);
            requireClasses(root, classNames);
            List<String> empty = new ArrayList<>();
            List<ImageEntry> trainImages = images(train, classNames, counter, ignored, empty, "train/");
            List<ImageEntry> testImages = images(test, classNames, counter, ignored, new ArrayList<>(), "test/");
            List<ImageEntry> validationImages = validation == null ? List.of()
                    : images(validation, classNames, counter, ignored, new ArrayList<>(),
                    validation.getFileName() + "/");
            return finish(new ImageFolder(root, classNames, trainImages, validationImages, testImages, true, ignored,
                    empty));
        }
        List<String> classNames = new ArrayList<>(new TreeSet<>(subfolders(root)));
        requireClasses(root, classNames);
        List<String> empty = new ArrayList<>();
        List<ImageEntry> all = images(root, classNames, counter, ignored, empty, "");
        return finish(new ImageFolder(root, classNames, all, List.of(), List.of(), false, ignored, empty));
    }

    private static ImageFolder finish(ImageFolder folder) {
        if (folder.imageCount() == 0) {
            throw new DataProblem("No images were found in '" + folder.root() + "'. LayerLab reads PNG, JPEG, BMP and "
                    + "GIF files inside one subfolder per class.");
        }
        return folder;
    }

    private static void requireClasses(Path root, List<String> classNames) {
        if (classNames.size() < 2) {
            throw new DataProblem("'" + root + "' has " + (classNames.isEmpty() ? "no subfolders" : "only one subfolder ('"
                    + classNames.get(0) + "')") + ". Put the images of each class in a subfolder named after the class "
                    + "(for example cats/ and dogs/); a model needs at least two classes.");
        }
    }

    private static Path child(Path folder, String name) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && entry.getFileName().toString().equalsIgnoreCase(name)) {
                    return entry;
                }
            }
        } catch (IOException e) {
            throw unreadable(folder, e);
        }
        return null;
    }

    private static List<String> subfolders(Path folder) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && !entry.getFileName().toString().startsWith(".")) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw unreadable(folder, e);
        }
        return names;
    }

    private static List<ImageEntry> images(Path folder, List<String> classNames, Counter counter, List<String> ignored,
                                           List<String> emptyClasses, String prefix) {
        List<ImageEntry> images = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            Path classFolder = folder.resolve(classNames.get(c));
            if (!Files.isDirectory(classFolder)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(classFolder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".") || Files.isDirectory(entry)) {
                        continue;
                    }
                    if (IMAGE_ENDINGS.contains(ending(name))) {
                        files.add(entry);
                        counter.found();
                    } else {
                        ignored.add(prefix + classNames.get(c) + "/" + name);
                    }
                }
            } catch (IOException e) {
                throw unreadable(classFolder, e);
            }
            if (files.isEmpty()) {
                emptyClasses.add(prefix + classNames.get(c));
            }
            files.sort(null); // directory order differs between systems; sorted keeps runs repeatable
            for (Path file : files) {
                images.add(new ImageEntry(file, c));
            }
        }
        return images;
    }

    private static String ending(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static DataProblem unreadable(Path folder, IOException e) {
        return new DataProblem("LayerLab could not read the folder '" + folder + "': " + e.getMessage()
                + ". Check that you may read it.", e);
    }

    /** Counts found images, reports progress every so often and honours cancellation. */
    private static final class Counter {
        private final Progress progress;
        private final BooleanSupplier cancelled;
        private int count;

        Counter(Progress progress, BooleanSupplier cancelled) {
            this.progress = progress;
            this.cancelled = cancelled;
        }

        void found() {
            count++;
            if (count % 100 == 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("Indexing cancelled after " + count + " images.");
                }
                progress.imagesFound(count);
            }
        }
    }
}
