package org.layerlab.core.preprocess;

import java.util.List;

/**
 * Everything a trainer needs: the three encoded splits plus names for what the numbers mean.
 *
 * @param featureNames one name per encoded input column (e.g. "sex=female" for a one-hot column)
 * @param classNames   the label's classes; the class index in {@link EncodedSet#labels()} points here. For
 *                     regression, the one name of the number predicted (the label column)
 * @param notes        plain-language notes about choices made while preparing (columns left out, …)
 * @param target       for regression, how the label was standardized (the splits carry standardized targets);
 *                     null for classification
 */
public record PreparedData(EncodedSet train, EncodedSet validation, EncodedSet test,
                           List<String> featureNames, List<String> classNames, List<String> notes,
                           TargetScaler target) {
    public PreparedData {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        notes = List.copyOf(notes);
        for (EncodedSet split : List.of(train, validation, test)) {
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
    public PreparedData(EncodedSet train, EncodedSet validation, EncodedSet test,
                        List<String> featureNames, List<String> classNames, List<String> notes) {
        this(train, validation, test, featureNames, classNames, notes, null);
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

    /** What a network sees of this data: one flat row of {@link #inputCount()} values, and the classes. */
    public org.layerlab.core.graph.DataSignature signature() {
        return isRegression() ? org.layerlab.core.graph.DataSignature.regressionTable(inputCount())
                : org.layerlab.core.graph.DataSignature.table(inputCount(), classCount());
    }
}
