package org.layerlab.core.data;

import java.util.Locale;

/**
 * How rows are divided into training, validation and test sets (fractions that add up to 1), and the
 * seed of the shuffle, so the same settings always give the same split.
 */
public record SplitSettings(double train, double validation, double test, long seed) {
    public SplitSettings {
        if (!(train > 0) || validation < 0 || !(test > 0)) {
            throw new IllegalArgumentException("The training and test shares must be above 0% and validation "
                    + "cannot be negative (try 70 / 15 / 15).");
        }
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Training, validation and test must add up to 100%%, not %.0f%%.", sum * 100));
        }
    }

    /** 70% train, 15% validation, 15% test, seed 42. */
    public static SplitSettings defaults() {
        return new SplitSettings(0.70, 0.15, 0.15, 42);
    }

    /** From whole percentages as typed in the app (test is what remains). */
    public static SplitSettings ofPercent(int trainPercent, int validationPercent, long seed) {
        int test = 100 - trainPercent - validationPercent;
        if (test <= 0) {
            throw new IllegalArgumentException("Training " + trainPercent + "% and validation " + validationPercent
                    + "% leave nothing for the test set. Lower one of them.");
        }
        return new SplitSettings(trainPercent / 100.0, validationPercent / 100.0, test / 100.0, seed);
    }

    public SplitSettings withSeed(long newSeed) {
        return new SplitSettings(train, validation, test, newSeed);
    }
}
