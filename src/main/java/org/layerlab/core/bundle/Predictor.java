package org.layerlab.core.bundle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.preprocess.EncodedSet;

/**
 * Predicts from named values ({@code {"sepal_length": 5.1, …}}) with a {@link ModelBundle}, replaying exactly the
 * preprocessing fitted at training time. Checks every request first and answers a wrong one with a
 * {@link BundleProblem} saying what is wrong: a missing or unknown field, a word where a number belongs, a category
 * the model never saw. A value may be {@code null} to mean "missing" (filled as in training). A regression model
 * answers with the number it predicts, in the label's own units.
 */
public final class Predictor {
    private final ModelBundle bundle;
    private final List<InputField> schema;

    public Predictor(ModelBundle bundle) {
        this.bundle = bundle;
        this.schema = bundle.inputSchema();
    }

    public List<InputField> schema() {
        return schema;
    }

    public List<String> classNames() {
        return bundle.classNames();
    }

    /** True when the model predicts a number ({@link Prediction#value()}) rather than a class. */
    public boolean isRegression() {
        return bundle.isRegression();
    }

    public Prediction predict(Map<String, ?> row) {
        return predictAll(List.of(row)).get(0);
    }

    public List<Prediction> predictAll(List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Table table = toTable(rows);
        int[] indices = new int[rows.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        EncodedSet encoded = bundle.encoder().encode(table, indices, new int[rows.size()]);
        if (bundle.isRegression()) {
            List<Prediction> values = new ArrayList<>(rows.size());
            for (float standardized : bundle.model().predictValues(encoded)) {
                values.add(Prediction.ofValue(bundle.target().restore(standardized)));
            }
            return values;
        }
        float[][] probabilities = bundle.model().predictProbabilities(encoded);
        return Prediction.ofProbabilities(probabilities, bundle.classNames());
    }

    private Table toTable(List<? extends Map<String, ?>> rows) {
        Set<String> known = new LinkedHashSet<>();
        schema.forEach(field -> known.add(field.name()));
        for (int r = 0; r < rows.size(); r++) {
            Map<String, ?> row = rows.get(r);
            if (row == null) {
                throw new BundleProblem(where(r, rows.size()) + "is empty; send an object of named values.");
            }
            List<String> missing = new ArrayList<>();
            for (String name : known) {
                if (!row.containsKey(name)) {
                    missing.add(name);
                }
            }
            List<String> extra = new ArrayList<>();
            for (String name : row.keySet()) {
                if (!known.contains(name)) {
                    extra.add(name);
                }
            }
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw new BundleProblem(where(r, rows.size())
                        + (missing.isEmpty() ? "" : "lacks " + quoteAll(missing) + (extra.isEmpty() ? "" : " and "))
                        + (extra.isEmpty() ? "" : "has fields the model does not use: " + quoteAll(extra))
                        + ". The model expects exactly: " + quoteAll(new ArrayList<>(known)) + ".");
            }
        }
        List<Column> columns = new ArrayList<>();
        for (InputField field : schema) {
            columns.add(field.type() == ColumnType.NUMERIC ? numeric(field, rows) : categorical(field, rows));
        }
        return new Table("request", columns);
    }

    private static Column numeric(InputField field, List<? extends Map<String, ?>> rows) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object value = rows.get(r).get(field.name());
            if (value == null) {
                values[r] = Double.NaN;
            } else if (value instanceof Number number) {
                values[r] = number.doubleValue();
            } else if (value instanceof String text && !Double.isNaN(parse(text))) {
                values[r] = parse(text);
            } else {
                throw new BundleProblem(where(r, rows.size()) + "has '" + value + "' for '" + field.name()
                        + "', which must be a number.");
            }
            if (Double.isInfinite(values[r])) {
                throw new BundleProblem(where(r, rows.size()) + "has an infinite value for '" + field.name() + "'.");
            }
        }
        return new NumericColumn(field.name(), values);
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Column categorical(InputField field, List<? extends Map<String, ?>> rows) {
        int[] codes = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object value = rows.get(r).get(field.name());
            if (value == null) {
                codes[r] = -1;
                continue;
            }
            String text = value instanceof Number number ? NumericColumn.format(number.doubleValue())
                    : String.valueOf(value);
            int code = field.categories().indexOf(text);
            if (code < 0) {
                throw new BundleProblem(where(r, rows.size()) + "has '" + text + "' for '" + field.name()
                        + "', which the model never saw. Known values: " + quoteAll(field.categories()) + ".");
            }
            codes[r] = code;
        }
        return new CategoricalColumn(field.name(), codes, field.categories());
    }

    private static String where(int row, int rows) {
        return rows == 1 ? "The input " : "Input " + (row + 1) + " ";
    }

    private static String quoteAll(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            quoted.add("'" + name + "'");
        }
        return String.join(", ", quoted);
    }
}
