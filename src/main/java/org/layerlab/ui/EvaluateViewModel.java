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
import org.layerlab.core.evaluate.Evaluation;

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

    public EvaluateViewModel(ProjectViewModel shared) {
        this.shared = shared;
        shared.evaluationProperty().addListener((obs, old, evaluation) -> show(evaluation));
        show(shared.evaluationProperty().get());
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
