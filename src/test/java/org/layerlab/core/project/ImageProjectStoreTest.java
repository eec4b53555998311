package org.layerlab.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.images.ImageOptions;

class ImageProjectStoreTest {
    @TempDir
    Path folder;

    @Test
    void anImageProjectKeepsItsFolderSizeAndAugmentation() throws Exception {
        Path images = Files.createDirectories(folder.resolve("pictures"));
        ImageOptions options = new ImageOptions(3, 32, 48, new ImageAugmentation(true, false, 10, 0.1, 0.2, 0.05,
                0.1, 0.2));
        Project project = Project.forImageFolder(images).withImages(options);
        Path file = folder.resolve("p" + ProjectStore.EXTENSION);

        ProjectStore.save(project, file);
        Project loaded = ProjectStore.load(file);

        assertThat(loaded.isImageFolder()).isTrue();
        assertThat(loaded.dataFile()).isEqualTo(images);
        assertThat(loaded.images()).isEqualTo(options);
        assertThat(Files.readString(file)).contains("\"file\" : \"pictures\"");
    }

    @Test
    void aTableProjectWritesNoImageSectionAndReadsAsAutomatic() throws Exception {
        Project project = Project.withDefaults(folder.resolve("data.csv"), "y");
        Path file = folder.resolve("t" + ProjectStore.EXTENSION);

        ProjectStore.save(project, file);

        assertThat(Files.readString(file)).doesNotContain("\"images\"");
        assertThat(ProjectStore.load(file).images()).isEqualTo(ImageOptions.automatic());
    }
}
