package org.layerlab.core.graph;

/** How pooling summarises a window: its largest value or its average. */
public enum PoolType {
    MAX("max"),
    AVERAGE("average");

    private final String label;

    PoolType(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
