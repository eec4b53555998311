package org.layerlab.core.data;

/** How LayerLab reads a column: as numbers, or as a set of named categories. */
public enum ColumnType {
    NUMERIC("number"),
    CATEGORICAL("category");

    private final String plainName;

    ColumnType(String plainName) {
        this.plainName = plainName;
    }

    /** The word shown to users, e.g. in the column list. */
    public String plainName() {
        return plainName;
    }
}
