package org.layerlab.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.Table;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.PermutationImportance;
import org.layerlab.core.evaluate.ProbabilisticEvaluation;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.experiment.RunReport;
import org.layerlab.core.export.HtmlReport;
import org.layerlab.core.images.ImageEntry;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.train.TrainedModel;
import org.layerlab.core.train.TrainingResult;

/** The Evaluate step: the last run's metrics on the test rows, formatted for reading. */
public final class EvaluateViewModel {
    private final ProjectViewModel shared;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyStringWrapper accuracyText = new ReadOnlyStringWrapper(this, "accuracyText", "–");
    private final ReadOnlyStringWrapper macroPrecisionText = new ReadOnlyStringWrapper(this, "macroPrecisionText", "–");
    private final ReadOnlyStringWrapper macroRecallText = new ReadOnlyStringWrapper(this, "macroRecallText", "–");
    private final ReadOnlyStringWrapper macroF1Text = new ReadOnlyStringWrapper(this, "macroF1Text", "–");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    /** "test rows" for a table, "test images" for an image folder: what the headings call the test split. */
    private final ReadOnlyStringWrapper testItems = new ReadOnlyStringWrapper(this, "testItems", "test rows");
    private final ObservableList<ClassMetrics> classMetrics = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper weightedText = new ReadOnlyStringWrapper(this, "weightedText", "");
    private final ReadOnlyStringWrapper macroAucText = new ReadOnlyStringWrapper(this, "macroAucText", "–");
    private final ReadOnlyStringWrapper topKText = new ReadOnlyStringWrapper(this, "topKText", "");
    private final ReadOnlyObjectWrapper<TestProbabilities> probabilities =
            new ReadOnlyObjectWrapper<>(this, "probabilities");
    private final DefaultCategoryDataset importanceData =
            new DefaultCategoryDataset();
    private final ReadOnlyStringWrapper importanceNote = new ReadOnlyStringWrapper(this, "importanceNote", "");
    private final ReadOnlyObjectWrapper<Cell> selectedCell = new ReadOnlyObjectWrapper<>(this, "selectedCell");
    private final ReadOnlyStringWrapper cellTitle = new ReadOnlyStringWrapper(this, "cellTitle", "");
    private final ObservableList<CellRow> cellRows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper regressionAvailable = new ReadOnlyBooleanWrapper(this, "regressionAvailable");
    private final ReadOnlyStringWrapper maeText = new ReadOnlyStringWrapper(this, "maeText", "–");
    private final ReadOnlyStringWrapper rmseText = new ReadOnlyStringWrapper(this, "rmseText", "–");
    private final ReadOnlyStringWrapper r2Text = new ReadOnlyStringWrapper(this, "r2Text", "–");
    private final ReadOnlyStringWrapper regressionSummary = new ReadOnlyStringWrapper(this, "regressionSummary", "");
    private final XYSeriesCollection predictedVsActual = new XYSeriesCollection();
    private final XYSeriesCollection residuals = new XYSeriesCollection();
    /** Bumped on every new evaluation, so that probabilities of an older model are dropped. */
    private long generation;

    private final RunComparisonViewModel comparison;

    public EvaluateViewModel(ProjectViewModel shared) {
        this.shared = shared;
        this.comparison = new RunComparisonViewModel(shared);
        shared.imageExperimentProperty().addListener((obs, old, images) -> testItems.set(testItemsOf(images)));
        testItems.set(testItemsOf(shared.getImageExperiment()));
        shared.evaluationProperty().addListener((obs, old, evaluation) -> show(evaluation));
        show(shared.evaluationProperty().get());
        shared.regressionResultProperty().addListener((obs, old, result) -> showRegression(result));
        showRegression(shared.regressionResultProperty().get());
    }

    private static String testItemsOf(ImageExperiment images) {
        return images == null ? "test rows" : "test images";
    }

    /** "test rows", or "test images" when an image folder is open: for headings such as "Evaluation on the …". */
    public ReadOnlyStringProperty testItemsProperty() {
        return testItems.getReadOnlyProperty();
    }

