package org.layerlab.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A receiver operating characteristic curve for one class against the rest: for every score threshold, the share
 * of the class found (true positive rate) against the share of other rows wrongly flagged (false positive rate).
 * The area under it (AUC) is the chance that a random row of the class scores above a random other row; 0.5 is
 * guessing, 1 is perfect. Tied scores are handled as one threshold (Fawcett, "An introduction to ROC analysis", 2006).
 *
 * @param falsePositiveRates x values from 0 to 1
 * @param truePositiveRates  y values from 0 to 1
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double auc) {

    /**
     * @param scores   the model's probability of the class for each row
     * @param positive whether each row really is of the class
     */
    public static RocCurve of(double[] scores, boolean[] positive) {
        Integer[] order = sortedByScoreDescending(scores);
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = positive.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        int truePositives = 0;
        int falsePositives = 0;
        for (int k = 0; k < order.length; k++) {
            int row = order[k];
            if (positive[row]) {
                truePositives++;
            } else {
                falsePositives++;
            }
            boolean lastOfTie = k == order.length - 1 || scores[order[k + 1]] != scores[row];
            if (lastOfTie) {
                points.add(new double[] {rate(falsePositives, negatives), rate(truePositives, positives)});
            }
        }
        double[] fpr = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] tpr = points.stream().mapToDouble(p -> p[1]).toArray();
        double auc = positives == 0 || negatives == 0 ? Double.NaN : trapezoid(fpr, tpr);
        return new RocCurve(fpr, tpr, auc);
    }

    static Integer[] sortedByScoreDescending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    private static double rate(int count, int total) {
        return total == 0 ? 0 : (double) count / total;
    }

    static double trapezoid(double[] x, double[] y) {
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return area;
    }
}
