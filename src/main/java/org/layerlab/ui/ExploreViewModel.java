package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.explore.CategoryCounts;
import org.layerlab.core.explore.ColumnSummary;
import org.layerlab.core.explore.Histogram;
import org.layerlab.core.explore.ScatterSample;
import org.layerlab.core.project.Project;

/**
 * Exploring the loaded table in the Data step: the chosen column's summary and distribution, a scatter plot of two
 * columns coloured by class, and a scatter matrix of up to {@value #MATRIX_COLUMNS} number columns. Everything is
 * computed on the worker thread (a million rows take a moment); results arrive here on the UI thread.
 */
public final class ExploreViewModel {
    static final int MATRIX_COLUMNS = 8;
    /** Points per cell of the scatter matrix: 64 small charts must still draw quickly. */
    static final int MATRIX_POINTS = 1_500;
    private static final int CATEGORY_BARS = 20;
    private static final long SAMPLE_SEED = 42;

    private final ProjectViewModel shared;
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObjectProperty<String> column = new SimpleObjectProperty<>(this, "column");
    private final ObjectProperty<String> xColumn = new SimpleObjectProperty<>(this, "xColumn");
    private final ObjectProperty<String> yColumn = new SimpleObjectProperty<>(this, "yColumn");
    private final ReadOnlyObjectWrapper<ColumnSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyObjectWrapper<Histogram> histogram = new ReadOnlyObjectWrapper<>(this, "histogram");
    private final ReadOnlyObjectWrapper<CategoryCounts> categories = new ReadOnlyObjectWrapper<>(this, "categories");
    private final ReadOnlyObjectWrapper<CategoryCounts> classBalance = new ReadOnlyObjectWrapper<>(this, "classBalance");
    private final ReadOnlyObjectWrapper<ScatterSample> scatter = new ReadOnlyObjectWrapper<>(this, "scatter");
    private final ReadOnlyStringWrapper scatterNote = new ReadOnlyStringWrapper(this, "scatterNote", "");
    private final ReadOnlyObjectWrapper<Matrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    // Bumped on the UI thread for every new request; read by the worker too, so that a request already superseded
    // when its turn comes (opening a table asks for the scatter three times: new axes, then the label) does no work.
    private volatile long columnGeneration;
    private volatile long scatterGeneration;
    private volatile long matrixGeneration;

    /** The scatter matrix: {@code cells[row][column]} plots column (across) against row (up); the diagonal is null. */
    public record Matrix(List<String> columns, ScatterSample[][] cells, String note) {
    }

    ExploreViewModel(ProjectViewModel shared) {
        this.shared = shared;
        shared.tableProperty().addListener((obs, old, table) -> onTable(table));
        shared.projectProperty().addListener((obs, old, project) -> onProject(old, project));
        column.addListener((obs, old, name) -> describeColumn());
        xColumn.addListener((obs, old, name) -> computeScatter());
        yColumn.addListener((obs, old, name) -> computeScatter());
        onTable(shared.getTable());
    }

