package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.preprocess.PipelineStep.StepKind;

/**
 * A pipeline step with what it learned from the training rows. {@link #apply} is a pure function of the table:
 * the same fitted step gives the same output for a row whichever split (or prediction request) it comes from.
 * Columns the step does not know about pass through unchanged; a column it expects but does not find is skipped.
 */
public sealed interface FittedStep {

    /** The table with this step's columns transformed (rows are never removed here, see {@link #dropRows}). */
    Table apply(Table table);

    /** Marks in {@code drop} the rows this step leaves out of training and evaluation; most steps drop none. */
    default void dropRows(Table table, boolean[] drop) {
    }

    /** Scaling of one number column: x ↦ (x − shift) / scale. */
    record Scale(String column, double shift, double scale) {
    }

    /** Filling of one column: a number, or (for a category column) a category. */
    record Fill(String column, double number, String category) {
    }

    /** The categories of one column that one-hot encoding makes columns of. */
    record Levels(String column, List<String> levels) {
        public Levels {
            levels = List.copyOf(levels);
        }
    }

    /** The shift before ln(1 + x + shift). */
    record Shift(String column, double shift) {
    }

    /** Standardize or min-max scale: both are (x − shift) / scale with shift and scale from training. */
    record ScaleColumns(StepKind kind, List<Scale> scales) implements FittedStep {
        public ScaleColumns {
            scales = List.copyOf(scales);
        }

        @Override
        public Table apply(Table table) {
            Map<String, DoubleUnaryOperator> byColumn = new HashMap<>();
            scales.forEach(s -> byColumn.put(s.column(), v -> (v - s.shift()) / s.scale()));
            return mapNumeric(table, byColumn);
        }
    }

    record LogColumns(List<Shift> shifts) implements FittedStep {
        public LogColumns {
            shifts = List.copyOf(shifts);
        }

        @Override
        public Table apply(Table table) {
            // A value below the training minimum could fall under −1 after the shift; it becomes missing, not −∞.
            Map<String, DoubleUnaryOperator> byColumn = new HashMap<>();
            shifts.forEach(s -> byColumn.put(s.column(), v -> v + s.shift() > -1 ? Math.log1p(v + s.shift())
                    : Double.NaN));
            return mapNumeric(table, byColumn);
        }
    }

    record FillColumns(List<Fill> fills) implements FittedStep {
        public FillColumns {
            fills = List.copyOf(fills);
        }

        @Override
        public Table apply(Table table) {
            Map<String, Fill> byColumn = new HashMap<>();
            fills.forEach(f -> byColumn.put(f.column(), f));
            List<Column> out = new ArrayList<>();
            for (Column column : table.columns()) {
                Fill fill = byColumn.get(column.name());
                if (fill == null) {
                    out.add(column);
                } else if (column instanceof NumericColumn numbers && fill.category() == null) {
                    double[] values = numbers.values().clone();
                    for (int i = 0; i < values.length; i++) {
                        if (Double.isNaN(values[i])) {
                            values[i] = fill.number();
                        }
                    }
                    out.add(new NumericColumn(column.name(), values));
                } else if (column instanceof CategoricalColumn categories && fill.category() != null) {
                    List<String> levels = new ArrayList<>(categories.levels());
                    int code = levels.indexOf(fill.category());
                    if (code < 0) {
                        levels.add(fill.category());
                        code = levels.size() - 1;
                    }
                    int[] codes = categories.codes().clone();
                    for (int i = 0; i < codes.length; i++) {
                        if (codes[i] < 0) {
                            codes[i] = code;
                        }
                    }
                    out.add(new CategoricalColumn(column.name(), codes, levels));
                } else {
                    out.add(column);
                }
            }
            return new Table(table.source(), out);
        }
    }

    /** Each encoded column becomes "column=category" 0/1 columns in its place. */
    record OneHotColumns(List<Levels> encoded) implements FittedStep {
        public OneHotColumns {
            encoded = List.copyOf(encoded);
        }

        @Override
        public Table apply(Table table) {
            Map<String, Levels> byColumn = new HashMap<>();
            encoded.forEach(l -> byColumn.put(l.column(), l));
            List<Column> out = new ArrayList<>();
            for (Column column : table.columns()) {
                Levels levels = byColumn.get(column.name());
                if (levels == null || !(column instanceof CategoricalColumn categories)) {
                    out.add(column);
                    continue;
                }
                for (String level : levels.levels()) {
                    int code = categories.levels().indexOf(level);
                    double[] values = new double[categories.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = code >= 0 && categories.code(i) == code ? 1 : 0;
                    }
                    out.add(new NumericColumn(column.name() + "=" + level, values));
                }
            }
            return new Table(table.source(), out);
        }
    }

    record DropColumns(List<String> dropped) implements FittedStep {
        public DropColumns {
            dropped = List.copyOf(dropped);
        }

        @Override
        public Table apply(Table table) {
            List<Column> out = new ArrayList<>();
            for (Column column : table.columns()) {
                if (!dropped.contains(column.name())) {
                    out.add(column);
                }
            }
            return new Table(table.source(), out);
        }
    }

    record DropRowsMissing(List<String> checked) implements FittedStep {
        public DropRowsMissing {
            checked = List.copyOf(checked);
        }

        @Override
        public Table apply(Table table) {
            return table;
        }

        @Override
        public void dropRows(Table table, boolean[] drop) {
            for (String name : checked) {
                table.find(name).ifPresent(column -> {
                    for (int row = 0; row < drop.length; row++) {
                        if (column.isMissing(row)) {
                            drop[row] = true;
                        }
                    }
                });
            }
        }
    }

    /** Applies each column's function to its non-missing values; other columns pass through. */
    private static Table mapNumeric(Table table, Map<String, DoubleUnaryOperator> functions) {
        List<Column> out = new ArrayList<>();
        for (Column column : table.columns()) {
            DoubleUnaryOperator function = functions.get(column.name());
            if (column instanceof NumericColumn numbers && function != null) {
                double[] values = new double[numbers.size()];
                for (int i = 0; i < values.length; i++) {
                    double v = numbers.value(i);
                    values[i] = Double.isNaN(v) ? Double.NaN : function.applyAsDouble(v);
                }
                out.add(new NumericColumn(column.name(), values));
            } else {
                out.add(column);
            }
        }
        return new Table(table.source(), out);
    }
}
