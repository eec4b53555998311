package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;

/** The command line as a user types it, in-process: real files, real training, real reports. */
class TrainCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void trainsIrisWithDefaultsAndWritesTheReportAndModel() throws IOException {
        Path report = folder.resolve("report.json");
        Path model = folder.resolve("model.zip");

        int exit = run("train", "--data", "samples/iris/iris.csv", "--label", "species",
                "--report", report.toString(), "--save-model", model.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Epoch 1/100").contains("Epoch 100/100").contains("Test accuracy");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("task").asText()).isEqualTo("classification");
        assertThat(json.path("backend").asText()).startsWith("CPU");
        assertThat(json.path("epochs").asInt()).isEqualTo(100);
        assertThat(json.path("train_samples_per_second").asDouble()).isPositive();
        JsonNode test = json.path("test");
        assertThat(test.path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(test.path("macro_precision").isNumber()).isTrue();
        assertThat(test.path("macro_recall").isNumber()).isTrue();
        assertThat(test.path("classes")).hasSize(3);
        int total = 0;
        for (JsonNode row : test.path("confusion")) {
            assertThat(row).hasSize(3);
            for (JsonNode cell : row) {
                total += cell.asInt();
            }
        }
        assertThat(total).isEqualTo(json.path("samples").path("test").asInt()).isPositive();
        assertThat(json.path("history")).hasSize(100);
        assertThat(json.path("history").get(0).has("val_accuracy")).isTrue();
        assertThat(Files.size(model)).isPositive();
    }

    @Test
    void defaultsLearnIrisWellWhicheverSplitTheSeedMakes() throws IOException {
        // The test split of iris is 24 rows, so one seed's accuracy swings by 4% per row; the mean over
        // several seeds is what tells whether the defaults are good.
        double sum = 0;
        int seeds = 4;
        for (int seed = 1; seed <= seeds; seed++) {
            Path report = folder.resolve("seed" + seed + ".json");
            assertThat(run("train", "--data", "samples/iris/iris.csv", "--seed", String.valueOf(seed),
                    "--report", report.toString())).as(err.toString()).isZero();
            sum += new ObjectMapper().readTree(report.toFile()).path("test").path("accuracy").asDouble();
        }
        assertThat(sum / seeds).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void guessesTheLabelAndTrainsAProjectFile() throws IOException {
        Path projectFile = folder.resolve("iris" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(Path.of("samples/iris/iris.csv").toAbsolutePath(), "species")
                .withTraining(new org.layerlab.core.train.TrainingConfig(20, 16, 0.01, 3)), projectFile);
        Path report = folder.resolve("r.json");

        int exit = run("train", projectFile.toString(), "--report", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("epochs").asInt()).isEqualTo(20);
        assertThat(json.path("label").asText()).isEqualTo("species");
    }

    @Test
    void badInputGetsOneClearLineAndExitCode2() throws IOException {
        Path ragged = Files.writeString(folder.resolve("ragged.csv"), "a,b,c\n1,2,x\n3,4\n");
        Path oneClass = Files.writeString(folder.resolve("one.csv"), "a,b\n1,x\n2,x\n3,x\n");
        Path newer = Files.writeString(folder.resolve("n" + ProjectStore.EXTENSION),
                "{\"format\":\"layerlab-project\",\"schemaVersion\":7}");

        assertThat(run("train", "--data", ragged.toString(), "--label", "c")).isEqualTo(2);
        assertThat(run("train", "--data", oneClass.toString(), "--label", "b")).isEqualTo(2);
        assertThat(run("train", newer.toString())).isEqualTo(2);
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--epochs", "0")).isEqualTo(2);
        assertThat(run("train")).isEqualTo(2);

        assertThat(err.toString())
                .contains("Line 3 of 'ragged.csv' has 2 values but the header has 3 columns")
                .contains("only one class")
                .contains("newer LayerLab")
                .contains("Epochs must be between 1")
                .contains("--data FILE.csv")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
