package org.layerlab.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkSpec;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.train.TrainingConfig;

class ProjectStoreTest {

    @TempDir
    Path folder;

    private Project sample() {
        return new Project(folder.resolve("data/iris.csv"), "species", new SplitSettings(0.6, 0.2, 0.2, 7),
                new Preprocessing(false, List.of("sepal_width")),
                new NetworkSpec(List.of(new DenseSpec(16, Activation.TANH), new DenseSpec(8, Activation.RELU))),
                new TrainingConfig(55, 8, 0.003, 99));
    }

    @Test
    void roundTripRestoresEverything() {
        Path file = folder.resolve("iris" + ProjectStore.EXTENSION);

        ProjectStore.save(sample(), file);

        assertThat(ProjectStore.load(file)).isEqualTo(sample());
    }

    @Test
    void storesTheDataFileRelativeToTheProjectSoTheFolderCanMove() throws IOException {
        Path file = folder.resolve("iris" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);

        String json = Files.readString(file);

        assertThat(json).contains("\"file\" : \"data/iris.csv\"").contains("\"schemaVersion\" : 1");
    }

    @Test
    void loadsTheGoldenVersion1File() throws IOException {
        Path file = folder.resolve("golden" + ProjectStore.EXTENSION);
        try (var in = getClass().getResourceAsStream("/projects/v1" + ProjectStore.EXTENSION)) {
            Files.copy(in, file);
        }

        Project project = ProjectStore.load(file);

        assertThat(project.labelColumn()).isEqualTo("species");
        assertThat(project.dataFile()).isEqualTo(folder.resolve("iris.csv"));
        assertThat(project.network().hiddenLayers()).containsExactly(new DenseSpec(64, Activation.RELU),
                new DenseSpec(32, Activation.RELU));
        assertThat(project.training()).isEqualTo(new TrainingConfig(100, 32, 0.01, 42));
    }

    @Test
    void refusesAFileFromANewerVersionWithoutTouchingIt() throws IOException {
        Path file = folder.resolve("future" + ProjectStore.EXTENSION);
        String text = "{\"format\":\"layerlab-project\",\"schemaVersion\":99,\"data\":{}}";
        Files.writeString(file, text);

        assertThatThrownBy(() -> ProjectStore.load(file)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("newer LayerLab").hasMessageContaining("Update LayerLab");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void corruptFilesGiveAPlainMessage() throws IOException {
        Path truncated = folder.resolve("cut" + ProjectStore.EXTENSION);
        Files.writeString(truncated, "{\"format\":\"layerlab-project\",\"schemaVersion\":1,\"data\":{\"fi");
        Path notAProject = folder.resolve("other.json");
        Files.writeString(notAProject, "{\"hello\":1}");
        Path badValue = folder.resolve("bad" + ProjectStore.EXTENSION);
        Files.writeString(badValue, Files.readString(goldenCopy()).replace("\"epochs\" : 100", "\"epochs\" : -5"));

        assertThatThrownBy(() -> ProjectStore.load(truncated)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> ProjectStore.load(notAProject)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("not a LayerLab project file");
        assertThatThrownBy(() -> ProjectStore.load(badValue)).isInstanceOf(ProjectFileProblem.class)
                .hasMessageContaining("damaged").hasMessageContaining("Epochs must be between");
    }

    private Path goldenCopy() throws IOException {
        Path file = folder.resolve("g.json");
        try (var in = getClass().getResourceAsStream("/projects/v1" + ProjectStore.EXTENSION)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void aFailedSaveLeavesTheOldFileIntact() throws IOException {
        Path file = folder.resolve("keep" + ProjectStore.EXTENSION);
        ProjectStore.save(sample(), file);
        String before = Files.readString(file, StandardCharsets.UTF_8);
        Path blocked = folder.resolve("blocked");
        Files.writeString(blocked, "a file where a folder should be");

        assertThatThrownBy(() -> ProjectStore.save(sample(), blocked.resolve("x" + ProjectStore.EXTENSION)))
                .isInstanceOf(ProjectFileProblem.class).hasMessageContaining("could not save");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(before);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
