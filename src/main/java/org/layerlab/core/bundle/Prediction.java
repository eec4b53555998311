package org.layerlab.core.bundle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's answer for one input: the most probable class and every class's probability — or, for a regression
 * model, the number predicted ({@code value}; then {@code label} is that number as text and there are no
 * probabilities).
 *
 * @param probabilities class name → probability, in the model's class order
 * @param value         the number a regression model predicts; NaN for a classifier
 */
public record Prediction(String label, Map<String, Double> probabilities, double value) {
    public Prediction {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** A classifier's answer. */
    public Prediction(String label, Map<String, Double> probabilities) {
        this(label, probabilities, Double.NaN);
    }

    /** A regression model's answer. */
    public static Prediction ofValue(double value) {
        return new Prediction(String.format(Locale.ROOT, "%.6g", value), Map.of(), value);
    }

    /** A classifier's answers from its output rows: each row's most probable class and every class's probability. */
    public static List<Prediction> ofProbabilities(float[][] probabilities, List<String> classNames) {
        List<Prediction> predictions = new ArrayList<>(probabilities.length);
        for (float[] row : probabilities) {
            Map<String, Double> byClass = new LinkedHashMap<>();
            int best = 0;
            for (int c = 0; c < row.length; c++) {
                byClass.put(classNames.get(c), (double) row[c]);
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            predictions.add(new Prediction(classNames.get(best), byClass));
        }
        return predictions;
    }

    public boolean isValue() {
        return !Double.isNaN(value);
    }
}
