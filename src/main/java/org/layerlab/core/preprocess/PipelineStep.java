package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;

/**
 * One step of a preprocessing pipeline as the user configures it and the project saves it. A step names the
 * columns it works on; an empty list means every column it applies to (every number column for scaling, every
 * category column for one-hot, …), never the label. {@link #fit} learns what the step needs (means, levels, …) from
 * the training rows only and returns the {@link FittedStep} that is replayed on every split and at prediction time.
 */
public sealed interface PipelineStep {

    /** The kind of step, as offered in the Add menu. */
    StepKind kind();

    /** The columns this step works on; empty for "all it applies to". */
    List<String> columns();

    /** The same step on other columns. */
    PipelineStep withColumns(List<String> newColumns);

    /**
     * Learns the step's parameters from {@code trainRows} of {@code table}.
     *
     * @param candidates the feature columns (not the label, not left out by the user) in table order
     * @param notes      receives a plain sentence for each column the step skips, and why
     */
    FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes);

    /** A one-line description for the step list, e.g. "Impute missing: median (all number columns)". */
    default String describe() {
        return kind().label() + " (" + (columns().isEmpty() ? kind().allColumnsPhrase() : String.join(", ", columns()))
                + ")";
    }

    /** What the user can add, with a one-line explanation each. */
    enum StepKind {
        STANDARDIZE("Standardize", "all number columns",
                "Rescale numbers to average 0 and spread 1, measured on the training rows."),
        MIN_MAX_SCALE("Min-max scale", "all number columns",
                "Rescale numbers to 0…1 using the training rows' smallest and largest value."),
        ONE_HOT_ENCODE("One-hot encode", "all category columns",
                "Turn a category column into one 0/1 column per category seen in training."),
        IMPUTE("Impute missing", "all columns with missing values",
                "Fill missing values with the training rows' mean, median, most frequent value or a constant."),
        DROP_COLUMN("Drop column", "no column chosen yet",
                "Leave columns out of everything that follows."),
        DROP_MISSING_ROWS("Drop rows with missing values", "all columns",
                "Leave out rows that miss a value (in training, validation and test; not when predicting)."),
        LOG_TRANSFORM("Log transform", "all number columns",
                "Replace x by ln(1 + x) to tame long tails (shifted first if training values go below 0).");

        private final String label;
        private final String allColumnsPhrase;
        private final String explanation;

        StepKind(String label, String allColumnsPhrase, String explanation) {
            this.label = label;
            this.allColumnsPhrase = allColumnsPhrase;
            this.explanation = explanation;
        }

        public String label() {
            return label;
        }

        String allColumnsPhrase() {
            return allColumnsPhrase;
        }

        public String explanation() {
            return explanation;
        }

        /** The name used in project files, e.g. "min-max-scale". */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static StepKind fromId(String id) {
            for (StepKind kind : values()) {
                if (kind.id().equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("the preprocessing step '" + id + "' is unknown.");
        }

        /** A new step of this kind with its defaults (all applicable columns; impute with the mean). */
        public PipelineStep create() {
            return switch (this) {
                case STANDARDIZE -> new Standardize(List.of());
                case MIN_MAX_SCALE -> new MinMaxScale(List.of());
                case ONE_HOT_ENCODE -> new OneHotEncode(List.of());
                case IMPUTE -> new Impute(List.of(), ImputeStrategy.MEAN, "");
                case DROP_COLUMN -> new DropColumn(List.of());
                case DROP_MISSING_ROWS -> new DropMissingRows(List.of());
                case LOG_TRANSFORM -> new LogTransform(List.of());
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How {@link Impute} fills a missing value. */
    enum ImputeStrategy {
        MEAN("mean"), MEDIAN("median"), MOST_FREQUENT("most frequent"), CONSTANT("constant");

        private final String label;

        ImputeStrategy(String label) {
            this.label = label;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static ImputeStrategy fromId(String id) {
            for (ImputeStrategy strategy : values()) {
                if (strategy.id().equals(id)) {
                    return strategy;
                }
            }
            throw new IllegalArgumentException("the impute strategy '" + id + "' is unknown.");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    // ------------------------------------------------------------------ the steps

    /** (x − mean) / standard deviation, both of the training rows; missing stays missing. */
    record Standardize(List<String> columns) implements PipelineStep {
        public Standardize {
            columns = List.copyOf(columns);
        }

        @Override
        public StepKind kind() {
            return StepKind.STANDARDIZE;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new Standardize(newColumns);
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<FittedStep.Scale> scales = new ArrayList<>();
            for (NumericColumn column : Steps.numeric(table, columns, candidates, kind(), notes)) {
                double[] stats = Steps.meanAndStd(column, trainRows);
                if (Double.isNaN(stats[0])) {
                    notes.add(kind().label() + ": '" + column.name() + "' has no values in the training rows.");
                    continue;
                }
                scales.add(new FittedStep.Scale(column.name(), stats[0], stats[1] > 1e-12 ? stats[1] : 1));
            }
            return new FittedStep.ScaleColumns(kind(), scales);
        }
    }

    /** (x − min) / (max − min) of the training rows: training values land in 0…1. */
    record MinMaxScale(List<String> columns) implements PipelineStep {
        public MinMaxScale {
            columns = List.copyOf(columns);
        }

        @Override
        public StepKind kind() {
            return StepKind.MIN_MAX_SCALE;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new MinMaxScale(newColumns);
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<FittedStep.Scale> scales = new ArrayList<>();
            for (NumericColumn column : Steps.numeric(table, columns, candidates, kind(), notes)) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int row : trainRows) {
                    double v = column.value(row);
                    if (!Double.isNaN(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                if (min > max) {
                    notes.add(kind().label() + ": '" + column.name() + "' has no values in the training rows.");
                    continue;
                }
                scales.add(new FittedStep.Scale(column.name(), min, max - min > 1e-12 ? max - min : 1));
            }
            return new FittedStep.ScaleColumns(kind(), scales);
        }
    }

    /** One 0/1 column per category seen in the training rows; an unseen or missing category is all zeros. */
    record OneHotEncode(List<String> columns) implements PipelineStep {
        public OneHotEncode {
            columns = List.copyOf(columns);
        }

        @Override
        public StepKind kind() {
            return StepKind.ONE_HOT_ENCODE;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new OneHotEncode(newColumns);
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<FittedStep.Levels> encoded = new ArrayList<>();
            for (CategoricalColumn column : Steps.categorical(table, columns, candidates, kind(), notes)) {
                List<String> seen = Steps.levelsSeen(column, trainRows);
                if (seen.isEmpty()) {
                    notes.add(kind().label() + ": '" + column.name() + "' has no values in the training rows.");
                    continue;
                }
                int present = 0;
                for (int row : trainRows) {
                    present += column.isMissing(row) ? 0 : 1;
                }
                if (seen.size() > FeatureEncoder.MAX_ONE_HOT_LEVELS && seen.size() * 2 > present) {
                    notes.add(kind().label() + ": '" + column.name() + "' is left as it is: it has " + seen.size()
                            + " different text values (like names or IDs).");
                    continue;
                }
                encoded.add(new FittedStep.Levels(column.name(), seen));
            }
            return new FittedStep.OneHotColumns(encoded);
        }
    }

    /**
     * Fills missing values. Number columns: the training mean, median, most frequent value, or {@code constant}
     * read as a number. Category columns: the most frequent category, or {@code constant} as a category (mean and
     * median do not apply to them and skip them with a note).
     */
    record Impute(List<String> columns, ImputeStrategy strategy, String constant) implements PipelineStep {
        public Impute {
            columns = List.copyOf(columns);
            Objects.requireNonNull(strategy, "strategy");
            constant = constant == null ? "" : constant.trim();
            if (strategy == ImputeStrategy.CONSTANT && constant.isEmpty()) {
                throw new IllegalArgumentException("Impute with a constant needs the value to fill in, e.g. 0.");
            }
        }

        @Override
        public StepKind kind() {
            return StepKind.IMPUTE;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new Impute(newColumns, strategy, constant);
        }

        @Override
        public String describe() {
            return kind().label() + ": " + strategy + (strategy == ImputeStrategy.CONSTANT ? " " + constant : "")
                    + " (" + (columns.isEmpty() ? kind().allColumnsPhrase() : String.join(", ", columns)) + ")";
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<FittedStep.Fill> fills = new ArrayList<>();
            for (Column column : Steps.chosen(table, columns, candidates)) {
                if (columns.isEmpty() && column.missingCount() == 0) {
                    continue;
                }
                if (column instanceof NumericColumn numbers) {
                    double value = Steps.numericFill(numbers, trainRows, strategy, constant, notes);
                    if (!Double.isNaN(value)) {
                        fills.add(new FittedStep.Fill(column.name(), value, null));
                    }
                } else if (columns.isEmpty() && (strategy == ImputeStrategy.MEAN || strategy == ImputeStrategy.MEDIAN)) {
                    continue; // "all columns": a category column has no mean; the final encoding leaves it all zeros
                } else {
                    CategoricalColumn categories = (CategoricalColumn) column;
                    String value = Steps.categoryFill(categories, trainRows, strategy, constant, notes);
                    if (value != null) {
                        fills.add(new FittedStep.Fill(column.name(), Double.NaN, value));
                    }
                }
            }
            return new FittedStep.FillColumns(fills);
        }
    }

    /** Leaves the chosen columns out of what follows (and of the model's inputs). */
    record DropColumn(List<String> columns) implements PipelineStep {
        public DropColumn {
            columns = List.copyOf(columns);
        }

        @Override
        public StepKind kind() {
            return StepKind.DROP_COLUMN;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new DropColumn(newColumns);
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<String> dropped = new ArrayList<>();
            for (String name : columns) {
                if (table.find(name).isPresent() && candidates.contains(name)) {
                    dropped.add(name);
                } else {
                    notes.add(kind().label() + ": there is no feature column '" + name + "' at this point.");
                }
            }
            return new FittedStep.DropColumns(dropped);
        }
    }

    /**
     * Leaves out rows that miss a value in the chosen columns, in every split. Nothing is learned; at prediction time
     * a row is never refused (later steps or the final encoding fill what is missing).
     */
    record DropMissingRows(List<String> columns) implements PipelineStep {
        public DropMissingRows {
            columns = List.copyOf(columns);
        }

        @Override
        public StepKind kind() {
            return StepKind.DROP_MISSING_ROWS;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new DropMissingRows(newColumns);
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<String> checked = new ArrayList<>();
            for (Column column : Steps.chosen(table, columns, candidates)) {
                checked.add(column.name());
            }
            return new FittedStep.DropRowsMissing(checked);
        }
    }

    /** ln(1 + x + shift), with shift chosen so the smallest training value maps to ln(1) = 0 when it is below 0. */
    record LogTransform(List<String> columns) implements PipelineStep {
        public LogTransform {
            columns = List.copyOf(columns);
        }

        @Override
        public StepKind kind() {
            return StepKind.LOG_TRANSFORM;
        }

        @Override
        public PipelineStep withColumns(List<String> newColumns) {
            return new LogTransform(newColumns);
        }

        @Override
        public FittedStep fit(Table table, int[] trainRows, List<String> candidates, List<String> notes) {
            List<FittedStep.Shift> shifts = new ArrayList<>();
            for (NumericColumn column : Steps.numeric(table, columns, candidates, kind(), notes)) {
                double min = Double.POSITIVE_INFINITY;
                for (int row : trainRows) {
                    if (!column.isMissing(row)) {
                        min = Math.min(min, column.value(row));
                    }
                }
                if (min == Double.POSITIVE_INFINITY) {
                    notes.add(kind().label() + ": '" + column.name() + "' has no values in the training rows.");
                    continue;
                }
                shifts.add(new FittedStep.Shift(column.name(), min < 0 ? -min : 0));
            }
            return new FittedStep.LogColumns(shifts);
        }
    }
}
