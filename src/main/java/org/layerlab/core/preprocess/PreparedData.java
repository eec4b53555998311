package org.layerlab.core.preprocess;

import java.util.List;

/**
 * Everything a trainer needs: the three encoded splits plus names for what the numbers mean. The training split of
 * a table is an {@link EncodedSet}; that of an image folder is read image by image as training goes (see
 * {@link ExampleSet}), while validation and test are decoded once, as they are measured every epoch.
 *
 * @param featureNames one name per encoded input column (e.g. "sex=female" for a one-hot column)
 * @param classNames   the label's classes; the class index in {@link EncodedSet#labels()} points here
 * @param notes        plain-language notes about choices made while preparing (columns left out, …)
 */
public record PreparedData(ExampleSet train, EncodedSet validation, EncodedSet test,
                           List<String> featureNames, List<String> classNames, List<String> notes) {
    public PreparedData {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        notes = List.copyOf(notes);
        for (ExampleSet split : List.of(train, validation, test)) {
            if (split.columns() != featureNames.size()) {
                throw new IllegalArgumentException("a split has " + split.columns() + " input columns but there are "
                        + featureNames.size() + " feature names");
            }
        }
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
        return new org.layerlab.core.graph.DataSignature(train.exampleShape(), classCount());
    }
}
