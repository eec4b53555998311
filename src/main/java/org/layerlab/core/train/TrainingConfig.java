package org.layerlab.core.train;

/**
 * How to train: epochs, minibatch size, Adam learning rate and the random seed that makes a run repeatable.
 * Validated here so that the form, the project file and the command line all give the same message.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed) {
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
    }

    /** Defaults that train small tables well: Adam at 0.01, batch 32, 100 epochs. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(100, 32, 0.01, 42);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, learningRate, seed);
    }
}
