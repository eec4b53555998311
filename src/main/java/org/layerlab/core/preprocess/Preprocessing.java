package org.layerlab.core.preprocess;

import java.util.List;

/**
 * The user's preprocessing choices, as saved in the project: whether numeric features are standardized
 * (scaled to mean 0 and standard deviation 1, using training-split statistics only) and which columns to
 * leave out of the features.
 */
public record Preprocessing(boolean standardize, List<String> excludedColumns) {
    public Preprocessing {
        excludedColumns = List.copyOf(excludedColumns);
    }

    public static Preprocessing defaults() {
        return new Preprocessing(true, List.of());
    }

    public Preprocessing withExcludedColumns(List<String> columns) {
        return new Preprocessing(standardize, columns);
    }
}
