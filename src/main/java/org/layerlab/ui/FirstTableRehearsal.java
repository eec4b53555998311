package org.layerlab.ui;

import java.nio.file.Path;
import java.util.List;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.LabelGuesser;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.Table;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainingConfig;

/**
 * Runs, on the warm-up thread, the core's side of opening a table, on a made-up table of a few rows: reading it,
 * the project and the prepared data made from it, and what the window's listeners ask of them when a table arrives
 * (comparing projects and experiments, describing the pipeline's steps, checking the network against the data).
 *
 * <p>The first call of a record's {@code equals} or of a string concatenation links its call site, a few
 * milliseconds each while the JVM is cold. Done first in the pulse that shows a large table, these took a tenth of
 * the FX thread's time while the table appeared (docs/decisions/0031). Only core code runs here, no JavaFX.
 */
final class FirstTableRehearsal {
    /** Numbers, a missing value, a category and a label with three classes: what the usual tables hold. */
    private static final String TABLE = """
            width,height,colour,weight,kind
            1.5,2,red,0.25,a
            2.5,,blue,0.5,b
            3,4.25,red,0.75,c
            4.5,5,green,1,a
            5,6.5,blue,1.25,b
            6.5,7,red,1.5,c
            7,8.5,green,1.75,a
            8.5,9,blue,2,b
            9,10.5,red,2.25,c
            10.5,11,green,2.5,a
            11,12.5,blue,2.75,b
            12.5,13,red,3,c
            """;

    /** Where {@link #run} leaves its number. */
    @SuppressWarnings("unused")
    private static volatile int sink;

    private FirstTableRehearsal() {
    }

    /**
     * Rehearses. Returns the prepared made-up table (for tests: the warm-up itself ignores failures, so a rehearsal
     * that broke would go unnoticed) after {@link #sink} has taken a number made from every result, so that none
     * of the work can be left out as unused.
     */
    static PreparedExperiment run() {
        Table table = CsvReader.parse("rehearsal.csv", TABLE);
        String label = LabelGuesser.guess(table).orElse("kind");
        Project project = new Project(Path.of("rehearsal.csv").toAbsolutePath(), label, SplitSettings.defaults(),
                new Preprocessing(true, List.of()), NetworkGraph.defaultGraph(), TrainingConfig.defaults());
        Project other = new Project(Path.of("other.csv").toAbsolutePath(), label, SplitSettings.defaults(),
                new Preprocessing(false, List.of("colour")), NetworkGraph.defaultGraph(), TrainingConfig.defaults());
        PreparedExperiment experiment = PreparedExperiment.prepare(project, table);
        Table otherTable = CsvReader.parse("other.csv", TABLE.replace("red", "pink"));
        PreparedExperiment again = PreparedExperiment.prepare(other, otherTable);
        int result = (project.equals(other) ? 1 : 0) + (experiment.equals(again) ? 1 : 0)
                + (table.equals(otherTable) ? 1 : 0) + project.hashCode();
        List<PipelineStep> steps = project.preprocessing().stepsOrDefault();
        for (PipelineStep step : steps) {
            result += step.describe().length() + (step.equals(steps.get(0)) ? 1 : 0);
        }
        DataSignature signature = experiment.data().signature();
        GraphAnalysis analysis = ShapeInference.analyse(project.network(), signature);
        result += (signature.equals(again.data().signature()) ? 1 : 0)
                + (analysis.equals(ShapeInference.analyse(other.network(), again.data().signature())) ? 1 : 0);
        sink = result;
        return experiment;
    }
}
