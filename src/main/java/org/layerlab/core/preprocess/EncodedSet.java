package org.layerlab.core.preprocess;

/**
 * One split of encoded data: a row-major {@code rows × columns} float matrix of features and a class index
 * per row. Row-major and contiguous so that a training batch is a slice, not a gather.
 */
public record EncodedSet(float[] features, int rows, int columns, int[] labels) implements ExampleSet {
    public EncodedSet {
        if (features.length != (long) rows * columns) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + rows + " × " + columns);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values, expected " + rows);
        }
    }

    public float feature(int row, int column) {
        return features[row * columns + column];
    }

    /** Copies rows as they are; a table's rows do not vary between passes. */
    @Override
    public void copyRows(int[] order, int from, int to, float[] target, int pass) {
        for (int i = from; i < to; i++) {
            System.arraycopy(features, order[i] * columns, target, (i - from) * columns, columns);
        }
    }
}
