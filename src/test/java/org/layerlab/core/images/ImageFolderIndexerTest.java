package org.layerlab.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.DataProblem;

class ImageFolderIndexerTest {

    @TempDir
    Path folder;

    @Test
    void indexesThePreSplitMnistSample() {
        List<Integer> progress = new ArrayList<>();

        ImageFolder images = ImageFolderIndexer.index(Path.of("samples/mnist-small"), progress::add, () -> false);

        assertThat(images.preSplit()).isTrue();
        assertThat(images.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(images.train()).hasSize(300);
        assertThat(images.test()).hasSize(100);
        assertThat(images.validation()).isEmpty();
        assertThat(images.classCounts()).containsOnly(40);
        assertThat(images.train().get(0).file().getFileName().toString()).endsWith(".png");
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(images.ignoredFiles()).isEmpty();
    }

    @Test
    void aFolderOfClassFoldersIsOneSetAndOddFilesAreReported() throws IOException {
        copy("samples/mnist-small/train/3", folder.resolve("three"));
        copy("samples/mnist-small/train/7", folder.resolve("seven"));
        Files.createDirectories(folder.resolve("nine"));
        Files.writeString(folder.resolve("seven/readme.txt"), "not an image");

        ImageFolder images = ImageFolderIndexer.index(folder, ImageFolderIndexer.Progress.NONE, () -> false);

        assertThat(images.preSplit()).isFalse();
        assertThat(images.classNames()).containsExactly("nine", "seven", "three");
        assertThat(images.train()).hasSize(60);
        assertThat(images.ignoredFiles()).containsExactly("seven/readme.txt");
        assertThat(images.emptyClasses()).containsExactly("nine");
    }

    @Test
    void indexingCanBeCancelled() {
        assertThatThrownBy(() -> ImageFolderIndexer.index(Path.of("samples/mnist-small"),
                ImageFolderIndexer.Progress.NONE, () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void foldersThatCannotWorkSaySo() throws IOException {
        Files.createDirectories(folder.resolve("only"));

        assertThatThrownBy(() -> ImageFolderIndexer.index(folder, ImageFolderIndexer.Progress.NONE, () -> false))
                .isInstanceOf(DataProblem.class).hasMessageContaining("only one subfolder ('only')");
        assertThatThrownBy(() -> ImageFolderIndexer.index(folder.resolve("missing"), ImageFolderIndexer.Progress.NONE,
                () -> false)).isInstanceOf(DataProblem.class).hasMessageContaining("is not a folder");
    }

    private static void copy(String from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(Path.of(from))) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
