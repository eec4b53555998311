package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.ProbabilisticEvaluation;
import org.layerlab.core.experiment.PreparedExperiment;
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
    private final ObservableList<ClassMetrics> classMetrics = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper weightedText = new ReadOnlyStringWrapper(this, "weightedText", "");
    private final ReadOnlyStringWrapper macroAucText = new ReadOnlyStringWrapper(this, "macroAucText", "–");
    private final ReadOnlyStringWrapper topKText = new ReadOnlyStringWrapper(this, "topKText", "");
    private final ReadOnlyObjectWrapper<TestProbabilities> probabilities =
            new ReadOnlyObjectWrapper<>(this, "probabilities");
    /** Bumped on every new evaluation, so that probabilities of an older model are dropped. */
    private long generation;

    public EvaluateViewModel(ProjectViewModel shared) {
        this.shared = shared;
        shared.evaluationProperty().addListener((obs, old, evaluation) -> show(evaluation));
        show(shared.evaluationProperty().get());
    }

    /**
     * The curves need the probabilities, not only the answers: they are computed on the worker thread after each
     * evaluation (the engine is slow to call, and must not hold up the window).
     */
    private void computeProbabilities(Evaluation evaluation) {
        long current = ++generation;
        probabilities.set(null);
        macroAucText.set("–");
        topKText.set("");
        TrainingResult result = shared.trainingResultProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        if (evaluation == null || result == null || result.model() == null || experiment == null) {
            return;
        }
        TrainedModel model = result.model();
        shared.inBackground(() -> TestProbabilities.of(experiment, model), computed -> {
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
    }

    /**
     * The model's class probabilities for every test row, and the curves made from them.
     *
     * @param probabilities one row per test row (in the order of {@code experiment.split().test()})
     */
    public record TestProbabilities(PreparedExperiment experiment, float[][] probabilities, int[] actual,
                                    ProbabilisticEvaluation curves) {
        static TestProbabilities of(PreparedExperiment experiment, TrainedModel model) {
            float[][] probabilities = model.predictProbabilities(experiment.data().test());
            int[] actual = experiment.data().test().labels();
            return new TestProbabilities(experiment, probabilities, actual,
                    ProbabilisticEvaluation.of(experiment.data().classNames(), probabilities, actual));
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
        summary.set(String.format("Measured on the %,d test rows, which the network never saw while training: "
                + "%,d right, %,d wrong.", evaluation.total(), correct, evaluation.total() - correct));
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
