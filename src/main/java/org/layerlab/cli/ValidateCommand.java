package org.layerlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.core.data.TableReader;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code layerlab validate PROJECT_FILE}: checks a saved network against its data without training — each layer's
 * output shape and parameter count, then every problem with its suggested fix. Exit code 0 when the network can
 * train, 1 when it has errors, 2 when the project or its data cannot be read.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a project's network against its data without training: each layer's output shape "
                + "and parameters, then every problem and its suggested fix.",
                "Exit code 0 when the network can train, 1 when it has errors, 2 when the project cannot be read."})
public final class ValidateCommand implements Callable<Integer> {
    static final int HAS_ERRORS = 1;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT_FILE", description = "A LayerLab project file (" + ProjectStore.EXTENSION + ").")
    Path projectFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Project project = ProjectStore.load(projectFile);
        if (!Files.exists(project.dataFile())) {
            throw new DataProblem("The project's data file '" + project.dataFile() + "' does not exist. The network's "
                    + "shapes depend on the data: move the file back, or open the project in the app and choose it "
                    + "again.");
        }
        DataSignature data = project.isImageFolder()
                ? ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false).data().signature()
                : PreparedExperiment.prepare(project, TableReader.read(project.dataFile())).data().signature();
        out.printf(Locale.ROOT, "Data: %s, label '%s': %s values per example, %d classes%n",
                project.dataFile().getFileName(), project.labelColumn(), data.input().describe(), data.classes());
        out.println();
        GraphAnalysis analysis = ShapeInference.analyse(project.network(), data);
        NetworkReport.printTable(out, project.network(), analysis);
        out.println();
        if (analysis.problems().isEmpty()) {
            out.println("No problems: the network can train.");
        } else {
            long errors = analysis.errors().size();
            long warnings = analysis.problems().size() - errors;
            out.printf(Locale.ROOT, "%d error%s, %d warning%s%s%n", errors, errors == 1 ? "" : "s", warnings,
                    warnings == 1 ? "" : "s", errors == 0 ? ": the network can train." : ":");
            NetworkReport.printProblems(out, project.network(), analysis);
        }
        out.flush();
        return analysis.trainable() ? 0 : HAS_ERRORS;
    }
}
