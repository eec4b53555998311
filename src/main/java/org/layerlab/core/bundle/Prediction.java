package org.layerlab.core.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's answer for one input: the most probable class and every class's probability.
 *
 * @param probabilities class name → probability, in the model's class order
 */
public record Prediction(String label, Map<String, Double> probabilities) {
    public Prediction {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }
}
