package org.layerlab.core.dl4j;

import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.ExampleSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where a training run's minibatches come from, epoch by epoch: the one thing {@link Dl4jTrainer}'s loop asks of
 * the training data. A table in memory is sliced from one shuffled matrix ({@link MatrixBatchFeed}, no copy per
 * batch); any other {@link ExampleSet} — an image folder — is read batch by batch on a background thread while the
 * network trains on the previous batch ({@link PrefetchingBatchFeed}).
 */
interface BatchFeed extends AutoCloseable {

    /** Loss and accuracy of the network on some examples, as {@link Dl4jTrainer} measures a whole split. */
    @FunctionalInterface
    interface Measure {
        double[] lossAndAccuracy(INDArray features, int[] labels);
    }

    /** Regression errors of the network on some rows, as {@link Dl4jTrainer} measures a whole split. */
    @FunctionalInterface
    interface RegressionMeasure {
        double[] squaredAndAbsoluteError(INDArray features, float[] targets);
    }

    /** Starts epoch {@code epoch} (counted from 1) with a new order of the examples, drawn from the run's seed. */
    void startEpoch(int epoch);

    /** The next minibatch of this epoch, or null when the epoch is done. */
    DataSet next();

    /** Mean loss and accuracy on the whole training split (without augmentation), in evaluation-sized slices. */
    double[] lossAndAccuracy(Measure measure);

    /** Regression: mean squared and absolute error on the whole training split. Only tables have targets. */
    default double[] regressionErrors(RegressionMeasure measure) {
        throw new UnsupportedOperationException("only a table in memory carries regression targets");
    }

    @Override
    void close();

    static BatchFeed of(ExampleSet train, int classes, int batchSize, long seed) {
        if (train instanceof EncodedSet table) {
            return new MatrixBatchFeed(table, classes, batchSize, seed);
        }
        return new PrefetchingBatchFeed(train, classes, batchSize, seed);
    }
}
