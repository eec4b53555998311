package org.layerlab.core.preprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * The user's preprocessing choices, as saved in the project: whether numeric features are standardized
 * (scaled to mean 0 and standard deviation 1, using training-split statistics only), which columns to
 * leave out of the features, and optionally an ordered pipeline of steps.
 *
 * @param steps the user's pipeline, or null for LayerLab's fixed default (numbers filled with the training mean and,
 *              with {@code standardize}, standardized; categories one-hot) — what every project had before pipelines
 *              existed. With a pipeline, {@code standardize} is not used: whatever the steps leave is encoded as it
 *              is (remaining gaps filled with the training mean, remaining category columns one-hot).
 */
public record Preprocessing(boolean standardize, List<String> excludedColumns, List<PipelineStep> steps) {
    public Preprocessing {
        excludedColumns = List.copyOf(excludedColumns);
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** The fixed default preprocessing (no pipeline). */
    public Preprocessing(boolean standardize, List<String> excludedColumns) {
        this(standardize, excludedColumns, null);
    }

    public static Preprocessing defaults() {
        return new Preprocessing(true, List.of());
    }

    public Preprocessing withExcludedColumns(List<String> columns) {
        return new Preprocessing(standardize, columns, steps);
    }

    /** The same choices with a pipeline of steps (null: back to the fixed default). */
    public Preprocessing withSteps(List<PipelineStep> newSteps) {
        return new Preprocessing(standardize, excludedColumns, newSteps);
    }

    public boolean hasPipeline() {
        return steps != null;
    }

    /**
     * The steps that do what the fixed default does, as a starting point for editing: impute with the mean,
     * standardize (if on), one-hot encode.
     */
    public List<PipelineStep> stepsOrDefault() {
        if (steps != null) {
            return steps;
        }
        List<PipelineStep> defaults = new ArrayList<>();
        defaults.add(PipelineStep.StepKind.IMPUTE.create());
        if (standardize) {
            defaults.add(PipelineStep.StepKind.STANDARDIZE.create());
        }
        defaults.add(PipelineStep.StepKind.ONE_HOT_ENCODE.create());
        return defaults;
    }
}
