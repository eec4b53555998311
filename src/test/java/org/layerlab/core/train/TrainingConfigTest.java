package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layerlab.core.graph.WeightInit;

class TrainingConfigTest {

    @ParameterizedTest(name = "epochs={0} batch={1} lr={2}")
    @CsvSource(delimiter = ';', value = {
            "0; 32; 0.01; Epochs must be between 1",
            "10; 0; 0.01; Batch size must be at least 1",
            "10; 32; 0; learning rate must be a small positive number",
            "10; 32; -1; learning rate must be a small positive number",
            "10; 32; NaN; learning rate must be a small positive number"})
    void refusesImpossibleSettingsWithAPlainMessage(int epochs, int batch, double lr, String message) {
        assertThatThrownBy(() -> new TrainingConfig(epochs, batch, lr, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "l1={0} l2={1} clip={2} patience={3}")
    @CsvSource(delimiter = ';', value = {
            "-1; 0; 0; 0; L1 must be 0 (off) or a small positive number",
            "0; 2; 0; 0; L2 must be 0 (off) or a small positive number",
            "0; NaN; 0; 0; L2 must be 0 (off)",
            "0; 0; -0.5; 0; Gradient clipping must be 0 (off) or a positive limit",
            "0; 0; 0; -2; Early-stopping patience is a number of epochs"})
    void refusesImpossibleOptionsWithAPlainMessage(double l1, double l2, double clip, int patience, String message) {
        assertThatThrownBy(() -> new TrainingConfig(10, 32, 0.01, 1, Optimizer.SGD, null, null, l1, l2, clip,
                new EarlyStopping(EarlyStopping.Metric.VAL_LOSS, patience)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theFourNumberFormKeepsTheOldDefaults() {
        TrainingConfig config = TrainingConfig.defaults();

        assertThat(config).isEqualTo(new TrainingConfig(100, 32, 0.01, 42));
        assertThat(config.optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(config.schedule().isConstant()).isTrue();
        assertThat(config.weightInit()).isEqualTo(WeightInit.AUTO);
        assertThat(config.l1()).isZero();
        assertThat(config.l2()).isZero();
        assertThat(config.gradientClip()).isZero();
        assertThat(config.earlyStopping().enabled()).isFalse();
    }

    @Test
    void changingTheBasicsKeepsTheOptions() {
        TrainingConfig config = TrainingConfig.defaults().withOptimizer(Optimizer.RMSPROP)
                .withEarlyStopping(EarlyStopping.onValidationLoss(3)).withRegularization(0, 0.01);

        TrainingConfig changed = config.withBasics(7, 8, 0.5, 9).withEpochs(11);

        assertThat(changed.epochs()).isEqualTo(11);
        assertThat(changed.batchSize()).isEqualTo(8);
        assertThat(changed.optimizer()).isEqualTo(Optimizer.RMSPROP);
        assertThat(changed.earlyStopping().patience()).isEqualTo(3);
        assertThat(changed.l2()).isEqualTo(0.01);
    }

    @Test
    void optimizersAreFoundByTheirCommandLineNames() {
        assertThat(Optimizer.byId("AdamW")).contains(Optimizer.ADAMW);
        assertThat(Optimizer.byId("nesterov")).contains(Optimizer.NESTEROV);
        assertThat(Optimizer.byId("lion")).isEmpty();
        assertThat(Optimizer.ids()).isEqualTo("sgd, nesterov, adam, adamw, rmsprop, adagrad");
    }

    @Test
    void schedulesGiveTheRateAtEachEpoch() {
        double base = 0.1;
        assertThat(LearningRateSchedule.none().rateAt(base, 500, 50, 100, 10)).isEqualTo(base);
        LearningRateSchedule step = LearningRateSchedule.step(0.5, 10);
        assertThat(step.rateAt(base, 0, 9, 100, 10)).isEqualTo(0.1);
        assertThat(step.rateAt(base, 0, 10, 100, 10)).isEqualTo(0.05);
        assertThat(step.rateAt(base, 0, 25, 100, 10)).isCloseTo(0.025, within());
        assertThat(LearningRateSchedule.exponential(0.9).rateAt(base, 0, 2, 100, 10)).isCloseTo(0.081, within());
        LearningRateSchedule cosine = LearningRateSchedule.cosine();
        assertThat(cosine.rateAt(base, 0, 0, 10, 10)).isEqualTo(base);
        assertThat(cosine.rateAt(base, 0, 5, 10, 10)).isCloseTo(0.05, within());
        assertThat(cosine.rateAt(base, 0, 9, 10, 10)).isLessThan(0.003);
    }

    @Test
    void warmUpRisesPerMinibatchThenHandsOver() {
        LearningRateSchedule warm = LearningRateSchedule.cosine().withWarmup(2);
        // 2 warm-up epochs × 5 minibatches: the rate climbs in 10 equal steps to the base rate.
        assertThat(warm.rateAt(1.0, 0, 0, 12, 5)).isCloseTo(0.1, within());
        assertThat(warm.rateAt(1.0, 4, 0, 12, 5)).isCloseTo(0.5, within());
        assertThat(warm.rateAt(1.0, 9, 1, 12, 5)).isCloseTo(1.0, within());
        // Then the cosine runs over the remaining 10 epochs.
        assertThat(warm.rateAt(1.0, 10, 2, 12, 5)).isEqualTo(1.0);
        assertThat(warm.rateAt(1.0, 35, 7, 12, 5)).isCloseTo(0.5, within());
        assertThat(warm.describe()).isEqualTo("cosine, after 2 warm-up epochs");
        assertThat(LearningRateSchedule.step(0.5, 10).describe()).isEqualTo("step ×0.5 every 10 epochs");
    }

    @Test
    void scheduleSettingsAreCheckedWithPlainMessages() {
        assertThatThrownBy(() -> LearningRateSchedule.exponential(1.5)).hasMessageContaining("decay factor");
        assertThatThrownBy(() -> LearningRateSchedule.step(0.5, 0)).hasMessageContaining("every 1 or more epochs");
        assertThatThrownBy(() -> LearningRateSchedule.none().withWarmup(-1)).hasMessageContaining("Warm-up");
    }

    @Test
    void earlyStoppingKnowsWhichWayIsBetter() {
        EarlyStopping loss = EarlyStopping.onValidationLoss(2);
        EarlyStopping accuracy = new EarlyStopping(EarlyStopping.Metric.VAL_ACCURACY, 2);
        assertThat(loss.isImprovement(0.4, 0.5)).isTrue();
        assertThat(loss.isImprovement(0.5, 0.5)).isFalse();
        assertThat(accuracy.isImprovement(0.9, 0.8)).isTrue();
        assertThat(accuracy.isImprovement(Double.NaN, 0.8)).isFalse();
        assertThat(loss.isImprovement(0.9, Double.NaN)).isTrue();
        assertThat(EarlyStopping.off().enabled()).isFalse();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
