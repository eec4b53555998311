package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;

/**
 * Turns table columns into network inputs. Fitted on the training rows only, so nothing about the
 * validation or test rows leaks into training: numeric columns are filled (missing → training mean) and
 * optionally standardized with the training mean and standard deviation; category columns become one-hot
 * inputs for the categories seen in training (an unseen or missing category is all zeros).
 *
 * <p>With a user's pipeline ({@link Preprocessing#steps()}), the fitted {@link FittedPipeline} runs first and this
 * encoding only finishes the job on what the steps leave (no standardizing of its own).
 *
 * @param features the fitted encoding of each used column, in input order
 * @param pipeline the fitted pipeline that runs before the encoding, or null (the fixed default preprocessing)
 */
public record FeatureEncoder(List<Feature> features, FittedPipeline pipeline) {
    /** A category column with more distinct values than this (and mostly unique values) is free text, not a feature. */
    static final int MAX_ONE_HOT_LEVELS = 50;

    public FeatureEncoder {
        features = List.copyOf(features);
    }

    /** The fixed default encoding, without a pipeline. */
    public FeatureEncoder(List<Feature> features) {
        this(features, null);
    }

    /** How one column is encoded. */
    public sealed interface Feature permits NumericFeature, OneHotFeature {
        String column();

        int width();
    }

    /** x ↦ (x − mean) / scale, missing ↦ 0 (the mean). With standardization off, scale 1 and mean 0 except for filling. */
    public record NumericFeature(String column, double fill, double shift, double scale) implements Feature {
        @Override
        public int width() {
            return 1;
        }
    }

    /** One input per category seen in training. */
    public record OneHotFeature(String column, List<String> categories) implements Feature {
        public OneHotFeature {
            categories = List.copyOf(categories);
        }

        @Override
        public int width() {
            return categories.size();
        }
    }

    /**
     * Fits the encoding on {@code trainRows}.
     *
     * @param notes receives a plain-language line for each column left out or filled in
     */
    public static FeatureEncoder fit(Table table, String labelColumn, Preprocessing preprocessing, int[] trainRows,
                                     List<String> notes) {
        List<Feature> features = new ArrayList<>();
        for (Column column : table.columns()) {
            String name = column.name();
            if (name.equals(labelColumn) || preprocessing.excludedColumns().contains(name)) {
                continue;
            }
            if (column instanceof NumericColumn numbers) {
                fitNumeric(numbers, preprocessing.standardize(), trainRows, notes).ifPresent(features::add);
            } else {
                fitCategories((CategoricalColumn) column, trainRows, notes).ifPresent(features::add);
            }
        }
        if (features.isEmpty()) {
            throw new DataProblem("No column is left to learn from: every column is the label, left out, or "
                    + "unusable. Include at least one column as a feature.");
        }
        return new FeatureEncoder(features);
    }

    /**
     * Fits the encoding on a table the fitted {@code pipeline} has already transformed ({@code transformed}), and
     * keeps the pipeline so that {@link #encode} replays it on raw tables.
     */
    public static FeatureEncoder fitAfter(FittedPipeline pipeline, Table transformed, String labelColumn,
                                          List<String> excludedColumns, int[] trainRows, List<String> notes) {
        FeatureEncoder encoder = fit(transformed, labelColumn, new Preprocessing(false, excludedColumns), trainRows,
                notes);
        List<String> columns = encoder.features.stream().map(Feature::column).toList();
        return new FeatureEncoder(encoder.features, pipeline.keepingInputsFor(columns));
    }

    private static Optional<Feature> fitNumeric(NumericColumn column, boolean standardize, int[] trainRows,
                                                           List<String> notes) {
        double sum = 0;
        int count = 0;
        for (int row : trainRows) {
            double v = column.value(row);
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        if (count == 0) {
            notes.add("Column '" + column.name() + "' is left out: it has no values in the training rows.");
            return Optional.empty();
        }
        double mean = sum / count;
        double squares = 0;
        for (int row : trainRows) {
            double v = column.value(row);
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = Math.sqrt(squares / count);
        if (count < trainRows.length) {
            notes.add("Column '" + column.name() + "': " + (trainRows.length - count)
                    + " missing values in the training rows are filled with the average.");
        }
        if (!standardize) {
            return Optional.of(new NumericFeature(column.name(), mean, 0, 1));
        }
        return Optional.of(new NumericFeature(column.name(), mean, mean, std > 1e-12 ? std : 1));
    }

    private static Optional<Feature> fitCategories(CategoricalColumn column, int[] trainRows,
                                                              List<String> notes) {
        int[] counts = new int[column.levels().size()];
        int present = 0;
        for (int row : trainRows) {
            int code = column.code(row);
            if (code >= 0) {
                counts[code]++;
                present++;
            }
        }
        List<String> seen = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                seen.add(column.levels().get(code));
            }
        }
        if (seen.isEmpty()) {
            notes.add("Column '" + column.name() + "' is left out: it has no values in the training rows.");
            return Optional.empty();
        }
        if (seen.size() > MAX_ONE_HOT_LEVELS && seen.size() * 2 > present) {
            notes.add("Column '" + column.name() + "' is left out: it has " + seen.size()
                    + " different text values (like names or IDs), which a network cannot learn from.");
            return Optional.empty();
        }
        seen.sort(null);
        return Optional.of(new OneHotFeature(column.name(), seen));
    }

    /** Number of network inputs. */
    public int width() {
        return features.stream().mapToInt(Feature::width).sum();
    }

    /** One name per network input, e.g. "age" or "sex=female". */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (Feature feature : features) {
            if (feature instanceof OneHotFeature oneHot) {
                for (String category : oneHot.categories()) {
                    names.add(oneHot.column() + "=" + category);
                }
            } else {
                names.add(feature.column());
            }
        }
        return names;
    }

    /** Encodes {@code rows} of the raw {@code table} (running the pipeline first, if any). */
    public EncodedSet encode(Table table, int[] rows, int[] classOfRow) {
        return encodeTransformed(pipeline == null ? table : pipeline.apply(table), rows, classOfRow);
    }

    /**
     * Encodes {@code rows} of a table the pipeline has already transformed (or of a raw table when there is no
     * pipeline), with each row's class from {@code classOfRow}.
     */
    public EncodedSet encodeTransformed(Table table, int[] rows, int[] classOfRow) {
        int width = width();
        float[] out = new float[rows.length * width];
        int offset = 0;
        for (Feature feature : features) {
            Column column = table.column(feature.column());
            if (feature instanceof NumericFeature numeric) {
                NumericColumn numbers = (NumericColumn) column;
                for (int i = 0; i < rows.length; i++) {
                    double v = numbers.value(rows[i]);
                    if (Double.isNaN(v)) {
                        v = numeric.fill();
                    }
                    out[i * width + offset] = (float) ((v - numeric.shift()) / numeric.scale());
                }
            } else {
                OneHotFeature oneHot = (OneHotFeature) feature;
                CategoricalColumn categories = (CategoricalColumn) column;
                Map<Integer, Integer> positionOfCode = new HashMap<>();
                for (int p = 0; p < oneHot.categories().size(); p++) {
                    int code = categories.levels().indexOf(oneHot.categories().get(p));
                    if (code >= 0) {
                        positionOfCode.put(code, p);
                    }
                }
                for (int i = 0; i < rows.length; i++) {
                    Integer position = positionOfCode.get(categories.code(rows[i]));
                    if (position != null) {
                        out[i * width + offset + position] = 1f;
                    }
                }
            }
            offset += feature.width();
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = classOfRow[rows[i]];
        }
        return new EncodedSet(out, rows.length, width, labels);
    }
}
