package org.layerlab.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.layerlab.core.history.RunComparison;
import org.layerlab.core.history.RunRecord;

/**
 * Evaluate › "Compare with…": the run shown in the Evaluate step against an earlier run of the session, metric by
 * metric. Only runs that were measured on their test rows and predict the same kind of thing can be chosen.
 * UI thread only; the rows are a handful of numbers already computed, so nothing here is slow.
 */
public final class RunComparisonViewModel {
    private final ProjectViewModel shared;
    private final ObservableList<RunRecord> choices = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> compareWith = new SimpleObjectProperty<>(this, "compareWith");
    private final ObservableList<RunComparison.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper shownRunName = new ReadOnlyStringWrapper(this, "shownRunName", "");
    private final ReadOnlyStringWrapper otherRunName = new ReadOnlyStringWrapper(this, "otherRunName", "");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");

    public RunComparisonViewModel(ProjectViewModel shared) {
        this.shared = shared;
        shared.runs().addListener((ListChangeListener<RunRecord>) change -> refreshChoices());
        shared.evaluationProperty().addListener((obs, old, value) -> refreshChoices());
        shared.regressionResultProperty().addListener((obs, old, value) -> refreshChoices());
        compareWith.addListener((obs, old, value) -> compare());
        refreshChoices();
    }

    /** The run the Evaluate step shows: the latest run, when its test metrics are on screen. */
    public RunRecord shownRun() {
        if (shared.evaluationProperty().get() == null && shared.regressionResultProperty().get() == null) {
            return null;
        }
        List<RunRecord> runs = shared.runs();
        if (runs.isEmpty() || !runs.get(runs.size() - 1).hasTestMetrics()) {
            return null;
        }
        return runs.get(runs.size() - 1);
    }

    private void refreshChoices() {
        RunRecord shown = shownRun();
        RunRecord chosen = compareWith.get();
        if (shown == null) {
            choices.clear();
        } else {
            // Newest first: the run just before is the most likely comparison.
            List<RunRecord> comparable = shared.runs().stream()
                    .filter(run -> run != shown && run.hasTestMetrics() && run.isRegression() == shown.isRegression())
                    .sorted((a, b) -> Integer.compare(b.number(), a.number()))
                    .toList();
            choices.setAll(comparable);
        }
        shownRunName.set(shown == null ? "" : shown.name() + " (shown)");
        if (chosen != null && !choices.contains(chosen)) {
            compareWith.set(null);
        } else {
            compare();
        }
        if (shown == null) {
            hint.set("");
        } else if (choices.isEmpty()) {
            hint.set("Train again with other settings to compare " + shown.name() + " with another run.");
        } else if (compareWith.get() == null) {
            hint.set("Pick an earlier run to see its test results beside " + shown.name() + "'s.");
        }
    }

    private void compare() {
        RunRecord shown = shownRun();
        RunRecord other = compareWith.get();
        if (shown == null || other == null) {
            rows.clear();
            otherRunName.set("");
            return;
        }
        try {
            rows.setAll(RunComparison.of(other, shown));
            otherRunName.set(other.name());
            hint.set(String.format(Locale.ROOT, "%s was trained with %s. Change = %s minus %s: green where %s did "
                    + "better, red where it did worse.", other.name(), other.settingsSummary(), shown.name(),
                    other.name(), shown.name()));
        } catch (IllegalArgumentException cannot) {
            rows.clear();
            otherRunName.set("");
            hint.set(cannot.getMessage());
        }
    }

    /** Picks the run to compare with by its number; nothing when no such run can be compared. */
    public void compareWith(int runNumber) {
        choices.stream().filter(run -> run.number() == runNumber).findFirst().ifPresent(compareWith::set);
    }

    public ObservableList<RunRecord> choices() {
        return choices;
    }

    public ObjectProperty<RunRecord> compareWithProperty() {
        return compareWith;
    }

    /** One row per metric: the chosen (earlier) run first, the shown run second. */
    public ObservableList<RunComparison.Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty shownRunNameProperty() {
        return shownRunName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty otherRunNameProperty() {
        return otherRunName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** A metric as the tables show it: three decimals, or a dash when a run lacks it. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%.4g", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    /** A difference with its sign, e.g. "+0.067"; a dash when unknown. */
    static String formatDifference(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return (value > 0 ? "+" : value < 0 ? "−" : "±") + format(Math.abs(value));
    }
}
