package org.layerlab.core.bundle;

import java.nio.file.Path;
import java.util.Map;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.Table;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;

/**
 * A small model trained for real, once per test run, on a table with a number (with missing values) and a
 * category: "big" when size ≥ 10, which happens exactly for the red rows.
 */
public final class ShapesBundle {
    private static Table table;
    private static PreparedExperiment experiment;
    private static ModelBundle bundle;

    private ShapesBundle() {
    }

    public static synchronized Table table() {
        if (table == null) {
            StringBuilder csv = new StringBuilder("size,colour,kind\n");
            String[] colours = {"red", "green", "blue"};
            for (int i = 0; i < 120; i++) {
                double size = (i % 7) + (i % 3 == 0 ? 10 : 0);
                csv.append(i % 11 == 0 ? "" : size).append(',').append(colours[i % 3]).append(',')
                        .append(i % 3 == 0 ? "big" : "small").append('\n');
            }
            table = CsvReader.parse("shapes.csv", csv.toString());
        }
        return table;
    }

    public static synchronized PreparedExperiment experiment() {
        if (experiment == null) {
            Project project = Project.withDefaults(Path.of("shapes.csv"), "kind")
                    .withTraining(new TrainingConfig(15, 16, 0.01, 5));
            experiment = PreparedExperiment.prepare(project, table());
        }
        return experiment;
    }

    public static synchronized ModelBundle bundle() {
        if (bundle == null) {
            PreparedExperiment prepared = experiment();
            TrainingResult result = new Dl4jTrainer().train(prepared.data(), prepared.project().network(),
                    prepared.project().training(), TrainingListener.NONE, new RunControl());
            bundle = new ModelBundle(result.model(), prepared.encoder(), prepared.data().classNames(),
                    new BundleInfo("test", "shapes.csv", "kind", "2026-11-27T00:00:00Z", Map.of("accuracy", 1.0)));
        }
        return bundle;
    }
}
