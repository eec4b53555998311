package org.layerlab.core.train;

import org.layerlab.core.graph.WeightInit;

/**
 * How to train: epochs, minibatch size, the optimizer and its learning rate (with an optional schedule), the random
 * seed that makes a run repeatable, network-wide weight initialisation and regularisation, gradient clipping and
 * early stopping. Validated here so that the form, the project file and the command line all give the same message.
 *
 * @param weightInit   the initialisation for layers left on automatic; {@link WeightInit#AUTO} keeps LayerLab's
 *                     per-activation choice. A layer's own choice always wins.
 * @param l1           L1 penalty for layers that have none of their own; 0 = none
 * @param l2           L2 penalty (weight decay added to the loss) for layers that have none of their own; 0 = none
 * @param gradientClip clip each layer's gradient to this L2 norm before the update; 0 = no clipping
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, Optimizer optimizer,
                             LearningRateSchedule schedule, WeightInit weightInit, double l1, double l2,
                             double gradientClip, EarlyStopping earlyStopping) {
    public static final int MAX_EPOCHS = 100_000;

    public TrainingConfig {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("Epochs must be between 1 and " + MAX_EPOCHS + "; " + epochs
                    + " is not possible.");
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("Batch size must be at least 1 (try 32); " + batchSize
                    + " is not possible.");
        }
        if (!(learningRate > 0) || learningRate > 10 || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("The learning rate must be a small positive number such as 0.001; "
                    + learningRate + " is not possible.");
        }
        optimizer = optimizer == null ? Optimizer.ADAM : optimizer;
        schedule = schedule == null ? LearningRateSchedule.none() : schedule;
        weightInit = weightInit == null ? WeightInit.AUTO : weightInit;
        earlyStopping = earlyStopping == null ? EarlyStopping.off() : earlyStopping;
        if (!(l1 >= 0) || l1 > 1) {
            throw new IllegalArgumentException("L1 must be 0 (off) or a small positive number such as 0.0001; " + l1
                    + " is not possible.");
        }
        if (!(l2 >= 0) || l2 > 1) {
            throw new IllegalArgumentException("L2 must be 0 (off) or a small positive number such as 0.0001; " + l2
                    + " is not possible.");
        }
        if (!(gradientClip >= 0) || Double.isInfinite(gradientClip)) {
            throw new IllegalArgumentException("Gradient clipping must be 0 (off) or a positive limit such as 1.0; "
                    + gradientClip + " is not possible.");
        }
    }

    /** Adam with a constant rate, automatic initialisation, no penalties, no clipping, no early stopping. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, long seed) {
        this(epochs, batchSize, learningRate, seed, Optimizer.ADAM, LearningRateSchedule.none(), WeightInit.AUTO,
                0, 0, 0, EarlyStopping.off());
    }

    /** Defaults that train small tables well: Adam at 0.01, batch 32, 100 epochs. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(100, 32, 0.01, 42);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, learningRate, seed, optimizer, schedule, weightInit, l1, l2,
                gradientClip, earlyStopping);
    }

    /** The same settings with new basics (epochs, batch size, learning rate, seed) and everything else kept. */
    public TrainingConfig withBasics(int newEpochs, int newBatchSize, double newLearningRate, long newSeed) {
        return new TrainingConfig(newEpochs, newBatchSize, newLearningRate, newSeed, optimizer, schedule, weightInit,
                l1, l2, gradientClip, earlyStopping);
    }

    public TrainingConfig withOptimizer(Optimizer newOptimizer) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, newOptimizer, schedule, weightInit, l1, l2,
                gradientClip, earlyStopping);
    }

    public TrainingConfig withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, optimizer, newSchedule, weightInit, l1, l2,
                gradientClip, earlyStopping);
    }

    public TrainingConfig withWeightInit(WeightInit newWeightInit) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, optimizer, schedule, newWeightInit, l1, l2,
                gradientClip, earlyStopping);
    }

    public TrainingConfig withRegularization(double newL1, double newL2) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, optimizer, schedule, weightInit, newL1, newL2,
                gradientClip, earlyStopping);
    }

    public TrainingConfig withGradientClip(double newGradientClip) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, optimizer, schedule, weightInit, l1, l2,
                newGradientClip, earlyStopping);
    }

    public TrainingConfig withEarlyStopping(EarlyStopping newEarlyStopping) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, optimizer, schedule, weightInit, l1, l2,
                gradientClip, newEarlyStopping);
    }

    /** The learning rate the schedule gives at a position in this run (see {@link LearningRateSchedule#rateAt}). */
    public double learningRateAt(long iteration, int epoch, int iterationsPerEpoch) {
        return schedule.rateAt(learningRate, iteration, epoch, epochs, iterationsPerEpoch);
    }
}
