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
 * @param augmentation how the training rows are augmented each epoch, after these steps (noise on the prepared,
 *                     e.g. standardized, inputs; oversampling); {@link TableAugmentation#NONE} for none (null reads
 *                     as none). Only the training split is ever augmented; tables only.
 */
public record Preprocessing(boolean standardize, List<String> excludedColumns, List<PipelineStep> steps,
                            TableAugmentation augmentation) {
    public Preprocessing {
        excludedColumns = List.copyOf(excludedColumns);
        steps = steps == null ? null : List.copyOf(steps);
        augmentation = augmentation == null ? TableAugmentation.NONE : augmentation;
    }

    /** Preprocessing without augmentation. */
    public Preprocessing(boolean standardize, List<String> excludedColumns, List<PipelineStep> steps) {
        this(standardize, excludedColumns, steps, TableAugmentation.NONE);
    }

    /** The fixed default preprocessing (no pipeline). */
    public Preprocessing(boolean standardize, List<String> excludedColumns) {
        this(standardize, excludedColumns, null);
    }

    public static Preprocessing defaults() {
        return new Preprocessing(true, List.of());
    }

    public Preprocessing withExcludedColumns(List<String> columns) {
        return new Preprocessing(standardize, columns, steps, augmentation);
    }

    /** The same choices with a pipeline of steps (null: back to the fixed default). */
    public Preprocessing withSteps(List<PipelineStep> newSteps) {
        return new Preprocessing(standardize, excludedColumns, newSteps, augmentation);
    }

    /** The same choices with another augmentation of the training rows (null: none). */
    public Preprocessing withAugmentation(TableAugmentation newAugmentation) {
        return new Preprocessing(standardize, excludedColumns, steps, newAugmentation);
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
