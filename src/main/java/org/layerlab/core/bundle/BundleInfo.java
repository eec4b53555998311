package org.layerlab.core.bundle;

import java.util.Map;

/**
 * Facts about how a bundled model was made, shown to whoever uses it.
 *
 * @param metrics test metrics by name, e.g. "accuracy" → 0.97
 */
public record BundleInfo(String layerlabVersion, String dataSource, String labelColumn, String createdAt,
                         Map<String, Double> metrics) {
    public BundleInfo {
        metrics = Map.copyOf(metrics);
    }
}
