package org.layerlab.core.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    public boolean isValue() {
        return !Double.isNaN(value);
    }
}
