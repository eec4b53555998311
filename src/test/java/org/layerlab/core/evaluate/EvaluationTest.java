package org.layerlab.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void computesMetricsThatMatchHandWorkedValues() {
        // actual:    a a a a b b b c c c
        // predicted: a a b a b b c c c a
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 0, 1, 1, 2, 2, 2, 0};

        Evaluation e = Evaluation.of(List.of("a", "b", "c"), actual, predicted);

        assertThat(e.confusion()).isDeepEqualTo(new int[][] {{3, 1, 0}, {0, 2, 1}, {1, 0, 2}});
        assertThat(e.accuracy()).isEqualTo(0.7);
        assertThat(e.precision(0)).isCloseTo(3.0 / 4, offset(1e-12));
        assertThat(e.recall(0)).isCloseTo(3.0 / 4, offset(1e-12));
        assertThat(e.precision(1)).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(e.recall(1)).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(e.precision(2)).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(e.f1(2)).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(e.macroF1()).isCloseTo((0.75 + 2.0 / 3 + 2.0 / 3) / 3, offset(1e-12));
        assertThat(e.support(2)).isEqualTo(3);
        assertThat(e.total()).isEqualTo(10);
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroNotNaN() {
        Evaluation e = Evaluation.of(List.of("a", "b"), new int[] {0, 1, 1}, new int[] {0, 0, 0});

        assertThat(e.precision(1)).isZero();
        assertThat(e.recall(1)).isZero();
        assertThat(e.f1(1)).isZero();
        assertThat(e.macroPrecision()).isCloseTo((1.0 / 3) / 2, offset(1e-12));
    }
}
