package org.layerlab.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a crash, a full disk or a failing writer never leaves a half-written file in place
 * of a good one: the content goes to a temporary file in the same folder, which then replaces the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a whole file, e.g. a model serializer. */
    @FunctionalInterface
    public interface FileWriter {
        void writeTo(Path file) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, file -> Files.write(file, bytes));
    }

    public static void write(Path target, FileWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
        try {
            writer.writeTo(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException notAtomic) {
                // Some file systems cannot rename atomically, or not over an existing file: replace it instead.
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Something that fills a whole folder, e.g. a checkpoint. */
    @FunctionalInterface
    public interface FolderWriter {
        void writeTo(Path folder) throws IOException;
    }

    /**
     * Writes a folder so that {@code target} either does not exist or is complete: the content goes to a temporary
     * folder beside it (named with a leading dot), which is then renamed to {@code target}. An existing
     * {@code target} is replaced. If writing fails, the temporary folder is removed.
     */
    public static void writeFolder(Path target, FolderWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".");
        try {
            writer.writeTo(temporary);
            if (Files.exists(absolute)) {
                deleteRecursively(absolute);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, absolute);
            }
        } finally {
            if (Files.exists(temporary)) {
                deleteRecursively(temporary);
            }
        }
    }

    /** Deletes a file, or a folder with everything in it. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
