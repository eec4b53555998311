package org.layerlab.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics against values worked out by hand (the working is in the comments). */
class CurvesAndRegressionTest {

    @Test
    void rocAucCountsPositiveNegativePairsInOrder() {
        // Ranked by score: + - + + - - + -. Positives beat 4, 3, 3 and 1 of the 4 negatives: 11/16.
        boolean[] positive = {true, false, true, true, false, false, true, false};
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.1};

        RocCurve roc = RocCurve.of(scores, positive);

        assertThat(roc.auc()).isCloseTo(11.0 / 16, offset(1e-12));
        assertThat(roc.falsePositiveRates()[0]).isZero();
        assertThat(roc.truePositiveRates()[roc.truePositiveRates().length - 1]).isEqualTo(1.0);
    }

    @Test
    void tiedScoresCountHalf() {
        // 0.9(+) 0.5(+) 0.5(-) 0.1(-): the tied pair counts 1/2, so AUC = 3.5/4.
        RocCurve roc = RocCurve.of(new double[] {0.5, 0.5, 0.9, 0.1}, new boolean[] {true, false, true, false});

        assertThat(roc.auc()).isCloseTo(0.875, offset(1e-12));
    }

    @Test
    void averagePrecisionSumsPrecisionTimesRecallGained() {
        // Recall rises by 1/4 at ranks 1, 3, 4 and 7 with precision 1, 2/3, 3/4 and 4/7.
        boolean[] positive = {true, false, true, true, false, false, true, false};
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.1};

        PrecisionRecallCurve curve = PrecisionRecallCurve.of(scores, positive);

        assertThat(curve.averagePrecision()).isCloseTo(0.25 * (1 + 2.0 / 3 + 0.75 + 4.0 / 7), offset(1e-12));
        // With the tie: recall 1/2 at precision 1, then 1 at precision 2/3.
        assertThat(PrecisionRecallCurve.of(new double[] {0.5, 0.5, 0.9, 0.1},
                new boolean[] {true, false, true, false}).averagePrecision()).isCloseTo(0.5 + 0.5 * 2 / 3.0,
                offset(1e-12));
    }

    @Test
    void aPerfectAndAnInvertedRanking() {
        boolean[] positive = {true, true, false, false};

        assertThat(RocCurve.of(new double[] {0.9, 0.8, 0.2, 0.1}, positive).auc()).isEqualTo(1.0);
        assertThat(RocCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, positive).auc()).isEqualTo(0.0);
        assertThat(RocCurve.of(new double[] {0.1, 0.2}, new boolean[] {true, true}).auc()).isNaN();
    }

    @Test
    void oneVsRestAndTopK() {
        float[][] probabilities = {
                {0.7f, 0.2f, 0.1f},  // actual 0: rank 1
                {0.5f, 0.3f, 0.2f},  // actual 1: rank 2
                {0.6f, 0.3f, 0.1f},  // actual 2: rank 3
                {0.1f, 0.1f, 0.8f}}; // actual 2: rank 1
        int[] actual = {0, 1, 2, 2};

        ProbabilisticEvaluation e = ProbabilisticEvaluation.of(List.of("a", "b", "c"), probabilities, actual);

        assertThat(e.topK(1)).isEqualTo(0.5);
        assertThat(e.topK(2)).isEqualTo(0.75);
        assertThat(e.topK(3)).isEqualTo(1.0);
        assertThat(e.roc()).hasSize(3);
        // Class b: the one positive (0.3) ties with row 2's 0.3 and beats 0.2 and 0.1: (1 + 0.5 + 1) / 3.
        assertThat(e.roc().get(1).auc()).isCloseTo(2.5 / 3, offset(1e-12));
        assertThat(e.macroAuc()).isBetween(0.0, 1.0);
    }

    @Test
    void regressionMetrics() {
        // errors 0.5, 0.5, 0, 1: MAE 0.5, MSE 0.375; mean 2.875, total sum of squares 29.1875.
        RegressionEvaluation e = RegressionEvaluation.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8});

        assertThat(e.meanAbsoluteError()).isCloseTo(0.5, offset(1e-12));
        assertThat(e.rootMeanSquaredError()).isCloseTo(Math.sqrt(0.375), offset(1e-12));
        assertThat(e.r2()).isCloseTo(1 - 1.5 / 29.1875, offset(1e-12));
        assertThat(RegressionEvaluation.of(new double[] {1, 2, 3}, new double[] {2, 2, 2}).r2()).isZero();
    }

    @Test
    void weightedAveragesFollowSupport() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 0, 1, 1, 2, 2, 2, 0};

        Evaluation e = Evaluation.of(List.of("a", "b", "c"), actual, predicted);

        // Precision 3/4, 2/3, 2/3 with 4, 3, 3 rows: (3 + 2 + 2) / 10.
        assertThat(e.weightedPrecision()).isCloseTo(0.7, offset(1e-12));
        assertThat(e.weightedRecall()).isCloseTo(0.7, offset(1e-12));
    }
}
