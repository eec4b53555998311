package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.TargetScaler;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingEvent.RunFinished;
import org.layerlab.core.train.TrainingResult;

/**
 * A loss that explodes stops the run at once, before it overflows into NaN: regression on iris (the species as a
 * number, 0–2, standardized) with Adam at a learning rate of 10 (the highest the settings allow). Adam's steps are at most about the learning rate
 * per weight, so the weights grow by about ten per minibatch and the mean squared error climbs by orders of magnitude
 * while staying finite for many minibatches.
 */
class ExplodingLossTest {

    @Test
    void anExplodingLossStopsTheRunWithAdviceBeforeItBecomesNaN() {
        PreparedData data = irisSpeciesAsANumber();
        RecordingListener events = new RecordingListener();

        TrainingResult result = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(),
                new TrainingConfig(20, 16, 10, 42), events, new RunControl());

        List<IterationDone> iterations = events.all(IterationDone.class);
        System.out.println("Exploding loss: " + iterations.stream().map(IterationDone::loss).toList() + " → "
                + result.message());
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).startsWith("Training diverged: the loss exploded to")
                .contains("in epoch 1,").contains("try 10× smaller (e.g. 1)");
        assertThat(events.all(RunFinished.class)).containsExactly(new RunFinished(Outcome.FAILED, 0,
                result.message()));
        // Stopped at the first minibatch past the limit, which is not reported; everything before it was finite.
        double firstLoss = iterations.get(0).loss();
        double limit = Math.max(Dl4jTrainer.EXPLODED_LOSS_FLOOR, Dl4jTrainer.EXPLODED_LOSS_FACTOR * firstLoss);
        assertThat(iterations).hasSizeLessThan(7) // iris has 7 minibatches of 16 per epoch
                .allSatisfy(done -> assertThat(done.loss()).isFinite().isLessThanOrEqualTo(limit));
    }

    @Test
    void aHealthyRegressionRunIsNotStopped() {
        TrainingResult result = new Dl4jTrainer().train(irisSpeciesAsANumber(), NetworkGraph.defaultGraph(),
                new TrainingConfig(20, 16, 0.01, 42), null, new RunControl());

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
    }

    /** The iris rows with the species number (0, 1, 2) standardized as the value to predict. */
    private static PreparedData irisSpeciesAsANumber() {
        PreparedData iris = IrisFixture.prepared();
        EncodedSet train = (EncodedSet) iris.train();
        double[] values = new double[train.rows()];
        int[] rows = new int[train.rows()];
        for (int i = 0; i < values.length; i++) {
            values[i] = train.labels()[i];
            rows[i] = i;
        }
        TargetScaler scaler = TargetScaler.fit("species", values, rows);
        return new PreparedData(withTargets(train, scaler), withTargets(iris.validationTable(), scaler),
                withTargets(iris.testTable(), scaler), iris.featureNames(), List.of("species"), List.of(), scaler);
    }

    private static EncodedSet withTargets(EncodedSet split, TargetScaler scaler) {
        float[] targets = new float[split.rows()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) ((split.labels()[i] - scaler.mean()) / scaler.scale());
        }
        return split.withTargets(targets);
    }
}
