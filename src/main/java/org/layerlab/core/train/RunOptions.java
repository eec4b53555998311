package org.layerlab.core.train;

import java.nio.file.Path;
import org.layerlab.core.preprocess.TableAugmentation;

/**
 * How a run goes beyond its hyperparameters: where it keeps its checkpoints, where it resumes from, and how the
 * training rows of a table are augmented each epoch.
 *
 * @param checkpointFolder write a checkpoint here after every epoch; null = none
 * @param resumeFrom       continue the run checkpointed in this folder (a checkpoint folder, or a folder holding
 *                         several, of which the latest is taken); null = start afresh
 * @param augmentation     drawn afresh on the training rows of a table every epoch (validation and test rows are
 *                         never touched); {@link TableAugmentation#NONE} (or null) for none. Ignored for images, whose
 *                         augmentation is part of their data.
 */
public record RunOptions(Path checkpointFolder, Path resumeFrom, TableAugmentation augmentation) {
    public RunOptions {
        augmentation = augmentation == null ? TableAugmentation.NONE : augmentation;
    }

    public RunOptions(Path checkpointFolder, Path resumeFrom) {
        this(checkpointFolder, resumeFrom, TableAugmentation.NONE);
    }

    public static RunOptions none() {
        return new RunOptions(null, null);
    }

    public static RunOptions checkpointingTo(Path folder) {
        return new RunOptions(folder, null);
    }

    public RunOptions resumingFrom(Path checkpoint) {
        return new RunOptions(checkpointFolder, checkpoint, augmentation);
    }

    /** The same options with the training rows augmented as {@code newAugmentation} says (null: none). */
    public RunOptions augmenting(TableAugmentation newAugmentation) {
        return new RunOptions(checkpointFolder, resumeFrom, newAugmentation);
    }
}
