package org.layerlab.core.train;

import java.io.IOException;
import java.nio.file.Path;
import org.layerlab.core.preprocess.ExampleSet;

/** A fitted network, usable for prediction and saving; the engine behind it stays hidden. */
public interface TrainedModel {

    /**
     * Class probabilities, one row per input row, one column per class (for regression: one raw value). The rows are
     * read batch by batch, so a set that decodes its examples on demand (images) is never held whole as floats.
     */
    float[][] predictProbabilities(ExampleSet data);

    /** The most probable class for each row. */
    default int[] predictClasses(ExampleSet data) {
        float[][] probabilities = predictProbabilities(data);
        int[] classes = new int[probabilities.length];
        for (int row = 0; row < probabilities.length; row++) {
            int best = 0;
            for (int c = 1; c < probabilities[row].length; c++) {
                if (probabilities[row][c] > probabilities[row][best]) {
                    best = c;
                }
            }
            classes[row] = best;
        }
        return classes;
    }

    /** For a regression model (one output): the number predicted for each row, as the network outputs it. */
    default float[] predictValues(ExampleSet data) {
        float[][] outputs = predictProbabilities(data);
        float[] values = new float[outputs.length];
        for (int row = 0; row < outputs.length; row++) {
            values[row] = outputs[row][0];
        }
        return values;
    }

    /** Writes the network to a file (atomically: a half-written model never replaces a good one). */
    void save(Path file) throws IOException;
}
