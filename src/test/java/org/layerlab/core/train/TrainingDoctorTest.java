package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.train.TrainingDoctor.Hint;
import org.layerlab.core.train.TrainingDoctor.Kind;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.LayerStats;
import org.layerlab.core.train.TrainingEvent.RunStarted;

/** The doctor's rules on made-up histories: each symptom gives its hint once, a healthy run gives none. */
class TrainingDoctorTest {

    private final TrainingDoctor doctor = new TrainingDoctor();
    private final List<Hint> given = new ArrayList<>();

    private void feed(TrainingEvent event) {
        given.addAll(doctor.on(event));
    }

    private void epochs(double[] trainLoss, double[] validationLoss, double rate) {
        feed(new RunStarted("CPU", trainLoss.length, 10, 100, 1000));
        for (int e = 0; e < trainLoss.length; e++) {
            feed(new EpochEnded(e + 1, trainLoss.length, trainLoss[e], 0.5, validationLoss[e], 0.5, 1000, 10L * e,
                    rate, 1, Double.NaN, Double.NaN));
        }
    }

    @Test
    void aHealthyRunGetsNoHints() {
        epochs(new double[] {1.0, 0.7, 0.5, 0.4, 0.35, 0.32, 0.3, 0.29},
                new double[] {1.1, 0.8, 0.6, 0.5, 0.45, 0.43, 0.42, 0.42}, 0.01);
        assertThat(given).isEmpty();
    }

    @Test
    void aRisingTrainingLossMeansTheLearningRateIsTooHigh() {
        epochs(new double[] {1.0, 0.8, 0.9, 1.2, 1.5, 2.0}, new double[] {1, 1, 1, 1, 1, 1}, 0.5);

        assertThat(given).singleElement().satisfies(hint -> {
            assertThat(hint.kind()).isEqualTo(Kind.LEARNING_RATE_TOO_HIGH);
            assertThat(hint.epoch()).isEqualTo(4);
            assertThat(hint.message()).contains("risen for two epochs").contains("too high")
                    .contains("10× smaller (0.05)");
        });
    }

    @Test
    void aLossRisingWithinTheFirstEpochIsCaughtFromTheBatches() {
        feed(new RunStarted("CPU", 1, 500, 32000, 1000));
        for (int i = 1; i <= 200; i++) {
            double loss = i < 60 ? 2.0 - i * 0.02 : 0.8 + (i - 60) * 0.05;
            feed(new IterationDone(1, i, i, loss, 0.1, 10));
        }
        assertThat(given).extracting(Hint::kind).containsExactly(Kind.LEARNING_RATE_TOO_HIGH);
        assertThat(given.get(0).message()).contains("averaged over recent batches").contains("(0.01)");
    }

    @Test
    void validationRisingWhileTrainingFallsIsOverfitting() {
        epochs(new double[] {1.0, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.08, 0.07},
                new double[] {1.0, 0.7, 0.55, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9}, 0.01);

        assertThat(given).singleElement().satisfies(hint -> {
            assertThat(hint.kind()).isEqualTo(Kind.OVERFITTING);
            assertThat(hint.epoch()).isEqualTo(8);
            assertThat(hint.message()).contains("since epoch 3").contains("overfitting").contains("early stopping")
                    .contains("dropout").contains("L2");
        });
    }

    @Test
    void aFlatLossNearItsStartMeansTheLearningRateIsTooLow() {
        epochs(new double[] {1.10, 1.099, 1.098, 1.098, 1.097, 1.097}, new double[] {1.1, 1.1, 1.1, 1.1, 1.1, 1.1},
                1e-5);

        assertThat(given).extracting(Hint::kind).containsExactly(Kind.LEARNING_RATE_TOO_LOW);
        assertThat(given.get(0).message()).contains("hardly moved").contains("10× larger (0.0001)");
    }

    @Test
    void aFlatLossAfterLearningIsNotBlamedOnTheLearningRate() {
        epochs(new double[] {1.1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1}, new double[] {1.1, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2},
                0.01);
        assertThat(given).isEmpty();
    }

    @Test
    void updateRatiosFarFromOneThousandthArePointedOutPerLayer() {
        feed(new RunStarted("CPU", 5, 100, 1000, 1000));
        for (int i = 0; i < 7; i++) {
            feed(new LayerStats(1 + 20L * i, "dense_1", i == 0 ? 0.5 : 0.001, 0.1));
            feed(new LayerStats(1 + 20L * i, "dense_2", 0.08, 0.1));
            feed(new LayerStats(1 + 20L * i, "output_1", 2e-7, 0.1));
        }
        assertThat(given).extracting(Hint::kind).containsExactly(Kind.UPDATES_TOO_LARGE, Kind.UPDATES_TOO_SMALL);
        assertThat(given.get(0).message()).startsWith("Layer 'dense_2' changes its weights by about 8.0%");
        assertThat(given.get(1).message()).startsWith("Layer 'output_1' barely changes").contains("leaky ReLU");
    }

