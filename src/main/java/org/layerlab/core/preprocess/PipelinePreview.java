package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;

/**
 * What one pipeline step does to the data, for the before/after preview: a few rows of the columns the step touches,
 * as they enter the step and as they leave it, and a one-line summary. A pure function of the table, the steps and
 * the training rows (the steps up to the previewed one are fitted on those rows only, as in training).
 *
 * @param rows           the table row numbers shown (0-based), the same rows before and after
 * @param droppedRows    for each shown row, whether this step leaves it out
 */
public record PipelinePreview(List<String> beforeColumns, List<List<String>> before, List<String> afterColumns,
                              List<List<String>> after, List<Integer> rows, List<Boolean> droppedRows,
                              String summary, List<String> notes) {
    /** Rows shown before and after. */
    public static final int SAMPLE_ROWS = 8;
    /** Columns shown when a step changes none (e.g. it only drops rows). */
    static final int MAX_UNCHANGED_COLUMNS = 8;

    public PipelinePreview {
        beforeColumns = List.copyOf(beforeColumns);
        before = before.stream().map(List::copyOf).toList();
        afterColumns = List.copyOf(afterColumns);
        after = after.stream().map(List::copyOf).toList();
        rows = List.copyOf(rows);
        droppedRows = List.copyOf(droppedRows);
        notes = List.copyOf(notes);
    }

    /**
     * @param stepIndex which of {@code steps} to preview; the steps before it are fitted and applied first
     */
    public static PipelinePreview of(Table table, String labelColumn, List<String> excludedColumns,
                                     List<PipelineStep> steps, int stepIndex, int[] trainRows) {
        if (stepIndex < 0 || stepIndex >= steps.size()) {
            throw new IllegalArgumentException("no step " + stepIndex + " in a pipeline of " + steps.size());
        }
        if (trainRows.length > MAX_FITTED_ROWS) {
            return sampled(table, labelColumn, excludedColumns, steps, stepIndex, trainRows);
        }
        return exact(table, labelColumn, excludedColumns, steps, stepIndex, trainRows);
    }

    /** Training rows the preview fits on at most; a larger table is previewed on a random sample of them. */
    static final int MAX_FITTED_ROWS = 100_000;
    /** Rows at the top of the table always kept in a sampled preview, so that the first rows can be shown. */
    private static final int LEADING_ROWS = 1_000;

    /**
     * A big table (a million rows would take seconds per step): fit on a fixed random sample of the training rows,
     * plus the first rows for showing, and say so. Training itself always fits on every training row.
     */
    private static PipelinePreview sampled(Table table, String labelColumn, List<String> excludedColumns,
                                           List<PipelineStep> steps, int stepIndex, int[] trainRows) {
        int[] sample = trainRows.clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < MAX_FITTED_ROWS; i++) {
            int j = i + random.nextInt(sample.length - i);
            int swap = sample[i];
            sample[i] = sample[j];
            sample[j] = swap;
        }
        java.util.TreeSet<Integer> kept = new java.util.TreeSet<>();
        for (int i = 0; i < MAX_FITTED_ROWS; i++) {
            kept.add(sample[i]);
        }
        for (int row = 0; row < Math.min(LEADING_ROWS, table.rowCount()); row++) {
            kept.add(row);
        }
        int[] original = kept.stream().mapToInt(Integer::intValue).toArray();
        java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < original.length; i++) {
            position.put(original[i], i);
        }
        int[] train = new int[MAX_FITTED_ROWS];
        for (int i = 0; i < MAX_FITTED_ROWS; i++) {
            train[i] = position.get(sample[i]);
        }
        java.util.Arrays.sort(train);
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(subset(column, original));
        }
        PipelinePreview small = exact(new Table(table.source(), columns), labelColumn, excludedColumns, steps,
                stepIndex, train);
        List<Integer> rows = small.rows().stream().map(i -> original[i]).toList();
        String summary = small.summary().replaceFirst("^Fitted on [0-9,]+ training rows",
                String.format(Locale.ROOT, "Preview fitted on a random %,d of the %,d training rows (training uses "
                        + "them all)", MAX_FITTED_ROWS, trainRows.length)).replace(" left out.", " left out in "
                + "the sample.");
        return new PipelinePreview(small.beforeColumns(), small.before(), small.afterColumns(), small.after(), rows,
                small.droppedRows(), summary, small.notes());
    }

    private static Column subset(Column column, int[] rows) {
        if (column instanceof NumericColumn numbers) {
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = numbers.value(rows[i]);
            }
            return new NumericColumn(column.name(), values);
        }
        org.layerlab.core.data.CategoricalColumn categories = (org.layerlab.core.data.CategoricalColumn) column;
        int[] codes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            codes[i] = categories.code(rows[i]);
        }
        return new org.layerlab.core.data.CategoricalColumn(column.name(), codes, categories.levels());
    }

    private static PipelinePreview exact(Table table, String labelColumn, List<String> excludedColumns,
                                         List<PipelineStep> steps, int stepIndex, int[] trainRows) {
        List<String> notes = new ArrayList<>();
        FittedPipeline prefix = FittedPipeline.fit(steps.subList(0, stepIndex), table, labelColumn, excludedColumns,
                trainRows, new ArrayList<>());
        FittedPipeline.Output entering = prefix.transform(table);
        int[] train = FittedPipeline.keep(trainRows, entering.droppedRows());
        FittedPipeline one = FittedPipeline.fit(steps.subList(stepIndex, stepIndex + 1), entering.table(),
                labelColumn, excludedColumns, train, notes);
        FittedPipeline.Output leaving = one.transform(entering.table());
        Table in = entering.table();
        Table out = leaving.table();

        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Column column : in.columns()) {
            if (out.find(column.name()).isEmpty()) {
                removed.add(column.name());
            } else if (differs(column, out.column(column.name()))) {
                changed.add(column.name());
            }
        }
        for (Column column : out.columns()) {
            if (in.find(column.name()).isEmpty()) {
                added.add(column.name());
            }
        }
        List<String> beforeColumns = new ArrayList<>(removed);
        beforeColumns.addAll(changed);
        List<String> afterColumns = new ArrayList<>(changed);
        afterColumns.addAll(added);
        if (beforeColumns.isEmpty() && afterColumns.isEmpty()) {
            for (Column column : in.columns()) {
                if (!column.name().equals(labelColumn) && beforeColumns.size() < MAX_UNCHANGED_COLUMNS) {
                    beforeColumns.add(column.name());
                }
            }
            afterColumns = beforeColumns;
        }
        beforeColumns = inTableOrder(in, beforeColumns);
        afterColumns = inTableOrder(out, afterColumns);

        boolean[] droppedHere = leaving.droppedRows();
        List<Integer> shown = sampleRows(in, beforeColumns, entering.droppedRows(), droppedHere);
        List<List<String>> beforeCells = new ArrayList<>();
        List<List<String>> afterCells = new ArrayList<>();
        List<Boolean> dropped = new ArrayList<>();
        for (int row : shown) {
            beforeCells.add(cells(in, beforeColumns, row));
            afterCells.add(cells(out, afterColumns, row));
            dropped.add(droppedHere[row]);
        }
        int droppedCount = 0;
        for (int row = 0; row < droppedHere.length; row++) {
            if (droppedHere[row] && !entering.droppedRows()[row]) {
                droppedCount++;
            }
        }
        return new PipelinePreview(beforeColumns, beforeCells, afterColumns, afterCells, shown, dropped,
                summary(train.length, changed.size(), removed.size(), added.size(), droppedCount), notes);
    }

    private static boolean differs(Column a, Column b) {
        if (a.type() != b.type()) {
            return true;
        }
        int n = a.size();
        for (int row = 0; row < n; row++) {
            if (a instanceof NumericColumn x && b instanceof NumericColumn y) {
                if (Double.compare(x.value(row), y.value(row)) != 0) {
                    return true;
                }
            } else if (!a.text(row).equals(b.text(row))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> inTableOrder(Table table, List<String> names) {
        Set<String> wanted = new LinkedHashSet<>(names);
        List<String> ordered = new ArrayList<>();
        for (String name : table.columnNames()) {
            if (wanted.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    /**
     * Rows to show: rows the step drops or that miss a value in the shown columns first (that is where imputing
     * and dropping show), then the first rows; rows an earlier step dropped are skipped.
     */
    private static List<Integer> sampleRows(Table in, List<String> columns, boolean[] droppedBefore,
                                            boolean[] droppedHere) {
        List<Integer> interesting = new ArrayList<>();
        List<Integer> plain = new ArrayList<>();
        for (int row = 0; row < in.rowCount() && interesting.size() < SAMPLE_ROWS / 2; row++) {
            if (droppedBefore[row]) {
                continue;
            }
            boolean missing = droppedHere[row];
            for (String name : columns) {
                missing |= in.column(name).isMissing(row);
            }
            if (missing) {
                interesting.add(row);
            }
        }
        for (int row = 0; row < in.rowCount() && plain.size() < SAMPLE_ROWS; row++) {
            if (!droppedBefore[row] && !interesting.contains(row)) {
                plain.add(row);
            }
        }
        List<Integer> shown = new ArrayList<>(interesting);
        for (int row : plain) {
            if (shown.size() >= SAMPLE_ROWS) {
                break;
            }
            shown.add(row);
        }
        shown.sort(null);
        return shown;
    }

    private static List<String> cells(Table table, List<String> columns, int row) {
        List<String> cells = new ArrayList<>();
        for (String name : columns) {
            Column column = table.column(name);
            if (column instanceof NumericColumn numbers && !numbers.isMissing(row)) {
                double v = numbers.value(row);
                cells.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? NumericColumn.format(v)
                        : String.format(Locale.ROOT, "%.4g", v));
            } else {
                cells.add(column.isMissing(row) ? "?" : column.text(row));
            }
        }
        return cells;
    }

    private static String summary(int trainRows, int changed, int removed, int added, int dropped) {
        List<String> parts = new ArrayList<>();
        if (changed > 0) {
            parts.add(changed + (changed == 1 ? " column changed" : " columns changed"));
        }
        if (removed > 0) {
            parts.add(removed + (removed == 1 ? " column removed" : " columns removed"));
        }
        if (added > 0) {
            parts.add(added + (added == 1 ? " column added" : " columns added"));
        }
        if (dropped > 0) {
            parts.add(String.format(Locale.ROOT, "%,d %s left out", dropped, dropped == 1 ? "row" : "rows"));
        }
        String effect = parts.isEmpty() ? "no change to the data" : String.join(", ", parts);
        return String.format(Locale.ROOT, "Fitted on %,d training rows: %s.", trainRows, effect);
    }
}