    private void onTable(Table table) {
        matrix.set(null);
        if (table == null) {
            columns.clear();
            return;
        }
        columns.setAll(table.columnNames());
        List<String> numbers = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c instanceof NumericColumn) {
                numbers.add(c.name());
            }
        }
        List<String> axes = numbers.size() >= 2 ? numbers : table.columnNames();
        xColumn.set(axes.isEmpty() ? null : axes.get(0));
        yColumn.set(axes.size() < 2 ? xColumn.get() : axes.get(1));
        column.set(null);
        column.set(table.columnNames().isEmpty() ? null : table.columnNames().get(0));
    }

    private void onProject(Project old, Project project) {
        // The class colours and the class balance follow the label and the task.
        if (project != null && (old == null || !old.labelColumn().equals(project.labelColumn())
                || old.task() != project.task())) {
            computeClassBalance();
            computeScatter();
            matrix.set(null);
        }
    }

    // ---------------------------------------------------------------- work

    private void describeColumn() {
        long current = ++columnGeneration;
        // Until the Data step has shown a new table, its work waits (WorkAfterShowing).
        if (shared.workAfterShowing().held("explore column", this::describeColumn)) {
            summary.set(null);
            histogram.set(null);
            categories.set(null);
            return;
        }
        Table table = shared.getTable();
        String name = column.get();
        if (table == null || name == null || table.find(name).isEmpty()) {
            summary.set(null);
            histogram.set(null);
            categories.set(null);
            return;
        }
        Column chosen = table.column(name);
        shared.inBackground(() -> current != columnGeneration ? null : new Object[] {ColumnSummary.of(chosen),
                chosen instanceof NumericColumn numbers ? Histogram.of(numbers)
                        : CategoryCounts.of((CategoricalColumn) chosen, CATEGORY_BARS)}, done -> {
                    if (current == columnGeneration) {
                        summary.set((ColumnSummary) done[0]);
                        histogram.set(done[1] instanceof Histogram h ? h : null);
                        categories.set(done[1] instanceof CategoryCounts c ? c : null);
                    }
                }, shared::showError);
    }

    private void computeClassBalance() {
        if (shared.workAfterShowing().held("explore class balance", this::computeClassBalance)) {
            return;
        }
        Table table = shared.getTable();
        String label = classColumn();
        if (table == null || label == null) {
            classBalance.set(null);
            return;
        }
        Column chosen = table.column(label);
        shared.inBackground(() -> CategoryCounts.of(asCategories(chosen), CATEGORY_BARS), classBalance::set,
                shared::showError);
    }

    private void computeScatter() {
        long current = ++scatterGeneration;
        if (shared.workAfterShowing().held("explore scatter", this::computeScatter)) {
            scatterNote.set("Drawing…");
            return;
        }
        Table table = shared.getTable();
        String x = xColumn.get();
        String y = yColumn.get();
        if (table == null || x == null || y == null || table.find(x).isEmpty() || table.find(y).isEmpty()) {
            scatter.set(null);
            scatterNote.set("");
            return;
        }
        String byClass = classColumn();
        scatterNote.set("Drawing…");
        shared.inBackground(() -> current != scatterGeneration ? null
                        : ScatterSample.of(table, x, y, byClass, ScatterSample.MAX_POINTS, SAMPLE_SEED),
                sample -> {
                    if (current == scatterGeneration) {
                        scatter.set(sample);
                        scatterNote.set(note(sample));
                    }
                }, shared::showError);
    }

    /** Works out the scatter matrix (on demand: it is the slowest view). */
    public void computeMatrix() {
        long current = ++matrixGeneration;
        Table table = shared.getTable();
        Project project = shared.getProject();
        if (table == null || project == null) {
            matrix.set(null);
            return;
        }
        String byClass = classColumn();
        List<String> chosen = ScatterSample.matrixColumns(table, project.labelColumn(), MATRIX_COLUMNS);
        shared.inBackground(() -> {
            if (current != matrixGeneration) {
                return null;
            }
            ScatterSample[][] cells = new ScatterSample[chosen.size()][chosen.size()];
            for (int row = 0; row < chosen.size(); row++) {
                for (int col = 0; col < chosen.size(); col++) {
                    if (row != col) {
                        cells[row][col] = ScatterSample.of(table, chosen.get(col), chosen.get(row), byClass,
                                MATRIX_POINTS, SAMPLE_SEED);
                    }
                }
            }
            String note = chosen.isEmpty() ? "There are no number columns to plot."
                    : String.format(Locale.ROOT, "%d number columns%s; at most %,d points per plot.", chosen.size(),
                    chosen.size() == MATRIX_COLUMNS ? " (the first " + MATRIX_COLUMNS + ")" : "", MATRIX_POINTS);
            return new Matrix(chosen, cells, note);
        }, computed -> {
            if (current == matrixGeneration) {
                matrix.set(computed);
            }
        }, shared::showError);
    }

    /** The label when it holds classes; a regression label would colour every point differently. */
    private String classColumn() {
        Project project = shared.getProject();
        Table table = shared.getTable();
        if (project == null || table == null || table.find(project.labelColumn()).isEmpty()
                || project.taskFor(table) != TaskType.CLASSIFICATION) {
            return null;
        }
        return project.labelColumn();
    }

    private static CategoricalColumn asCategories(Column column) {
        if (column instanceof CategoricalColumn categories) {
            return categories;
        }
        // Numeric classes (0/1, digits): one category per value, named as the user writes it.
        List<String> levels = new ArrayList<>();
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        int[] codes = new int[column.size()];
        for (int row = 0; row < codes.length; row++) {
            if (column.isMissing(row)) {
                codes[row] = -1;
                continue;
            }
            codes[row] = index.computeIfAbsent(column.text(row), text -> {
                levels.add(text);
                return levels.size() - 1;
            });
        }
        return new CategoricalColumn(column.name(), codes, levels);
    }

    static String note(ScatterSample sample) {
        if (sample.sampled()) {
            return String.format(Locale.ROOT, "A random %,d of the %,d rows that have both values are shown, so the "
                    + "plot stays quick.", sample.shown(), sample.available());
        }
        return String.format(Locale.ROOT, "%,d rows.", sample.shown());
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<String> columns() {
        return columns;
    }

    public ObjectProperty<String> columnProperty() {
        return column;
    }

    public ObjectProperty<String> xColumnProperty() {
        return xColumn;
    }

    public ObjectProperty<String> yColumnProperty() {
        return yColumn;
    }

    public ReadOnlyObjectProperty<ColumnSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Histogram> histogramProperty() {
        return histogram.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CategoryCounts> categoriesProperty() {
        return categories.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CategoryCounts> classBalanceProperty() {
        return classBalance.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ScatterSample> scatterProperty() {
        return scatter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scatterNoteProperty() {
        return scatterNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Matrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }
}
