package org.layerlab.core.preprocess;

import java.util.List;

/**
 * Everything a trainer needs: the three encoded splits plus names for what the numbers mean. The training split of
 * a table is an {@link EncodedSet}; those of an image folder (training, validation and test) are read image by image
 * as they are needed (see {@link ExampleSet}), held as bytes while they fit the memory budget, so that a large
 * folder is never held whole in the heap as floats.
 *
 * @param featureNames one name per encoded input column (e.g. "sex=female" for a one-hot column)
 * @param classNames   the label's classes; the class index in {@link EncodedSet#labels()} points here. For
 *                     regression, the one name of the number predicted (the label column)
 * @param notes        plain-language notes about choices made while preparing (columns left out, …)
 * @param target       for regression, how the label was standardized (the splits carry standardized targets);
 *                     null for classification
 */
public record PreparedData(ExampleSet train, ExampleSet validation, ExampleSet test,
                           List<String> featureNames, List<String> classNames, List<String> notes,
                           TargetScaler target) {
    public PreparedData {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        notes = List.copyOf(notes);
        for (ExampleSet split : List.of(train, validation, test)) {
            if (split.columns() != featureNames.size()) {
                throw new IllegalArgumentException("a split has " + split.columns() + " input columns but there are "
                        + featureNames.size() + " feature names");
            }
            if (target != null && !split.hasTargets()) {
                throw new IllegalArgumentException("regression data needs targets in every split");
            }
        }
        if (target != null && classNames.size() != 1) {
            throw new IllegalArgumentException("regression data predicts one number, not " + classNames.size());
        }
    }

    /** Classification data. */
    public PreparedData(ExampleSet train, ExampleSet validation, ExampleSet test,
                        List<String> featureNames, List<String> classNames, List<String> notes) {
        this(train, validation, test, featureNames, classNames, notes, null);
    }

    /** The training split as a table in memory; an image folder's training split is read as it goes instead. */
    public EncodedSet trainTable() {
        if (train instanceof EncodedSet table) {
            return table;
        }
        throw new IllegalStateException("the training split is read from image files, not held as a table");
    }

    /** The validation split as a table in memory (tables, and so regression, always have one). */
    public EncodedSet validationTable() {
        return table(validation, "validation");
    }

    /** The test split as a table in memory (tables, and so regression, always have one). */
    public EncodedSet testTable() {
        return table(test, "test");
    }

    private static EncodedSet table(ExampleSet split, String name) {
        if (split instanceof EncodedSet table) {
            return table;
        }
        throw new IllegalStateException("the " + name + " split is read from image files, not held as a table");
    }

    /** True when the model predicts a number (regression) rather than a class. */
    public boolean isRegression() {
        return target != null;
    }

    public int inputCount() {
        return featureNames.size();
    }

    public int classCount() {
        return classNames.size();
    }

    /**
     * What a network sees of this data: one example as the training split shapes it (a flat row of
     * {@link #inputCount()} values for a table, channels × height × width for images), and the classes.
     */
    public org.layerlab.core.graph.DataSignature signature() {
        return isRegression() ? org.layerlab.core.graph.DataSignature.regressionTable(inputCount())
                : new org.layerlab.core.graph.DataSignature(train.exampleShape(), classCount());
    }
}
