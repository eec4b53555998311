package org.layerlab.core.data;

/**
 * One column of a {@link Table}. Columns are stored by type so that a million rows stay compact:
 * numbers as {@code double[]} (missing = NaN), categories as integer codes into a list of levels
 * (missing = -1).
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    ColumnType type();

    int size();

    boolean isMissing(int row);

    /** The cell as the user would read it; empty for a missing value. */
    String text(int row);

    default int missingCount() {
        int missing = 0;
        for (int row = 0; row < size(); row++) {
            if (isMissing(row)) {
                missing++;
            }
        }
        return missing;
    }
}
