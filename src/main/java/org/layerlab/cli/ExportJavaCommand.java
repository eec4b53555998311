package org.layerlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.layerlab.core.data.TableReader;
import org.layerlab.core.dl4j.Dl4jJavaSource;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code layerlab export-java PROJECT --out Model.java}: the project's network as a plain DL4J Java class. */
@Command(name = "export-java", mixinStandardHelpOptions = true,
        description = {"Write the project's network as a runnable Java class using plain Deeplearning4j.",
                "Run it with: java -cp <DL4J jars> Model.java [network.zip from a saved model] "
                        + "(or java -cp target/layerlab.jar Model.java)."})
public final class ExportJavaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT_FILE", description = "A LayerLab project file.")
    Path projectFile;

    @Option(names = "--out", required = true, paramLabel = "Model.java",
            description = "The Java file to write; its name (without .java) is the class name.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Project project = ProjectStore.load(projectFile);
        PreparedExperiment experiment = PreparedExperiment.prepare(project, TableReader.read(project.dataFile()));
        String fileName = out.getFileName().toString();
        String className = fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : fileName;
        String source = Dl4jJavaSource.of(project.network(), experiment.data().signature(), project.training(),
                className);
        AtomicFiles.write(out, source.getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("Wrote " + out + " (class " + className + "). Run it with: java -cp "
                + "target/layerlab.jar " + out + " [network.zip]");
        return 0;
    }
}
