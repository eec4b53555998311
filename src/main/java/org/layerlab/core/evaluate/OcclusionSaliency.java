package org.layerlab.core.evaluate;

import java.util.Arrays;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.train.TrainedModel;

/**
 * Where in an image a model looks, by occlusion (Zeiler &amp; Fergus, 2014, "Visualizing and Understanding
 * Convolutional Networks"): a grey square is slid over the image, and each pixel is scored by how much the probability
 * of the class drops, on average, while a square hides it. Needs only predictions, so it works for any network; all
 * occluded copies go through the model in one batch.
 */
public final class OcclusionSaliency {
    private OcclusionSaliency() {
    }

    /**
     * @param image  the image as the model reads it (channels × height × width, values 0..1)
     * @param target the class whose probability is watched (usually the predicted one)
     * @return one score per pixel (height × width, row by row), scaled so the largest drop is 1; all 0 when hiding
     *         no part lowers the probability
     */
    public static float[] map(TrainedModel model, float[] image, TensorShape.Image shape, int target) {
        int height = shape.height();
        int width = shape.width();
        int plane = height * width;
        int window = Math.max(2, Math.min(height, width) / 7);
        int stride = Math.max(1, window / 2);
        int rowsOfWindows = (height - window) / stride + 1;
        int columnsOfWindows = (width - window) / stride + 1;
        int variants = rowsOfWindows * columnsOfWindows;
        int columns = image.length;
        float fill = mean(image);
        float[] batch = new float[(variants + 1) * columns];
        System.arraycopy(image, 0, batch, 0, columns);
        int v = 1;
        for (int top = 0; top + window <= height; top += stride) {
            for (int left = 0; left + window <= width; left += stride) {
                int offset = v * columns;
                System.arraycopy(image, 0, batch, offset, columns);
                for (int c = 0; c < shape.channels(); c++) {
                    for (int y = top; y < top + window; y++) {
                        Arrays.fill(batch, offset + c * plane + y * width + left,
                                offset + c * plane + y * width + left + window, fill);
                    }
                }
                v++;
            }
        }
        float[][] probabilities = model.predictProbabilities(
                new EncodedSet(batch, variants + 1, columns, new int[variants + 1]));
        double original = probabilities[0][target];
        double[] drop = new double[plane];
        int[] covered = new int[plane];
        v = 1;
        for (int top = 0; top + window <= height; top += stride) {
            for (int left = 0; left + window <= width; left += stride) {
                double lost = Math.max(0, original - probabilities[v][target]);
                for (int y = top; y < top + window; y++) {
                    for (int x = left; x < left + window; x++) {
                        drop[y * width + x] += lost;
                        covered[y * width + x]++;
                    }
                }
                v++;
            }
        }
        float[] scores = new float[plane];
        double largest = 0;
        for (int i = 0; i < plane; i++) {
            double score = covered[i] == 0 ? 0 : drop[i] / covered[i];
            scores[i] = (float) score;
            largest = Math.max(largest, score);
        }
        if (largest > 0) {
            for (int i = 0; i < plane; i++) {
                scores[i] = (float) (scores[i] / largest);
            }
        }
        return scores;
    }

    private static float mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return values.length == 0 ? 0 : (float) (sum / values.length);
    }
}
