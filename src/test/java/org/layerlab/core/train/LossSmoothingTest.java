package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The smoothed loss: TensorBoard's exponential moving average with bias correction, over a window fit for the run. */
class LossSmoothingTest {

    @Test
    void aKnownSequenceIsAveragedWithBiasCorrection() {
        LossSmoothing smoothing = new LossSmoothing(0.5);
        assertThat(smoothing.value()).isNaN();
        // Without the correction the average would start at 0.5 (half of the first value, half of the 0 it starts from).
        assertThat(smoothing.add(1)).isEqualTo(1.0);
        // (0.5·0.5 + 0.5·2) / (1 - 0.5²) = 1.25 / 0.75
        assertThat(smoothing.add(2)).isCloseTo(5.0 / 3, within(1e-12));
        // (0.5·1.25 + 0.5·3) / (1 - 0.5³) = 2.125 / 0.875
        assertThat(smoothing.add(3)).isCloseTo(17.0 / 7, within(1e-12));
        assertThat(smoothing.add(Double.NaN)).as("a NaN is skipped").isCloseTo(17.0 / 7, within(1e-12));
        smoothing.reset();
        assertThat(smoothing.value()).isNaN();
        assertThat(smoothing.add(4)).isEqualTo(4.0);
    }

    @Test
    void aConstantLossStaysThatConstantFromTheFirstValue() {
        LossSmoothing smoothing = new LossSmoothing(0.999);
        for (int i = 0; i < 50; i++) {
            assertThat(smoothing.add(0.7)).isCloseTo(0.7, within(1e-12));
        }
    }

    @Test
    void theWindowIsAboutOnePercentOfTheRunAndAtLeastTenMinibatches() {
        assertThat(LossSmoothing.weightFor(0)).isCloseTo(0.9, within(1e-12));
        assertThat(LossSmoothing.weightFor(420)).as("iris, 60 epochs of 7").isCloseTo(0.9, within(1e-12));
        assertThat(LossSmoothing.weightFor(8_000)).isCloseTo(1 - 1.0 / 80, within(1e-12));
        assertThat(LossSmoothing.weightFor(1_000_000)).isCloseTo(1 - 1.0 / 10_000, within(1e-12));
        assertThat(LossSmoothing.forRun(200, 40).weight()).isEqualTo(LossSmoothing.weightFor(8_000));
        assertThatThrownBy(() -> new LossSmoothing(1)).hasMessageContaining("below 1");
    }
}
