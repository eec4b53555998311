package org.layerlab.core.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.Version;
import org.layerlab.core.bundle.BundleInfo;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.LabelEncoding;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Split;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.TargetScaler;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainedModel;

/**
 * A project applied to its table: the label's classes, the stratified split, the feature encoding fitted on
 * the training rows, and the encoded splits ready for a trainer.
 */
public record PreparedExperiment(Project project, Table table, LabelEncoding labels, Split split,
                                 FeatureEncoder encoder, PreparedData data) {

    public static PreparedExperiment prepare(Project project, Table table) {
        if (project.taskFor(table) == TaskType.REGRESSION) {
            return prepareRegression(project, table);
        }
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

    /**
     * Regression: the label's numbers are the targets. Rows without a value are left out; the split is a plain
     * shuffle (one "class"); the targets are standardized with the training rows' mean and deviation.
     */
    private static PreparedExperiment prepareRegression(Project project, Table table) {
        String label = project.labelColumn();
        if (!(table.column(label) instanceof NumericColumn numbers)) {
            throw new DataProblem("The label column '" + label + "' holds words, so it cannot be predicted as a "
                    + "number. Choose classification as the task, or a label column of numbers.");
        }
        int[] rowsWithValue = new int[numbers.size()];
        for (int row = 0; row < rowsWithValue.length; row++) {
            rowsWithValue[row] = numbers.isMissing(row) ? -1 : 0;
        }
        LabelEncoding labels = new LabelEncoding(label, List.of(label), rowsWithValue);
        Split split = Split.stratified(rowsWithValue, project.split());
        List<String> notes = new ArrayList<>();
        int unlabelled = table.rowCount() - split.train().length - split.validation().length - split.test().length;
        if (unlabelled > 0) {
            notes.add(unlabelled + " rows have no value in the label column '" + label + "' and are left out.");
        }
        if (split.train().length == 0) {
            throw new DataProblem("The label column '" + label + "' has no values to learn from.");
        }
        FeatureEncoder encoder = FeatureEncoder.fit(table, label, project.preprocessing(), split.train(), notes);
        TargetScaler target = TargetScaler.fit(label, numbers.values(), split.train());
        PreparedData data = new PreparedData(
                encoder.encode(table, split.train(), rowsWithValue)
                        .withTargets(target.standardize(numbers.values(), split.train())),
                encoder.encode(table, split.validation(), rowsWithValue)
                        .withTargets(target.standardize(numbers.values(), split.validation())),
                encoder.encode(table, split.test(), rowsWithValue)
                        .withTargets(target.standardize(numbers.values(), split.test())),
                encoder.inputNames(), List.of(label), notes, target);
        return new PreparedExperiment(project, table, labels, split, encoder, data);
    }

    /** Classification or regression, as prepared. */
    public TaskType task() {
        return data.isRegression() ? TaskType.REGRESSION : TaskType.CLASSIFICATION;
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

    /** A trained regression model packed with this experiment's fitted encoding, target scaling and test metrics. */
    public ModelBundle bundle(TrainedModel model, RegressionEvaluation test) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mae", test.meanAbsoluteError());
        metrics.put("rmse", test.rootMeanSquaredError());
        metrics.put("r2", test.r2());
        return new ModelBundle(model, encoder, data.classNames(),
                new BundleInfo(Version.current(),
                        project.dataFile().getFileName().toString(), project.labelColumn(),
                        Instant.now().toString(), metrics), data.target());
    }

    /** The same prepared data with another network (the network does not change how data is prepared). */
    public PreparedExperiment withNetwork(NetworkGraph network) {
        return new PreparedExperiment(project.withNetwork(network), table, labels, split, encoder, data);
    }

    /** A regression model's MAE, RMSE and R² on the test split, in the label's own units. */
    public RegressionEvaluation evaluateRegressionOnTest(TrainedModel model) {
        return RegressionEvaluation.of(actualTestValues(), predictTestValues(model));
    }

    /** The label's values on the test rows (regression), in the order of {@code data().test()}. */
    public double[] actualTestValues() {
        NumericColumn numbers = (NumericColumn) table.column(project.labelColumn());
        int[] rows = split.test();
        double[] actual = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            actual[i] = numbers.value(rows[i]);
        }
        return actual;
    }

    /** A regression model's predictions for the test rows, turned back into the label's units. */
    public double[] predictTestValues(TrainedModel model) {
        float[] standardized = model.predictValues(data.test());
        double[] predicted = new double[standardized.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = data.target().restore(standardized[i]);
        }
        return predicted;
    }

    /** The model's metrics on the test split. */
    public Evaluation evaluateOnTest(TrainedModel model) {
        EncodedSet test = data.test();
        return Evaluation.of(data.classNames(), test.labels(), model.predictClasses(test));
    }
}
