package org.layerlab.core.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision against recall for one class against the rest, over every score threshold, and its average precision
 * (the area under the step curve, as scikit-learn's {@code average_precision_score} computes it: the sum over
 * thresholds of precision × the recall gained there). More telling than ROC when the class is rare.
 */
public record PrecisionRecallCurve(double[] recalls, double[] precisions, double averagePrecision) {

    public static PrecisionRecallCurve of(double[] scores, boolean[] positive) {
        Integer[] order = RocCurve.sortedByScoreDescending(scores);
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 1});
        int truePositives = 0;
        double previousRecall = 0;
        double average = 0;
        for (int k = 0; k < order.length; k++) {
            int row = order[k];
            if (positive[row]) {
                truePositives++;
            }
            boolean lastOfTie = k == order.length - 1 || scores[order[k + 1]] != scores[row];
            if (lastOfTie) {
                double recall = positives == 0 ? 0 : (double) truePositives / positives;
                double precision = (double) truePositives / (k + 1);
                average += (recall - previousRecall) * precision;
                previousRecall = recall;
                points.add(new double[] {recall, precision});
            }
        }
        return new PrecisionRecallCurve(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), positives == 0 ? Double.NaN : average);
    }
}