    @Test
    void aLossStuckAfterATooHighRateIsNotCalledTooLow() {
        epochs(new double[] {0.35, 0.25, 0.75, 4.0, 4.2, 1.8, 1.28, 1.11, 1.10, 1.10, 1.12, 1.10, 1.11},
                new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0.5);
        assertThat(given).extracting(Hint::kind).containsExactly(Kind.LEARNING_RATE_TOO_HIGH);
    }

    @Test
    void eachHintIsGivenOnceAndANewRunStartsAfresh() {
        double[] rising = {1.0, 0.8, 0.9, 1.2, 1.5, 2.0, 2.5, 3.0};
        epochs(rising, rising, 0.5);
        assertThat(doctor.hints()).hasSize(1);

        given.clear();
        epochs(rising, rising, 0.5);
        assertThat(doctor.hints()).hasSize(1);
        assertThat(given).hasSize(1);
    }

    @Test
    void theLearningRateChangedByHandIsTheOneAdvisedFrom() {
        feed(new RunStarted("CPU", 6, 10, 100, 1000));
        feed(new TrainingEvent.LearningRateChanged(1, 10, 0.5, 0.2));
        double[] loss = {1.0, 0.8, 0.9, 1.2};
        for (int e = 0; e < loss.length; e++) {
            feed(new EpochEnded(e + 1, 6, loss[e], 0.5, 1, 0.5, 1000, 10L, Double.NaN, 1, Double.NaN, Double.NaN));
        }
        assertThat(given.get(0).message()).contains("(0.02)");
    }

    /** One measurement of each layer every 20 minibatches, as the trainer reports them. */
    private void layers(int measurements, double rate, double... deadShares) {
        feed(new RunStarted("CPU", 10, 50, 800, 1000));
        for (int m = 0; m < measurements; m++) {
            long iteration = 1 + 20L * m;
            feed(new IterationDone(1 + (int) (iteration / 50), (int) (iteration % 50) + 1, iteration, 0.5, rate, 10));
            for (int layer = 0; layer < deadShares.length; layer++) {
                feed(new TrainingEvent.LayerDistributions(iteration, "dense_" + (layer + 1),
                        Histogram.of(new float[] {0, 1}), 0.2, 0.3, Histogram.of(new float[] {0, 1}),
                        deadShares[layer]));
            }
        }
    }

    @Test
    void aReluLayerWithMostUnitsDeadGetsAHintAStudentCanActOnOnce() {
        layers(10, 0.05, 0.8, 0.1);

        assertThat(given).singleElement().satisfies(hint -> {
            assertThat(hint.kind()).isEqualTo(Kind.DEAD_UNITS);
            assertThat(hint.message()).startsWith("80% of the units in layer 'dense_1' have “died”")
                    .contains("output 0 for every row").contains("stops learning")
                    .contains("learning rate 10× smaller (0.005)").contains("Leaky ReLU")
                    .contains("initial weights").doesNotContain("dense_2");
        });
    }

    @Test
    void deadUnitsAreNotCalledOutAtTheStartOfARun() {
        // The first measurement shows the starting weights; then three in a row must agree.
        layers(3, 0.01, 0.9);
        assertThat(given).isEmpty();
        feed(new TrainingEvent.LayerDistributions(61, "dense_1", Histogram.of(new float[] {0, 1}), 0.2, 0.3,
                Histogram.of(new float[] {0, 1}), 0.9));
        assertThat(given).extracting(Hint::kind).containsExactly(Kind.DEAD_UNITS);
    }

    @Test
    void healthyNonReluAndBrieflyDeadLayersGetNoHint() {
        layers(12, 0.01, 0.05, 0.3, Double.NaN);
        assertThat(given).as("healthy ReLU layers and a layer that is not ReLU (NaN)").isEmpty();

        // Mostly dead in two measurements, then alive again: a few unlucky minibatches, not dead units.
        feed(new RunStarted("CPU", 10, 50, 800, 1000));
        double[] shares = {0.1, 0.9, 0.9, 0.2, 0.9, 0.9, 0.1, 0.9, 0.9, 0.3};
        for (int m = 0; m < shares.length; m++) {
            feed(new TrainingEvent.LayerDistributions(1 + 20L * m, "dense_1", Histogram.of(new float[] {0, 1}), 0.2,
                    0.3, Histogram.of(new float[] {0, 1}), shares[m]));
        }
        assertThat(given).isEmpty();
    }

    @Test
    void deadUnitsAreSaidOncePerRunEvenWhenTheyStayDeadOrAnotherLayerDies() {
        layers(30, 0.01, 1.0, 0.95);
        assertThat(given).extracting(Hint::kind).containsExactly(Kind.DEAD_UNITS);
        assertThat(given.get(0).message()).startsWith("100% of the units in layer 'dense_1'");

        given.clear();
        layers(30, 0.01, 1.0);
        assertThat(given).as("a new run may be told again").extracting(Hint::kind).containsExactly(Kind.DEAD_UNITS);
        assertThat(doctor.hints()).hasSize(1);
    }
}
