package org.layerlab.core.train;

import java.nio.file.Path;

/**
 * Where a run keeps its checkpoints and where it resumes from.
 *
 * @param checkpointFolder write a checkpoint here after every epoch; null = none
 * @param resumeFrom       continue the run checkpointed in this folder (a checkpoint folder, or a folder holding
 *                         several, of which the latest is taken); null = start afresh
 */
public record RunOptions(Path checkpointFolder, Path resumeFrom) {
    public static RunOptions none() {
        return new RunOptions(null, null);
    }

    public static RunOptions checkpointingTo(Path folder) {
        return new RunOptions(folder, null);
    }

    public RunOptions resumingFrom(Path checkpoint) {
        return new RunOptions(checkpointFolder, checkpoint);
    }
}
