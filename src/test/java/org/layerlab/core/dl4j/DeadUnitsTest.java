package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingDoctor;
import org.layerlab.core.train.TrainingEvent.LayerDistributions;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;
import org.nd4j.linalg.activations.Activation;

/**
 * Dead ReLU units, measured by the real trainer on iris: a layer whose biases are pushed far below zero outputs 0 for
 * every row (all its units dead, and they stay so: a dead unit gets no gradient), while a healthy network's are
 * nearly all alive; and how units are counted in the layer's output.
 */
class DeadUnitsTest {

    @TempDir
    Path folder;

    @Test
    void aLayerWhoseBiasesAreFarBelowZeroIsReportedAllDeadAndTheDoctorSaysSo() throws IOException {
        PreparedData data = IrisFixture.prepared();
        TrainingConfig config = new TrainingConfig(12, 16, 0.01, 42);
        Path checkpoints = folder.resolve("checkpoints");
        TrainingResult first = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config.withEpochs(1), null,
                null, RunOptions.checkpointingTo(checkpoints));
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.COMPLETED);

        // Every unit of dense_1 gets a bias of -1,000: its input is negative for any row of standardized iris.
        Dl4jCheckpoints.Restored restored = Dl4jCheckpoints.read(checkpoints);
        ComputationGraph network = restored.network();
        network.getLayer("dense_1").getParam("b").assign(-1_000.0);
        ModelSerializer.writeModel(network, restored.state().folder().resolve(Dl4jCheckpoints.MODEL_FILE).toFile(),
                true);

        RecordingListener events = new RecordingListener();
        TrainingResult resumed = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, events, null,
                RunOptions.checkpointingTo(checkpoints).resumingFrom(checkpoints));

        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.COMPLETED);
        List<LayerDistributions> dense1 = distributionsOf(events, "dense_1");
        assertThat(dense1).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(measured -> assertThat(measured.deadUnitFraction()).isEqualTo(1.0));
        assertThat(distributionsOf(events, "output_1")).isNotEmpty()
                .allSatisfy(measured -> assertThat(measured.deadUnitFraction()).as("softmax is not ReLU").isNaN());

        TrainingDoctor doctor = new TrainingDoctor();
        events.events.forEach(doctor::on);
        assertThat(doctor.hints()).filteredOn(hint -> hint.kind() == TrainingDoctor.Kind.DEAD_UNITS)
                .singleElement().satisfies(hint -> assertThat(hint.message()).contains("'dense_1'").contains("100%"));
    }

    /**
     * The default network (Dense 64 ReLU, Dense 32 ReLU) trained on iris: a few units of the second layer are 0 for
     * every row of a batch of 16 (1 in 8 at first, about 3 in 10 later), well short of the half the doctor speaks of.
     */
    @Test
    void aHealthyNetworkHasFewDeadUnitsAndNoHint() {
        TrainedIris.result();
        for (String layer : List.of("dense_1", "dense_2")) {
            List<LayerDistributions> measured = distributionsOf(TrainedIris.listener(), layer);
            assertThat(measured).hasSizeGreaterThan(10);
            double mean = measured.stream().mapToDouble(LayerDistributions::deadUnitFraction).average().orElseThrow();
            System.out.printf("%s: dead units %.3f on average, %.3f at first, at most %.3f%n", layer, mean,
                    measured.get(0).deadUnitFraction(),
                    measured.stream().mapToDouble(LayerDistributions::deadUnitFraction).max().orElseThrow());
            assertThat(mean).as(layer).isLessThan(0.4);
            assertThat(measured).allSatisfy(one -> assertThat(one.deadUnitFraction()).as(layer).isLessThan(0.5));
        }
        TrainingDoctor doctor = new TrainingDoctor();
        TrainedIris.listener().events.forEach(doctor::on);
        assertThat(doctor.hints()).extracting(TrainingDoctor.Hint::kind).doesNotContain(TrainingDoctor.Kind.DEAD_UNITS);
    }

    @Test
    void aUnitIsANeuronOfADenseLayerAndAFilterOfAConvolution() {
        DenseLayer relu = new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.RELU).build();
        // 2 rows × 3 units: unit 0 is 0 in both rows (dead), unit 1 is positive once, unit 2 always.
        float[] dense = {0f, 0.5f, 1f, -0f, 0f, 2f};
        assertThat(Dl4jTrainer.deadUnitFraction(relu, new long[] {2, 3}, dense)).isEqualTo(1.0 / 3);
        DenseLayer tanh = new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.TANH).build();
        assertThat(Dl4jTrainer.deadUnitFraction(tanh, new long[] {2, 3}, dense)).isNaN();
        DenseLayer leaky = new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.LEAKYRELU).build();
        assertThat(Dl4jTrainer.deadUnitFraction(leaky, new long[] {2, 3}, dense)).isNaN();

        // 1 row, 2 filters of 2×2 positions (NCHW): filter 0 is 0 everywhere, filter 1 is positive at one position.
        ConvolutionLayer convolution = new ConvolutionLayer.Builder(1, 1).nIn(1).nOut(2).activation(Activation.RELU)
                .build();
        float[] channelsFirst = {0f, 0f, 0f, 0f, 0f, 0f, 3f, 0f};
        assertThat(Dl4jTrainer.deadUnitFraction(convolution, new long[] {1, 2, 2, 2}, channelsFirst)).isEqualTo(0.5);
        // NHWC: the filters alternate along the row, so filter 1's values sit at odd positions.
        ConvolutionLayer channelsLastLayer = new ConvolutionLayer.Builder(1, 1).nIn(1).nOut(2)
                .activation(Activation.RELU).dataFormat(CNN2DFormat.NHWC).build();
        float[] channelsLast = {0f, 0f, 0f, 0f, 0f, 3f, 0f, 0f};
        assertThat(Dl4jTrainer.deadUnitFraction(channelsLastLayer, new long[] {1, 2, 2, 2}, channelsLast))
                .isEqualTo(0.5);
        float[] allAlive = {1f, 0f, 0f, 0f, 0f, 3f, 0f, 0f};
        assertThat(Dl4jTrainer.deadUnitFraction(channelsLastLayer, new long[] {1, 2, 2, 2}, allAlive)).isZero();
    }

    private static List<LayerDistributions> distributionsOf(RecordingListener events, String layer) {
        return events.all(LayerDistributions.class).stream().filter(event -> event.layer().equals(layer)).toList();
    }
}
