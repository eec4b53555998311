package org.layerlab.core.preprocess;

import org.layerlab.core.graph.TensorShape;

/**
 * Examples a trainer reads in batches: {@link #rows()} examples of {@link #columns()} values each, and a class per
 * example. A table's split is an {@link EncodedSet} (all values in one float matrix); an image folder's training
 * split decodes its images as batches are asked for, so that a large folder never sits in the heap as floats.
 */
public interface ExampleSet {
    int rows();

    int columns();

    /** What one example is: a flat row unless the set knows better (an image's channels × height × width). */
    default TensorShape exampleShape() {
        return new TensorShape.Vector(columns());
    }

    /** The class index of each example. */
    int[] labels();

    /** True when the examples carry numbers to predict (regression) rather than classes; only tables do. */
    default boolean hasTargets() {
        return false;
    }

    /**
     * Writes the values of examples {@code order[from]} … {@code order[to - 1]} one after another (row-major) into
     * {@code target}, from its start.
     *
     * @param pass which pass over the data this is (1 for the first epoch): a set that varies its examples on the
     *             fly (augmented images) draws a new variation for every pass, repeatably; 0 asks for the examples
     *             as they are
     */
    void copyRows(int[] order, int from, int to, float[] target, int pass);
}
