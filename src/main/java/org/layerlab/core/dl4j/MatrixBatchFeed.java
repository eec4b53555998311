package org.layerlab.core.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.layerlab.core.preprocess.EncodedSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Minibatches of a table held in memory: each epoch the rows are shuffled into one contiguous matrix, and the
 * batches are row slices of it — no per-batch gathering ({@code getRows} of 64 rows cost about 7 ms a batch).
 * With table augmentation each epoch's rows are drawn afresh (noise, oversampling) before the shuffle.
 */
final class MatrixBatchFeed implements BatchFeed {
    private final IntFunction<EncodedSet> rowsOfEpoch;
    private EncodedSet train;
    private final int classes;
    private final int batchSize;
    private final long seed;
    // Allocated once per run and refilled with a new shuffle each epoch. The same matrix also serves to measure the
    // whole training split after the epoch (the order does not matter there), so the training features live only
    // once in native memory.
    private final float[] shuffledFeatures;
    private final float[] shuffledOneHot;
    private final int[] shuffledClasses;
    private final INDArray epochFeatures;
    private final INDArray epochLabels;
    /**
     * The minibatches as views of the two matrices, made once per run: refilling the matrices refills them. Making
     * views batch by batch cost about a quarter of the MLP's training speed (each view is a native buffer that a
     * background thread must free while the next batch trains).
     */
    private final List<DataSet> batches = new ArrayList<>();
    private int next;

    MatrixBatchFeed(EncodedSet train, int classes, int batchSize, long seed) {
        this(epoch -> train, classes, batchSize, seed);
    }

    /**
     * @param rowsOfEpoch the training rows of an epoch (counted from 1), the same number every epoch; called once
     *                    per epoch, and for epoch 1 also here, to size the matrices
     */
    MatrixBatchFeed(IntFunction<EncodedSet> rowsOfEpoch, int classes, int batchSize, long seed) {
        this.rowsOfEpoch = rowsOfEpoch;
        this.train = rowsOfEpoch.apply(1);
        this.classes = classes;
        this.batchSize = batchSize;
        this.seed = seed;
        int rows = train.rows();
        shuffledFeatures = new float[rows * train.columns()];
        shuffledOneHot = new float[rows * classes];
        shuffledClasses = new int[rows];
        epochFeatures = Nd4j.create(DataType.FLOAT, rows, train.columns());
        epochLabels = Nd4j.create(DataType.FLOAT, rows, classes);
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            batches.add(new DataSet(epochFeatures.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                    epochLabels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())));
        }
    }

    @Override
    public void startEpoch(int epoch) {
        train = epoch == 1 ? train : rowsOfEpoch.apply(epoch);
        if (train.rows() * train.columns() != shuffledFeatures.length) {
            throw new IllegalStateException("an epoch's rows changed in number: " + train.rows());
        }
        Dl4jTrainer.shuffleInto(train, classes, new Random(seed + epoch), shuffledFeatures, shuffledOneHot,
                shuffledClasses);
        epochFeatures.data().setData(shuffledFeatures);
        epochLabels.data().setData(shuffledOneHot);
        next = 0;
    }

    @Override
    public DataSet next() {
        return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public double[] lossAndAccuracy(Measure measure) {
        return measure.lossAndAccuracy(epochFeatures, shuffledClasses);
    }

    /** For regression {@link Dl4jTrainer#shuffleInto} writes each row's target where a class's one-hot would go. */
    @Override
    public double[] regressionErrors(RegressionMeasure measure) {
        return measure.squaredAndAbsoluteError(epochFeatures, shuffledOneHot);
    }

    @Override
    public void close() {
        // Nothing to release: the matrices go with the run.
    }
}
