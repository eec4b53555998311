package org.layerlab.core.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.train.Checkpoint;
import org.layerlab.core.train.CheckpointStore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's half of a checkpoint (see {@link CheckpointStore} for the layout): the network with its optimizer
 * state ({@value #MODEL_FILE}, DL4J's {@link ModelSerializer} with the updater, so Adam's moments and the iteration
 * and epoch counters that drive a schedule come back) and, with early stopping, the best epoch's parameters.
 */
final class Dl4jCheckpoints {
    static final String MODEL_FILE = "model.zip";
    static final String BEST_PARAMETERS_FILE = "best-parameters.bin";

    private Dl4jCheckpoints() {
    }

    /** The network and best parameters a checkpoint holds, with the run's state. */
    record Restored(Checkpoint state, ComputationGraph network, INDArray bestParameters) {
    }

    /**
     * Writes the state after {@code state.epoch()} into its own sub-folder of {@code root}, atomically, and removes
     * sub-folders older than the previous one (keeping two, in case the newest is on a failing disk).
     *
     * @param bestParameters the best epoch's parameters when they differ from the network's; null otherwise
     * @return the folder written
     */
    static Path write(Path root, Checkpoint state, ComputationGraph network, INDArray bestParameters)
            throws IOException {
        Path target = root.resolve(CheckpointStore.folderName(state.epoch()));
        AtomicFiles.writeFolder(target, folder -> {
            ModelSerializer.writeModel(network, folder.resolve(MODEL_FILE).toFile(), true);
            if (bestParameters != null) {
                Nd4j.saveBinary(bestParameters, folder.resolve(BEST_PARAMETERS_FILE).toFile());
            }
            CheckpointStore.write(state, folder); // last: a folder with a state file is complete
        });
        for (Path old : CheckpointStore.all(root)) {
            if (!old.getFileName().toString().equals(CheckpointStore.folderName(state.epoch()))
                    && !old.getFileName().toString().equals(CheckpointStore.folderName(state.epoch() - 1))) {
                AtomicFiles.deleteRecursively(old);
            }
        }
        return target;
    }

    /** Reads the checkpoint in {@code folder} (or the latest inside it). */
    static Restored read(Path folder) throws IOException {
        Checkpoint state = CheckpointStore.read(folder);
        Path model = state.folder().resolve(MODEL_FILE);
        if (!Files.isRegularFile(model)) {
            throw new IOException("The checkpoint in " + state.folder() + " has no " + MODEL_FILE + ".");
        }
        ComputationGraph network = ModelSerializer.restoreComputationGraph(model.toFile(), true);
        Path best = state.folder().resolve(BEST_PARAMETERS_FILE);
        INDArray bestParameters = Files.isRegularFile(best) ? Nd4j.readBinary(best.toFile()) : null;
        return new Restored(state, network, bestParameters);
    }
}
