package org.layerlab.core.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.Version;
import org.layerlab.core.bundle.BundleInfo;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.data.LabelEncoding;
import org.layerlab.core.data.Split;
import org.layerlab.core.data.Table;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainedModel;

/**
 * A project applied to its table: the label's classes, the stratified split, the feature encoding fitted on
 * the training rows, and the encoded splits ready for a trainer.
 */
public record PreparedExperiment(Project project, Table table, LabelEncoding labels, Split split,
                                 FeatureEncoder encoder, PreparedData data) {

    public static PreparedExperiment prepare(Project project, Table table) {
        LabelEncoding labels = LabelEncoding.of(table, project.labelColumn());
        Split split = Split.stratified(labels.classOfRow(), project.split());
        List<String> notes = new ArrayList<>();
        int unlabelled = table.rowCount() - split.train().length - split.validation().length - split.test().length;
        if (unlabelled > 0) {
            notes.add(unlabelled + " rows have no value in the label column '" + project.labelColumn()
                    + "' and are left out.");
        }
        FeatureEncoder encoder = FeatureEncoder.fit(table, project.labelColumn(), project.preprocessing(),
                split.train(), notes);
        int[] classOfRow = labels.classOfRow();
        PreparedData data = new PreparedData(
                encoder.encode(table, split.train(), classOfRow),
                encoder.encode(table, split.validation(), classOfRow),
                encoder.encode(table, split.test(), classOfRow),
                encoder.inputNames(), labels.classNames(), notes);
        return new PreparedExperiment(project, table, labels, split, encoder, data);
    }

    /** The trained model packed with this experiment's fitted encoding, classes and test metrics, ready to save. */
    public ModelBundle bundle(TrainedModel model, Evaluation test) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", test.accuracy());
        metrics.put("macro_f1", test.macroF1());
        return new ModelBundle(model, encoder, data.classNames(),
                new BundleInfo(Version.current(),
                        project.dataFile().getFileName().toString(), project.labelColumn(),
                        Instant.now().toString(), metrics));
    }

    /** The same prepared data with another network (the network does not change how data is prepared). */
    public PreparedExperiment withNetwork(NetworkGraph network) {
        return new PreparedExperiment(project.withNetwork(network), table, labels, split, encoder, data);
    }

    /** The model's metrics on the test split. */
    public Evaluation evaluateOnTest(TrainedModel model) {
        EncodedSet test = data.test();
        return Evaluation.of(data.classNames(), test.labels(), model.predictClasses(test));
    }
}
