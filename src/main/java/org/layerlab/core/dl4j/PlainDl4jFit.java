package org.layerlab.core.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The yardstick for LayerLab's trainer: the same network trained by plain DL4J — {@code ComputationGraph.fit} on
 * minibatches built before timing starts, with no listeners, no events and no per-epoch measuring. Used only by
 * the benchmark, so the speed of everything LayerLab adds (events, control checks, shuffling, metrics) is visible.
 */
public final class PlainDl4jFit {
    private PlainDl4jFit() {
    }

    /**
     * Fits {@code epochs} epochs and returns the samples per second of each, counting only the fit calls.
     * The batches are shuffled once, as the PyTorch twin prebuilds them outside its timed region.
     */
    public static List<Double> samplesPerSecond(NetworkGraph graph, EncodedSet train, int classes,
                                                TrainingConfig config, int epochs) {
        ComputationGraph network = Dl4jNetworkFactory.create(graph,
                new DataSignature(new org.layerlab.core.graph.TensorShape.Vector(train.columns()), classes), config);
        float[] features = new float[train.features().length];
        float[] oneHot = new float[train.rows() * classes];
        Dl4jTrainer.shuffleInto(train, classes, new Random(config.seed()), features, oneHot, new int[train.rows()]);
        INDArray allFeatures = Nd4j.create(features, new long[] {train.rows(), train.columns()}, 'c');
        INDArray allLabels = Nd4j.create(oneHot, new long[] {train.rows(), classes}, 'c');
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < train.rows(); from += config.batchSize()) {
            int to = Math.min(train.rows(), from + config.batchSize());
            batches.add(new DataSet(
                    allFeatures.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                            org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(),
                    allLabels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                            org.nd4j.linalg.indexing.NDArrayIndex.all()).dup()));
        }
        List<Double> rates = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            for (DataSet batch : batches) {
                network.fit(batch);
            }
            rates.add(train.rows() / ((System.nanoTime() - start) / 1e9));
        }
        Nd4j.getMemoryManager().invokeGc();
        return rates;
    }

    /** The floating-point type ND4J computes in, for the benchmark's header line. */
    public static String dataType() {
        return Nd4j.dataType() == DataType.FLOAT ? "float32" : Nd4j.dataType().toString();
    }
}
