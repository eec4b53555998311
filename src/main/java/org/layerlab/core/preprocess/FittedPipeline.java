package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.data.Table;

/**
 * A preprocessing pipeline fitted on the training rows: its {@link FittedStep}s in order, and the raw columns a row
 * must have to go through it (what a prediction request must send). Saved in the model bundle and replayed at
 * prediction time, so a raw row is prepared exactly as the training rows were.
 *
 * @param inputs the raw feature columns the model needs, with the categories seen in training for category columns
 */
public record FittedPipeline(List<FittedStep> steps, List<RawInput> inputs) {
    public FittedPipeline {
        steps = List.copyOf(steps);
        inputs = List.copyOf(inputs);
    }

    /** A raw column the pipeline reads. */
    public record RawInput(String name, ColumnType type, List<String> categories) {
        public RawInput {
            categories = List.copyOf(categories);
        }
    }

    /** The table after every step, and the rows the steps leave out (of training and evaluation only). */
    public record Output(Table table, boolean[] droppedRows) {
        public int droppedCount() {
            int count = 0;
            for (boolean dropped : droppedRows) {
                count += dropped ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * Fits {@code steps} in order, each on the training rows of the table as the steps before it left it (rows an
     * earlier step drops no longer count for the later ones). The label and the user's left-out columns are never
     * touched.
     *
     * @param notes receives a plain sentence for everything a step skipped, and how many rows were dropped
     */
    public static FittedPipeline fit(List<PipelineStep> steps, Table table, String labelColumn,
                                     List<String> excludedColumns, int[] trainRows, List<String> notes) {
        List<RawInput> inputs = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.name().equals(labelColumn) && !excludedColumns.contains(column.name())) {
                inputs.add(new RawInput(column.name(), column.type(), column instanceof CategoricalColumn categories
                        ? Steps.levelsSeen(categories, trainRows) : List.of()));
            }
        }
        List<FittedStep> fitted = new ArrayList<>();
        Table current = table;
        int[] train = trainRows;
        for (PipelineStep step : steps) {
            List<String> candidates = new ArrayList<>();
            for (String name : current.columnNames()) {
                if (!name.equals(labelColumn) && !excludedColumns.contains(name)) {
                    candidates.add(name);
                }
            }
            FittedStep one = step.fit(current, train, candidates, notes);
            boolean[] drop = new boolean[current.rowCount()];
            one.dropRows(current, drop);
            train = keep(train, drop);
            current = one.apply(current);
            fitted.add(one);
        }
        return new FittedPipeline(fitted, inputs);
    }

    /** Runs every step on {@code table}. */
    public Output transform(Table table) {
        Table current = table;
        boolean[] drop = new boolean[table.rowCount()];
        for (FittedStep step : steps) {
            step.dropRows(current, drop);
            current = step.apply(current);
        }
        return new Output(current, drop);
    }

    /** The table after every step, for prediction: no row is dropped. */
    public Table apply(Table table) {
        Table current = table;
        for (FittedStep step : steps) {
            current = step.apply(current);
        }
        return current;
    }

    /**
     * The same pipeline asking only for the raw columns that reach one of {@code encodedColumns} (the final
     * encoding's columns): a column dropped, or left out by the encoding, is not asked for when predicting.
     */
    public FittedPipeline keepingInputsFor(List<String> encodedColumns) {
        List<RawInput> used = new ArrayList<>();
        for (RawInput input : inputs) {
            for (String encoded : encodedColumns) {
                if (encoded.equals(input.name()) || encoded.startsWith(input.name() + "=")) {
                    used.add(input);
                    break;
                }
            }
        }
        return new FittedPipeline(steps, used);
    }

    /** The rows of {@code rows} not marked in {@code drop}. */
    public static int[] keep(int[] rows, boolean[] drop) {
        int count = 0;
        for (int row : rows) {
            count += drop[row] ? 0 : 1;
        }
        int[] kept = new int[count];
        int i = 0;
        for (int row : rows) {
            if (!drop[row]) {
                kept[i++] = row;
            }
        }
        return kept;
    }
}