    /** Regression: MAE, RMSE and R², and one point per test row (actual across, predicted up). */
    private void showRegression(RegressionResult result) {
        regressionAvailable.set(result != null);
        predictedVsActual.removeAllSeries();
        residuals.removeAllSeries();
        if (result != null) {
            computeRegressionImportance();
        }
        if (result == null) {
            maeText.set("–");
            rmseText.set("–");
            r2Text.set("–");
            regressionSummary.set("");
            return;
        }
        maeText.set(String.format(Locale.ROOT, "%.4g", result.metrics().meanAbsoluteError()));
        rmseText.set(String.format(Locale.ROOT, "%.4g", result.metrics().rootMeanSquaredError()));
        r2Text.set(format(result.metrics().r2()));
        regressionSummary.set(String.format(Locale.ROOT, "On %d test rows the predictions are off by %.4g on "
                        + "average; R² %.3f means the model explains %.0f%% of how much the value varies "
                        + "(0%% would be no better than always guessing the average).", result.metrics().count(),
                result.metrics().meanAbsoluteError(), result.metrics().r2(), Math.max(0, 100 * result.metrics().r2())));
        XYSeries points = new XYSeries("test rows", false, true);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < result.actual().length; i++) {
            points.add(result.actual()[i], result.predicted()[i], false);
            low = Math.min(low, Math.min(result.actual()[i], result.predicted()[i]));
            high = Math.max(high, Math.max(result.actual()[i], result.predicted()[i]));
        }
        predictedVsActual.addSeries(points);
        if (low <= high) {
            XYSeries ideal = new XYSeries(Charts.IDEAL_LINE, false, true);
            ideal.add(low, low);
            ideal.add(high, high);
            predictedVsActual.addSeries(ideal);
        }
        // Residuals against the prediction: a pattern (a curve, a funnel) says what the model systematically misses.
        XYSeries errors = new XYSeries("test rows", false, true);
        double lowPrediction = Double.POSITIVE_INFINITY;
        double highPrediction = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < result.actual().length; i++) {
            errors.add(result.predicted()[i], result.actual()[i] - result.predicted()[i], false);
            lowPrediction = Math.min(lowPrediction, result.predicted()[i]);
            highPrediction = Math.max(highPrediction, result.predicted()[i]);
        }
        residuals.addSeries(errors);
        if (lowPrediction <= highPrediction) {
            XYSeries zero = new XYSeries(Charts.IDEAL_LINE, false, true);
            zero.add(lowPrediction, 0);
            zero.add(highPrediction, 0);
            residuals.addSeries(zero);
        }
    }

    /** Series 0: one point per test row (predicted across, actual − predicted up); series 1: the zero line. */
    public XYSeriesCollection residuals() {
        return residuals;
    }

    /** "Compare with…": the shown run against an earlier one. */
    public RunComparisonViewModel comparison() {
        return comparison;
    }

    public ReadOnlyBooleanProperty regressionAvailableProperty() {
        return regressionAvailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty maeTextProperty() {
        return maeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rmseTextProperty() {
        return rmseText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty r2TextProperty() {
        return r2Text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty regressionSummaryProperty() {
        return regressionSummary.getReadOnlyProperty();
    }

    /** Series 0: one point per test row; series 1: the line where predicted equals actual. */
    public XYSeriesCollection predictedVsActual() {
        return predictedVsActual;
    }

    /**
     * The curves need the probabilities, not only the answers: they are computed on the worker thread after each
     * evaluation (the engine is slow to call, and must not hold up the window).
     */
    private void computeProbabilities(Evaluation evaluation) {
        long current = ++generation;
        importanceData.clear();
        importanceNote.set("");
        selectedCell.set(null);
        probabilities.set(null);
        fillCellRows();
        macroAucText.set("–");
        topKText.set("");
        TrainingResult result = shared.trainingResultProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        ImageExperiment images = shared.getImageExperiment();
        if (evaluation == null || result == null || result.model() == null || (experiment == null && images == null)) {
            return;
        }
        TrainedModel model = result.model();
        shared.inBackground(() -> experiment != null ? TestProbabilities.of(experiment, model)
                : TestProbabilities.ofImages(images, model), computed -> {
            if (current == generation) {
                showProbabilities(computed);
            }
        }, failure -> {
            if (current == generation) {
                shared.showError("The ROC and precision-recall curves could not be computed. "
                        + UserMessages.of(failure));
            }
        });
    }

    private void showProbabilities(TestProbabilities computed) {
        ProbabilisticEvaluation curves = computed.curves();
        macroAucText.set(Double.isNaN(curves.macroAuc()) ? "–" : format(curves.macroAuc()));
        if (curves.classes().size() > 5) {
            List<String> parts = new ArrayList<>();
            for (int k = 1; k <= 5; k++) {
                parts.add("top-" + k + " " + format(curves.topK(k)));
            }
            topKText.set("Right class among the k most probable: " + String.join(" · ", parts));
        } else {
            topKText.set("");
        }
        probabilities.set(computed);
        fillCellRows();
        if (computed.experiment() != null) {
            computeImportance(computed);
        }
    }

    /** Columns shown in the importance chart: the rest are listed as a count. */
    static final int MAX_IMPORTANCE_BARS = 15;

    /** After the curves (it predicts the test rows once per column and repeat), on the worker thread. */
    private void computeImportance(TestProbabilities computed) {
        long current = generation;
        TrainingResult result = shared.trainingResultProperty().get();
        if (result == null || result.model() == null) {
            return;
        }
        PreparedExperiment experiment = computed.experiment();
        TrainedModel model = result.model();
        importanceNote.set("Measuring how much each column matters…");
        shared.inBackground(() -> PermutationImportance.of(experiment.table(),
                experiment.encoder(), experiment.split().test(), experiment.labels().classOfRow(), model,
                IMPORTANCE_REPEATS, IMPORTANCE_SEED), importance -> {
                    if (current == generation) {
                        showImportance(importance);
                    }
                }, failure -> {
                    if (current == generation) {
                        importanceNote.set("How much each column matters could not be measured. "
                                + UserMessages.of(failure));
                    }
                });
    }

    /** Regression: how much the mean absolute error grows when each column is shuffled, on the worker thread. */
    private void computeRegressionImportance() {
        long current = ++generation;
        importanceData.clear();
        importanceNote.set("");
        TrainingResult result = shared.trainingResultProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        if (result == null || result.model() == null || experiment == null || !experiment.data().isRegression()) {
            return;
        }
        TrainedModel model = result.model();
        importanceNote.set("Measuring how much each column matters…");
        shared.inBackground(() -> PermutationImportance.ofRegression(experiment.table(), experiment.encoder(),
                experiment.split().test(), experiment.actualTestValues(), model, experiment.data().target()::restore,
                IMPORTANCE_REPEATS, IMPORTANCE_SEED), importance -> {
                    if (current == generation) {
                        showImportance(importance);
                    }
                }, failure -> {
                    if (current == generation) {
                        importanceNote.set("How much each column matters could not be measured. "
                                + UserMessages.of(failure));
                    }
                });
    }

    private static final int IMPORTANCE_REPEATS = 3;
    private static final long IMPORTANCE_SEED = 42;

    private void showImportance(PermutationImportance importance) {
        importanceData.clear();
        List<PermutationImportance.Entry> entries = importance.entries();
        boolean error = importance.measure() == PermutationImportance.Measure.MEAN_ABSOLUTE_ERROR;
        String lost = error ? "mean absolute error added" : "accuracy lost";
        for (int i = 0; i < Math.min(MAX_IMPORTANCE_BARS, entries.size()); i++) {
            importanceData.addValue(entries.get(i).drop(), lost, entries.get(i).column());
        }
        int hidden = Math.max(0, entries.size() - MAX_IMPORTANCE_BARS);
        importanceNote.set("Each column's values were shuffled among the test rows " + IMPORTANCE_REPEATS
                + " times; the bar is the " + lost + " on average (from " + (error
                ? String.format(Locale.ROOT, "%.4g", importance.baseline()) : format(importance.baseline()))
                + "). A long bar: the model relies on that column. Near zero: it could do without it."
                + (hidden == 0 ? "" : " The " + hidden + " columns that matter least are not shown."));
    }

    /**
     * Lists the test rows behind one cell of the confusion matrix (true class {@code actual}, predicted
     * {@code predicted}), most confident first: where to look for mislabelled or hard examples.
     */
    public void selectCell(int actual, int predicted) {
        selectedCell.set(new Cell(actual, predicted));
        fillCellRows();
    }

    public void clearCell() {
        selectedCell.set(null);
        fillCellRows();
    }

    private void fillCellRows() {
        Cell cell = selectedCell.get();
        TestProbabilities computed = probabilities.get();
        if (cell == null) {
            cellTitle.set("");
            cellRows.clear();
            return;
        }
        if (computed == null) {
            cellTitle.set("Finding the rows…");
            cellRows.clear();
            return;
        }
        List<String> classes = computed.curves().classes();
        boolean ofImages = computed.images() != null;
        int[] tableRows = ofImages ? null : computed.experiment().split().test();
        Table table = ofImages ? null : computed.experiment().table();
        List<CellRow> rows = new ArrayList<>();
        for (int i = 0; i < computed.probabilities().length; i++) {
            float[] p = computed.probabilities()[i];
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            if (computed.actual()[i] != cell.actual() || best != cell.predicted()) {
                continue;
            }
            if (ofImages) {
                Path file = computed.images().get(i).file();
                rows.add(new CellRow(i, List.of(String.valueOf(file.getFileName())), classes.get(best), p[best],
                        p[computed.actual()[i]], file));
                continue;
            }
            int row = tableRows[i];
            List<String> values = new ArrayList<>(table.columnCount());
            for (Column column : table.columns()) {
                values.add(column.isMissing(row) ? "" : column.text(row));
            }
            rows.add(new CellRow(row, values, classes.get(best), p[best], p[computed.actual()[i]], null));
        }
        rows.sort(Comparator.comparingDouble(CellRow::predictedProbability).reversed());
        String actualName = classes.get(cell.actual());
        String predictedName = classes.get(cell.predicted());
        String what = cell.actual() == cell.predicted()
                ? "'" + actualName + "' predicted right"
                : "'" + actualName + "' predicted as '" + predictedName + "'";
        String unit = ofImages ? (rows.size() == 1 ? "image" : "images") : (rows.size() == 1 ? "row" : "rows");
        cellTitle.set(String.format("%,d test %s %s, most confident first.", rows.size(), unit, what)
                + (cell.actual() == cell.predicted() ? " Low confidence marks the hard ones."
                : " Confident mistakes are worth a look: the label may be wrong."));
        cellRows.setAll(rows);
    }

    /** A cell of the confusion matrix: true class and predicted class, as indices. */
    public record Cell(int actual, int predicted) {
    }

    /**
     * One test row (or test image) behind a confusion-matrix cell.
     *
     * @param tableRow  the row in the original table (from 0); for an image, its place among the test images
     * @param values    that row's values in the table, column by column, as text; for an image, its file name
     * @param imageFile the image's file when the run is on an image folder; null for a table
     */
    public record CellRow(int tableRow, List<String> values, String predicted, double predictedProbability,
                          double trueProbability, Path imageFile) {
    }

    /**
     * The model's class probabilities for every test row (or test image), and the curves made from them.
     *
     * @param experiment    the table's experiment; null for a run on an image folder
     * @param probabilities one row per test row (in the order of {@code experiment.split().test()}, or of
     *                      {@code images})
     * @param images        the test images in the order of the rows; null for a table
     */
    public record TestProbabilities(PreparedExperiment experiment, float[][] probabilities, int[] actual,
                                    ProbabilisticEvaluation curves, List<ImageEntry> images) {
        static TestProbabilities of(PreparedExperiment experiment, TrainedModel model) {
            float[][] probabilities = model.predictProbabilities(experiment.data().test());
            int[] actual = experiment.data().test().labels();
            return new TestProbabilities(experiment, probabilities, actual,
                    ProbabilisticEvaluation.of(experiment.data().classNames(), probabilities, actual), null);
        }

        static TestProbabilities ofImages(ImageExperiment experiment, TrainedModel model) {
            float[][] probabilities = model.predictProbabilities(experiment.data().test());
            int[] actual = experiment.data().test().labels();
            return new TestProbabilities(null, probabilities, actual,
                    ProbabilisticEvaluation.of(experiment.data().classNames(), probabilities, actual),
                    experiment.testImages());
        }
    }

    private void show(Evaluation evaluation) {
        available.set(evaluation != null);
        if (evaluation == null) {
            accuracyText.set("–");
            macroPrecisionText.set("–");
            macroRecallText.set("–");
            macroF1Text.set("–");
            summary.set("");
            classMetrics.clear();
            weightedText.set("");
            computeProbabilities(null);
            return;
        }
        accuracyText.set(format(evaluation.accuracy()));
        macroPrecisionText.set(format(evaluation.macroPrecision()));
        macroRecallText.set(format(evaluation.macroRecall()));
        macroF1Text.set(format(evaluation.macroF1()));
        int correct = 0;
        for (int c = 0; c < evaluation.classes().size(); c++) {
            correct += evaluation.confusion()[c][c];
        }
        summary.set(String.format("Measured on the %,d %s, which the network never saw while training: "
                + "%,d right, %,d wrong.", evaluation.total(), testItemsOf(shared.getImageExperiment()), correct,
                evaluation.total() - correct));
        List<ClassMetrics> rows = new ArrayList<>();
        for (int c = 0; c < evaluation.classes().size(); c++) {
            rows.add(new ClassMetrics(evaluation.classes().get(c), evaluation.precision(c), evaluation.recall(c),
                    evaluation.f1(c), evaluation.support(c)));
        }
        classMetrics.setAll(rows);
        weightedText.set("Weighted by class size: precision " + format(evaluation.weightedPrecision()) + " · recall "
                + format(evaluation.weightedRecall()) + " · F1 " + format(evaluation.weightedF1()));
        computeProbabilities(evaluation);
    }

    /** Writes the last run as a self-contained HTML page (atomically, in the background). */
    public void exportReport(Path file) {
        Evaluation evaluation = shared.evaluationProperty().get();
        RegressionResult regression = shared.regressionResultProperty().get();
        TrainingResult result = shared.trainingResultProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        ImageExperiment images = shared.getImageExperiment();
        org.layerlab.core.project.Project reported = shared.getProject();
        if ((evaluation == null && regression == null) || result == null || (experiment == null && images == null)) {
            shared.showError("There is no result to report yet: train a network first (step 3).");
            return;
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Path target = name.toLowerCase(Locale.ROOT).endsWith(".html") ? file
                : file.resolveSibling(name + ".html");
        shared.inBackground(() -> {
            String html = images != null
                    ? HtmlReport.of(RunReport.toJson(reported, images.data(), result, evaluation),
                            "LayerLab report: the images of " + images.folder().root().getFileName())
                    : HtmlReport.of(evaluation != null ? RunReport.toJson(experiment, result, evaluation)
                            : RunReport.toJson(experiment, result, regression.metrics(), regression.actual(),
                                    regression.predicted()),
                            "LayerLab report: " + experiment.table().source());
            AtomicFiles.write(target, html.getBytes(StandardCharsets.UTF_8));
            return target;
        }, written -> shared.statusProperty().set("Wrote the report to " + written + "."), failure -> {
            shared.statusProperty().set("The report was not written.");
            shared.showError("The report could not be written to '" + target + "': " + UserMessages.of(failure)
                    + " Check that you may write there.");
        });
    }

    /** Metrics are shown with three decimals, the same everywhere, whatever the computer's language. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** One row of the per-class table. */
    public record ClassMetrics(String className, double precision, double recall, double f1, int support) {
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() {
        return shared.evaluationProperty();
    }

    public ReadOnlyStringProperty accuracyTextProperty() {
        return accuracyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macroPrecisionTextProperty() {
        return macroPrecisionText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macroRecallTextProperty() {
        return macroRecallText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macroF1TextProperty() {
        return macroF1Text.getReadOnlyProperty();
    }

    /** Weighted precision, recall and F1 on one line. */
    public ReadOnlyStringProperty weightedTextProperty() {
        return weightedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macroAucTextProperty() {
        return macroAucText.getReadOnlyProperty();
    }

    /** Top-1…5 accuracy when there are more than 5 classes; empty otherwise. */
    public ReadOnlyStringProperty topKTextProperty() {
        return topKText.getReadOnlyProperty();
    }

    /** The test rows' probabilities and curves; null until computed after an evaluation. */
    public ReadOnlyObjectProperty<TestProbabilities> probabilitiesProperty() {
        return probabilities.getReadOnlyProperty();
    }

    /** Accuracy lost per input column (largest first, at most {@value #MAX_IMPORTANCE_BARS}). */
    public DefaultCategoryDataset importanceData() {
        return importanceData;
    }

    public ReadOnlyStringProperty importanceNoteProperty() {
        return importanceNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Cell> selectedCellProperty() {
        return selectedCell.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cellTitleProperty() {
        return cellTitle.getReadOnlyProperty();
    }

    /** The test rows behind the selected cell; empty when none is selected. */
    public ObservableList<CellRow> cellRows() {
        return cellRows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<ClassMetrics> classMetrics() {
        return classMetrics;
    }

    public ProjectViewModel shared() {
        return shared;
    }
}
