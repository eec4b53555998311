package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;

class ExportJavaCommandTest {
    @TempDir
    Path folder;

    @Test
    void writesAJavaClassNamedAfterTheFile() throws IOException {
        Path project = folder.resolve("iris" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(Path.of("samples/iris/iris.csv").toAbsolutePath(), "species"), project);
        Path java = folder.resolve("IrisNetwork.java");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "export-java", project.toString(), "--out", java.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(java)).contains("public class IrisNetwork").contains("new DenseLayer.Builder().nIn(4).nOut(64)")
                .contains("InputType.feedForward(4)");
        assertThat(out.toString()).contains("class IrisNetwork");
        assertThat(LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "export-java", project.toString(), "--out", folder.resolve("bad name.java").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not a good Java class name");
    }
}
