package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingCurvesTest {

    /**
     * The columns of the first release come first, in their order (old spreadsheets and scripts read them by
     * position); the smoothed loss is the last column: here a run of 4 minibatches, smoothed over 10 (weight 0.9) with
     * bias correction, so the first smoothed value is the first loss.
     */
    @Test
    void writesEveryPointInTheOrderItHappened() {
        TrainingCurves curves = new TrainingCurves();
        curves.add(new TrainingEvent.RunStarted("CPU", 2, 2, 10, 5));
        curves.add(new TrainingEvent.IterationDone(1, 1, 1, 0.9, 0.01, 3));
        curves.add(new TrainingEvent.IterationDone(1, 2, 2, 0.8, 0.01, 2));
        curves.add(new TrainingEvent.EpochEnded(1, 2, 0.85, 0.5, 0.95, 0.4, 100, 10, 0.01, 2, Double.NaN, Double.NaN));
        curves.add(new TrainingEvent.IterationDone(2, 1, 3, 0.7, 0.01, 1));
        curves.add(new TrainingEvent.LearningRateChanged(2, 3, 0.01, 0.001));
        curves.add(new TrainingEvent.IterationDone(2, 2, 4, 0.6, 0.001, 0));
        curves.add(new TrainingEvent.EpochEnded(2, 2, 0.65, 0.75, Double.NaN, Double.NaN, 100, 20, 0.001, 0, Double.NaN, Double.NaN));

        assertThat(curves.toCsv()).isEqualTo("""
                kind,iteration,epoch,loss,learning_rate,train_loss,val_loss,train_accuracy,val_accuracy,smoothed_loss
                iteration,1,1,0.90000000,0.010000000,,,,,0.90000000
                iteration,2,1,0.80000000,0.010000000,,,,,0.84736842
                epoch,2,1,,0.010000000,0.85000000,0.95000000,0.50000000,0.40000000,
                iteration,3,2,0.70000000,0.010000000,,,,,0.79298893
                learning_rate_change,3,2,,0.0010000000,,,,,
                iteration,4,2,0.60000000,0.0010000000,,,,,0.73687118
                epoch,4,2,,0.0010000000,0.65000000,,0.75000000,,
                """);
        assertThat(curves.copy().toCsv()).isEqualTo(curves.toCsv());
        assertThat(curves.iterationCount()).isEqualTo(4);
    }

    @Test
    void aRegressionRunWritesMeanAbsoluteErrorWhereAccuracyWouldBe() {
        TrainingCurves curves = new TrainingCurves();
        curves.add(new TrainingEvent.RunStarted("CPU", 1, 1, 10, 5));
        curves.add(new TrainingEvent.IterationDone(1, 1, 1, 0.9, 0.01, 0));
        curves.add(new TrainingEvent.EpochEnded(1, 1, 0.85, Double.NaN, 0.95, Double.NaN, 100, 10, 0.01, 0, 42.5, 47.25));

        assertThat(curves.toCsv()).isEqualTo("""
                kind,iteration,epoch,loss,learning_rate,train_loss,val_loss,train_mae,val_mae,smoothed_loss
                iteration,1,1,0.90000000,0.010000000,,,,,0.90000000
                epoch,1,1,,0.010000000,0.85000000,0.95000000,42.500000,47.250000,
                """);
    }

    @Test
    void theSmoothedLossIsTheSameAsTheChartsForALongRunAndSkipsLossesThatAreNotNumbers() {
        TrainingCurves curves = new TrainingCurves();
        curves.add(new TrainingEvent.RunStarted("CPU", 100, 50, 1600, 5));
        LossSmoothing chart = LossSmoothing.forRun(100, 50);
        assertThat(chart.weight()).isEqualTo(1 - 1.0 / 50); // 5,000 minibatches: about the last 50 are averaged
        double[] expected = new double[5];
        for (int i = 1; i <= 5; i++) {
            double loss = i == 3 ? Double.NaN : 1.0 / i;
            curves.add(new TrainingEvent.IterationDone(1, i, i, loss, 0.01, 0));
            expected[i - 1] = i == 3 ? Double.NaN : chart.add(loss);
        }
        List<String> rows = curves.toCsv().lines().skip(1).toList();
        for (int i = 0; i < 5; i++) {
            String smoothed = rows.get(i).substring(rows.get(i).lastIndexOf(',') + 1);
            if (i == 2) {
                assertThat(smoothed).as("a NaN loss has no smoothed value").isEmpty();
            } else {
                assertThat(Double.parseDouble(smoothed)).isCloseTo(expected[i], within(1e-7));
            }
        }
    }

    @Test
    void keepsAMillionPointsInFull() {
        TrainingCurves curves = new TrainingCurves();
        for (int i = 1; i <= 1_000_000; i++) {
            curves.add(new TrainingEvent.IterationDone(1, i, i, 1.0 / i, 0.01, 0));
        }
        assertThat(curves.iterationCount()).isEqualTo(1_000_000);
        assertThat(curves.toCsv().lines().count()).isEqualTo(1_000_001);
    }
}
