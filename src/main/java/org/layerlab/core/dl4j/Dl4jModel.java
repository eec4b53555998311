package org.layerlab.core.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.preprocess.ExampleSet;
import org.layerlab.core.train.TrainedModel;

/**
 * A trained DL4J {@link ComputationGraph} behind LayerLab's {@link TrainedModel}: flat rows in (as in the table;
 * the network reshapes them itself), plain float arrays out, saved with DL4J's {@link ModelSerializer} (a zip holding
 * the configuration, the parameters and the Adam state, so training could continue from it).
 *
 * <p>Model files written by LayerLab 0.1, which trained a {@link MultiLayerNetwork}, still load: DL4J converts them
 * with {@link MultiLayerNetwork#toComputationGraph()}.
 */
public final class Dl4jModel implements TrainedModel {
    /** Rows sent through the network at once when predicting: bounds the memory of a large prediction. */
    static final int PREDICT_BATCH_ROWS = 4096;

    private final ComputationGraph network;
    private final int inputCount;
    private final int classCount;

    /** The name under which {@link #save} stores the input count in the model zip, beside DL4J's entries. */
    static final String INPUT_COUNT_ENTRY = "layerlab-input-count";

    Dl4jModel(ComputationGraph network, int inputCount) {
        this.network = Objects.requireNonNull(network, "network");
        this.inputCount = inputCount;
        BaseOutputLayer output = (BaseOutputLayer) network.getOutputLayer(0).conf().getLayer();
        this.classCount = Math.toIntExact(output.getNOut());
    }

    /**
     * Values per row the network takes, for a model file that does not say (LayerLab 0.1's): read from whatever
     * consumes the network input — the size of the Input's reshape, or the input size of the first layer (an
     * Embedding's input length, not its vocabulary).
     */
    private static int inputCount(ComputationGraph network) {
        String input = network.getConfiguration().getNetworkInputs().get(0);
        for (Map.Entry<String, List<String>> entry : network.getConfiguration().getVertexInputs().entrySet()) {
            if (!entry.getValue().contains(input)) {
                continue;
            }
            GraphVertex vertex = network.getConfiguration().getVertices().get(entry.getKey());
            if (vertex instanceof ReshapeVertex reshape) {
                int product = 1;
                for (int i = 1; i < reshape.getNewShape().length; i++) {
                    product *= reshape.getNewShape()[i];
                }
                return product;
            }
            if (vertex instanceof LayerVertex layer) {
                if (layer.getLayerConf().getLayer() instanceof EmbeddingSequenceLayer embedding) {
                    return embedding.getInputLength();
                }
                if (layer.getLayerConf().getLayer() instanceof FeedForwardLayer feedForward && feedForward.getNIn() > 0) {
                    return Math.toIntExact(feedForward.getNIn());
                }
            }
        }
        throw new IllegalArgumentException("the network's input size cannot be found");
    }

    /**
     * Reads a model written by {@link #save(Path)}.
     *
     * @throws IOException if the file is missing, unreadable or not a LayerLab/DL4J network
     */
    public static Dl4jModel load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "There is no model file here.");
        }
        if (!Nd4jBackend.isUsable()) {
            throw new IOException(Nd4jBackend.detect().explanation());
        }
        try {
            ComputationGraph network = restore(file);
            Integer stored = ModelSerializer.listObjectsInFile(file.toFile()).contains(INPUT_COUNT_ENTRY)
                    ? ModelSerializer.<Integer>getObjectFromFile(file.toFile(), INPUT_COUNT_ENTRY) : null;
            return new Dl4jModel(network, stored != null ? stored : inputCount(network));
        } catch (IOException | RuntimeException unreadable) {
            throw new IOException("\"" + file.getFileName() + "\" is not a model LayerLab can read ("
                    + unreadable.getMessage() + ").", unreadable);
        }
    }

    /** A LayerLab 0.2+ file holds a ComputationGraph; a 0.1 file a MultiLayerNetwork, converted here. */
    private static ComputationGraph restore(Path file) throws IOException {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException | RuntimeException notAGraph) {
            try {
                return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true).toComputationGraph();
            } catch (IOException | RuntimeException notAStack) {
                notAStack.addSuppressed(notAGraph);
                throw notAStack;
            }
        }
    }

    /** How many input values (encoded feature columns) each row must have. */
    public int inputCount() {
        return inputCount;
    }

    /** How many classes the model tells apart. */
    public int classCount() {
        return classCount;
    }

    /** Weights plus biases of the network. */
    public long parameterCount() {
        return network.numParams();
    }

    /** The wrapped network, for this package only (the trainer keeps training it). */
    ComputationGraph network() {
        return network;
    }

    @Override
    public synchronized float[][] predictProbabilities(ExampleSet data) {
        Objects.requireNonNull(data, "data");
        if (data.columns() != inputCount) {
            throw new IllegalArgumentException("The model expects " + inputCount + " input columns but the data has "
                    + data.columns() + ". Prepare the data the same way as for training.");
        }
        float[][] probabilities = new float[data.rows()][];
        int batchRows = Math.min(PREDICT_BATCH_ROWS, Dl4jTrainer.rowsPerEvaluationBatch(data.columns()));
        Dl4jTrainer.forEachBatch(data, batchRows, (batch, from, to) -> {
            float[] values = Dl4jTrainer.rowMajor(network.outputSingle(false, batch));
            for (int row = from; row < to; row++) {
                probabilities[row] = Arrays.copyOfRange(values, (row - from) * classCount, (row - from + 1) * classCount);
            }
        });
        return probabilities;
    }

    /**
     * Writes the model to a temporary file beside {@code file} and then moves it over {@code file} atomically,
     * so a crash or a full disk never leaves a half-written model in place of a good one.
     */
    @Override
    public synchronized void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try {
            AtomicFiles.write(file, temporary -> {
                ModelSerializer.writeModel(network, temporary.toFile(), true);
                // The network takes flat rows whatever it reshapes them into; say how many values, so that loading
                // need not work it out from the layers.
                ModelSerializer.addObjectToFile(temporary.toFile(), INPUT_COUNT_ENTRY, inputCount);
            });
        } catch (RuntimeException failure) {
            throw new IOException("The model could not be written to " + file.toAbsolutePath() + ": "
                    + failure.getMessage(), failure);
        }
    }
}
