package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From the command line: train and save a model, then predict a file with it. */
class PredictAndServeCommandTest {
    @TempDir
    static Path folder;
    private static Path model;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @BeforeAll
    static void trainIris() {
        model = folder.resolve("iris.llmodel");
        int exit = LayerLabCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "train", "--data", "samples/iris/iris.csv", "--epochs", "40", "--save-model", model.toString());
        assertThat(exit).isZero();
    }

    @Test
    void predictsEveryRowOfAFileIntoACsv() throws IOException {
        Path predictions = folder.resolve("predictions.csv");

        int exit = run("predict", model.toString(), "--data", "samples/iris/iris.csv", "--out", predictions.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("row,predicted,p(setosa),p(versicolor),p(virginica)");
        assertThat(lines).hasSize(151);
        assertThat(lines.get(1)).startsWith("1,setosa,");
        long correct = 0;
        List<String> truth = Files.readAllLines(Path.of("samples/iris/iris.csv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = truth.get(i).split(",");
            if (lines.get(i).split(",")[1].equals(cells[cells.length - 1])) {
                correct++;
            }
        }
        assertThat(correct).isGreaterThan(130);
        assertThat(out.toString()).contains("Predicted 150 rows");
    }

    @Test
    void aFileWithoutTheModelsColumnsSaysWhichAreMissing() throws IOException {
        Path other = Files.writeString(folder.resolve("other.csv"), "sepal_length,colour\n1,red\n");

        assertThat(run("predict", model.toString(), "--data", other.toString(), "--out",
                folder.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("lacks the columns sepal_width, petal_length, petal_width");
    }

    @Test
    void aDamagedModelFileIsRefusedClearly() throws IOException {
        Path broken = Files.writeString(folder.resolve("broken.llmodel"), "not a zip");

        assertThat(run("serve", broken.toString(), "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("not a readable zip");
    }
}
