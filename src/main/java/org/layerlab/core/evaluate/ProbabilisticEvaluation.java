package org.layerlab.core.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics that need the model's probabilities, not only its answers: one-vs-rest ROC and precision-recall
 * curves per class with their areas, the macro-average AUC, and top-k accuracy (the true class among the k most
 * probable) for problems with many classes.
 */
public record ProbabilisticEvaluation(List<String> classes, List<RocCurve> roc, List<PrecisionRecallCurve> precisionRecall,
                                      double macroAuc, double[] topKAccuracy) {
    public ProbabilisticEvaluation {
        classes = List.copyOf(classes);
        roc = List.copyOf(roc);
        precisionRecall = List.copyOf(precisionRecall);
    }

    /**
     * @param probabilities one row per example, one column per class
     * @param actual        the true class of each row
     */
    public static ProbabilisticEvaluation of(List<String> classes, float[][] probabilities, int[] actual) {
        int n = actual.length;
        List<RocCurve> rocs = new ArrayList<>();
        List<PrecisionRecallCurve> prs = new ArrayList<>();
        double aucSum = 0;
        int aucCount = 0;
        for (int c = 0; c < classes.size(); c++) {
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = probabilities[i][c];
                positive[i] = actual[i] == c;
            }
            RocCurve roc = RocCurve.of(scores, positive);
            rocs.add(roc);
            prs.add(PrecisionRecallCurve.of(scores, positive));
            if (!Double.isNaN(roc.auc())) {
                aucSum += roc.auc();
                aucCount++;
            }
        }
        double[] topK = new double[Math.min(5, classes.size())];
        for (int i = 0; i < n; i++) {
            int rank = 0; // classes scored strictly higher than the true one
            float truth = probabilities[i][actual[i]];
            for (float p : probabilities[i]) {
                if (p > truth) {
                    rank++;
                }
            }
            for (int k = rank; k < topK.length; k++) {
                topK[k]++;
            }
        }
        for (int k = 0; k < topK.length; k++) {
            topK[k] = n == 0 ? 0 : topK[k] / n;
        }
        return new ProbabilisticEvaluation(classes, rocs, prs, aucCount == 0 ? Double.NaN : aucSum / aucCount, topK);
    }

    /** Share of rows whose true class is among the {@code k} most probable (k from 1). */
    public double topK(int k) {
        return topKAccuracy[Math.min(k, topKAccuracy.length) - 1];
    }
}
