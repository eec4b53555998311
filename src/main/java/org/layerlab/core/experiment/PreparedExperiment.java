package org.layerlab.core.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.Version;
import org.layerlab.core.bundle.BundleInfo;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.data.Column;
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
import org.layerlab.core.preprocess.ExampleSet;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.FittedPipeline;
import org.layerlab.core.preprocess.Preprocessing;
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
        labels.classCounts(); // counted here, in the background, for the class-balance view
        List<String> notes = new ArrayList<>();
        int unlabelled = table.rowCount() - split.train().length - split.validation().length - split.test().length;
        if (unlabelled > 0) {
            notes.add(unlabelled + " rows have no value in the label column '" + project.labelColumn()
                    + "' and are left out.");
        }
        Features features = Features.fit(project, table, split, notes);
        split = features.split();
        FeatureEncoder encoder = features.encoder();
        int[] classOfRow = labels.classOfRow();
        PreparedData data = new PreparedData(
                encoder.encodeTransformed(features.transformed(), split.train(), classOfRow),
                encoder.encodeTransformed(features.transformed(), split.validation(), classOfRow),
                encoder.encodeTransformed(features.transformed(), split.test(), classOfRow),
                encoder.inputNames(), labels.classNames(), notes);
        return new PreparedExperiment(project, table, labels, split, encoder, data);
    }

    /**
     * The feature encoding fitted on the training rows: the fixed default, or the user's pipeline followed by the
     * encoding of what it leaves. A pipeline may drop rows (rows with missing values): they leave every split.
     *
     * @param transformed the table as the encoder reads it (the pipeline's output, or the table itself)
     */
    private record Features(FeatureEncoder encoder, Table transformed, Split split) {
        static Features fit(Project project, Table table, Split split, List<String> notes) {
            Preprocessing preprocessing = project.preprocessing();
            if (!preprocessing.hasPipeline()) {
                return new Features(FeatureEncoder.fit(table, project.labelColumn(), preprocessing, split.train(),
                        notes), table, split);
            }
            FittedPipeline pipeline = FittedPipeline.fit(preprocessing.steps(), table, project.labelColumn(),
                    preprocessing.excludedColumns(), split.train(), notes);
            FittedPipeline.Output output = pipeline.transform(table);
            boolean[] dropped = output.droppedRows();
            Split kept = new Split(FittedPipeline.keep(split.train(), dropped),
                    FittedPipeline.keep(split.validation(), dropped), FittedPipeline.keep(split.test(), dropped));
            int droppedRows = split.train().length + split.validation().length + split.test().length
                    - kept.train().length - kept.validation().length - kept.test().length;
            if (droppedRows > 0) {
                notes.add(droppedRows + " rows with missing values are left out (" + kept.train().length
                        + " training rows remain).");
            }
            if (kept.train().length == 0) {
                throw new DataProblem("The preprocessing steps leave no training rows: every row misses a value "
                        + "somewhere. Impute missing values first, or drop rows only for a few columns.");
            }
            FeatureEncoder encoder = FeatureEncoder.fitAfter(pipeline, output.table(), project.labelColumn(),
                    preprocessing.excludedColumns(), kept.train(), notes);
            return new Features(encoder, output.table(), kept);
        }
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
        Features features = Features.fit(project, table, split, notes);
        split = features.split();
        FeatureEncoder encoder = features.encoder();
        Table transformed = features.transformed();
        TargetScaler target = TargetScaler.fit(label, numbers.values(), split.train());
        PreparedData data = new PreparedData(
                encoder.encodeTransformed(transformed, split.train(), rowsWithValue)
                        .withTargets(target.standardize(numbers.values(), split.train())),
                encoder.encodeTransformed(transformed, split.validation(), rowsWithValue)
                        .withTargets(target.standardize(numbers.values(), split.validation())),
                encoder.encodeTransformed(transformed, split.test(), rowsWithValue)
                        .withTargets(target.standardize(numbers.values(), split.test())),
                encoder.inputNames(), List.of(label), notes, target);
        return new PreparedExperiment(project, table, labels, split, encoder, data);
    }

    /**
     * The training rows of the project's split before any preprocessing step drops rows: what the pipeline is
     * fitted on (and what its preview shows).
     */
    public static int[] trainingRows(Project project, Table table) {
        int[] classOfRow;
        if (project.taskFor(table) == TaskType.REGRESSION) {
            Column label = table.column(project.labelColumn());
            classOfRow = new int[label.size()];
            for (int row = 0; row < classOfRow.length; row++) {
                classOfRow[row] = label.isMissing(row) ? -1 : 0;
            }
        } else {
            classOfRow = LabelEncoding.of(table, project.labelColumn()).classOfRow();
        }
        return Split.stratified(classOfRow, project.split()).train();
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
        ExampleSet test = data.test();
        return Evaluation.of(data.classNames(), test.labels(), model.predictClasses(test));
    }
}
