package org.layerlab.core.dl4j;

import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.layerlab.core.preprocess.ExampleSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of examples that are read as they are needed (images decoded from files or from a byte cache, then
 * augmented): a background thread fills the next {@value #AHEAD} batches while the network trains, so only a few
 * batches exist as floats at any time, whatever the size of the data set.
 */
final class PrefetchingBatchFeed implements BatchFeed {
    /** Batches read ahead: enough to hide reading behind fitting, few enough to bound memory. */
    static final int AHEAD = 3;

    private final ExampleSet train;
    private final int classes;
    private final int batchSize;
    private final long seed;
    private final ExecutorService reader;
    private BlockingQueue<Item> queue;
    private Future<?> epochReading;
    // A full batch is copied into these each time (as the table path refills its matrix) rather than into new
    // native arrays: the previous batch is done with once fit returns, and allocating native memory per batch cost
    // about a tenth of LeNet's speed.
    private INDArray fullBatchFeatures;
    private INDArray fullBatchLabels;

    /** A batch, the end of the epoch (both arrays null) or a failure of the reading thread. */
    private record Item(float[] features, float[] oneHot, int rows, RuntimeException failure) {
    }

    PrefetchingBatchFeed(ExampleSet train, int classes, int batchSize, long seed) {
        this.train = train;
        this.classes = classes;
        this.batchSize = batchSize;
        this.seed = seed;
        this.reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "layerlab-batch-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void startEpoch(int epoch) {
        stopReading();
        int[] order = shuffledOrder(train.rows(), new Random(seed + epoch));
        BlockingQueue<Item> epochQueue = new ArrayBlockingQueue<>(AHEAD);
        queue = epochQueue;
        epochReading = reader.submit(() -> readEpoch(order, epoch, epochQueue));
    }

    private void readEpoch(int[] order, int epoch, BlockingQueue<Item> out) {
        int columns = train.columns();
        int[] labels = train.labels();
        try {
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                float[] features = new float[(to - from) * columns];
                train.copyRows(order, from, to, features, epoch);
                float[] oneHot = new float[(to - from) * classes];
                for (int i = from; i < to; i++) {
                    oneHot[(i - from) * classes + labels[order[i]]] = 1f;
                }
                out.put(new Item(features, oneHot, to - from, null));
            }
            out.put(new Item(null, null, 0, null));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            try {
                out.put(new Item(null, null, 0, failure));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public DataSet next() {
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (item.failure() != null) {
            throw item.failure();
        }
        if (item.features() == null) {
            return null;
        }
        if (item.rows() == batchSize) {
            if (fullBatchFeatures == null) {
                fullBatchFeatures = Nd4j.create(DataType.FLOAT, batchSize, train.columns());
                fullBatchLabels = Nd4j.create(DataType.FLOAT, batchSize, classes);
            }
            fullBatchFeatures.data().setData(item.features());
            fullBatchLabels.data().setData(item.oneHot());
            return new DataSet(fullBatchFeatures, fullBatchLabels);
        }
        return new DataSet(
                Nd4j.create(item.features(), new long[] {item.rows(), train.columns()}, 'c'),
                Nd4j.create(item.oneHot(), new long[] {item.rows(), classes}, 'c'));
    }

    @Override
    public double[] lossAndAccuracy(Measure measure) {
        int rows = train.rows();
        int[] labels = train.labels();
        double[] sums = {0, 0};
        Dl4jTrainer.forEachBatch(train, Dl4jTrainer.rowsPerEvaluationBatch(train.columns()), (features, from, to) -> {
            double[] metrics = measure.lossAndAccuracy(features, java.util.Arrays.copyOfRange(labels, from, to));
            sums[0] += metrics[0] * (to - from);
            sums[1] += metrics[1] * (to - from);
        });
        return new double[] {sums[0] / rows, sums[1] / rows};
    }

    private static int[] shuffledOrder(int rows, Random random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) { // Fisher–Yates, as for tables
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Ends the reading of an epoch that was left early (Stop, a failure), so it never blocks on a full queue. */
    private void stopReading() {
        if (epochReading != null) {
            epochReading.cancel(true);
            epochReading = null;
        }
    }

    @Override
    public void close() {
        stopReading();
        reader.shutdownNow();
    }
}
