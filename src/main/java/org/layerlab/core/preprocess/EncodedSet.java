package org.layerlab.core.preprocess;

/**
 * One split of encoded data: a row-major {@code rows × columns} float matrix of features and a class index
 * per row. Row-major and contiguous so that a training batch is a slice, not a gather.
 *
 * @param labels  the class index of each row (all 0 for regression)
 * @param targets for regression, the number to predict for each row, already standardized with the training
 *                split's mean and deviation (see {@link TargetScaler}); null for classification
 */
public record EncodedSet(float[] features, int rows, int columns, int[] labels, float[] targets)
        implements ExampleSet {
    public EncodedSet {
        if (features.length != (long) rows * columns) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + rows + " × " + columns);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values, expected " + rows);
        }
        if (targets != null && targets.length != rows) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values, expected " + rows);
        }
    }

    /** A classification split: features and a class per row. */
    public EncodedSet(float[] features, int rows, int columns, int[] labels) {
        this(features, rows, columns, labels, null);
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

    /** True when the rows carry numbers to predict rather than classes. */
    @Override
    public boolean hasTargets() {
        return targets != null;
    }

    /** The same features with standardized regression targets. */
    public EncodedSet withTargets(float[] newTargets) {
        return new EncodedSet(features, rows, columns, labels, newTargets);
    }
}
