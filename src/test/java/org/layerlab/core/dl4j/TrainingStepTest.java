package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.BatchNormSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.PoolType;
import org.layerlab.core.graph.PoolingSpec;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TrainingStep} takes the same step as DL4J's {@code fit}: two identical networks, one trained with
 * {@code ComputationGraph.fit}, the other with the step, on the same minibatches, end with the same parameters,
 * optimizer state, scores and iteration count (up to float rounding), for every optimizer, schedule, penalty and
 * clipping LayerLab offers and for each way a step can be taken.
 */
class TrainingStepTest {
    private static final DataSignature TABLE = DataSignature.table(20, 4);
    private static final int STEPS = 8;

    @BeforeAll
    static void loadNd4j() {
        assertThat(Nd4jBackend.isUsable()).as(Nd4jBackend.detect().explanation()).isTrue();
    }

    static Stream<Arguments> settings() {
        TrainingConfig adam = new TrainingConfig(3, 16, 0.01, 7);
        return Stream.of(
                Arguments.of("Adam", adam),
                Arguments.of("SGD", adam.withOptimizer(Optimizer.SGD).withBasics(3, 16, 0.1, 7)),
                Arguments.of("Nesterov, step schedule", adam.withOptimizer(Optimizer.NESTEROV)
                        .withSchedule(LearningRateSchedule.step(0.5, 1))),
                Arguments.of("AdamW, cosine", adam.withOptimizer(Optimizer.ADAMW)
                        .withSchedule(LearningRateSchedule.cosine())),
                Arguments.of("RMSProp", adam.withOptimizer(Optimizer.RMSPROP).withBasics(3, 16, 0.001, 7)),
                Arguments.of("AdaGrad", adam.withOptimizer(Optimizer.ADAGRAD)),
                Arguments.of("Adam, L1 and L2, clipping", new TrainingConfig(3, 16, 0.01, 7, Optimizer.ADAM,
                        LearningRateSchedule.none(), WeightInit.AUTO, 0.001, 0.01, 0.5, EarlyStopping.off())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void aDenseChainStepsAsDl4jFits(String name, TrainingConfig config) {
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(16, Activation.RELU),
                new DenseSpec(12, Activation.TANH), new DenseSpec(8, Activation.SIGMOID)));
        assertSameAsFit(graph, TABLE, config, batches(TABLE, false), TrainingStep.Path.DENSE_CHAIN);
    }

    @Test
    void regressionWithMeanSquaredErrorStepsAsDl4jFits() {
        DataSignature regression = DataSignature.regressionTable(20);
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(16, Activation.RELU),
                new DenseSpec(8, Activation.IDENTITY)));
        assertSameAsFit(graph, regression, new TrainingConfig(3, 16, 0.01, 7), batches(regression, true),
                TrainingStep.Path.DENSE_CHAIN);
    }

    @Test
    void aNetworkWithDropoutUsesDl4jsBackpropAndTheJavaOptimizer() {
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(16, Activation.RELU), new DropoutSpec(0.3),
                new DenseSpec(8, Activation.RELU)));
        // Dropout draws from ND4J's generator: both networks get the same draws when reseeded alike.
        assertSameAsFit(graph, TABLE, new TrainingConfig(3, 16, 0.01, 7), batches(TABLE, false),
                TrainingStep.Path.DL4J_BACKPROP);
    }

    @Test
    void aConvolutionalNetworkStepsAsDl4jFits() {
        DataSignature digits = DataSignature.table(64, 10);
        NetworkGraph lenet = Templates.find("lenet").orElseThrow().buildFor(digits);
        assertSameAsFit(lenet, digits, new TrainingConfig(3, 16, 0.001, 7), batches(digits, false),
                TrainingStep.Path.CONVOLUTION_CHAIN);
    }

    static Stream<Arguments> convolutionChains() {
        Activation relu = Activation.RELU;
        WeightInit auto = WeightInit.AUTO;
        return Stream.of(
                Arguments.of("LeNet as bench trains it: 28×28, no padding", new TensorShape.Image(1, 28, 28),
                        List.of(new ConvolutionSpec(6, 5, 5, 1, 1, Padding.VALID, relu, auto, 0, 0),
                                new PoolingSpec(PoolType.MAX, 2),
                                new ConvolutionSpec(8, 5, 5, 1, 1, Padding.VALID, relu, auto, 0, 0),
                                new PoolingSpec(PoolType.MAX, 2), new FlattenSpec(),
                                new DenseSpec(12, relu))),
                Arguments.of("three channels, strides, same-size padding on odd sizes, tanh, L2",
                        new TensorShape.Image(3, 9, 7),
                        List.of(new ConvolutionSpec(4, 3, 2, 2, 1, Padding.SAME, Activation.TANH, auto, 0, 0.01),
                                new PoolingSpec(PoolType.MAX, 3, 2, 2, 2, Padding.SAME),
                                new ConvolutionSpec(5, 2, 2, 1, 2, Padding.VALID, Activation.SIGMOID, auto, 0, 0),
                                new FlattenSpec(), new DenseSpec(6, Activation.IDENTITY))),
                Arguments.of("pooling first, overlapping windows, Dense before the Output",
                        new TensorShape.Image(2, 8, 8),
                        List.of(new PoolingSpec(PoolType.MAX, 3, 3, 1, 1, Padding.VALID),
                                new ConvolutionSpec(3, 3, 3, 1, 1, Padding.SAME, relu, auto, 0, 0),
                                new PoolingSpec(PoolType.MAX, 3, 3, 1, 1, Padding.SAME),
                                new ConvolutionSpec(3, 2, 2, 1, 1, Padding.VALID, Activation.IDENTITY, auto, 0, 0),
                                new PoolingSpec(PoolType.MAX, 2, 2, 1, 1, Padding.VALID),
                                new FlattenSpec(), new DenseSpec(7, relu))),
                Arguments.of("an image flattened with no convolution", new TensorShape.Image(2, 4, 4),
                        List.of(new PoolingSpec(PoolType.MAX, 2), new FlattenSpec(), new DenseSpec(5, relu))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutionChains")
    void convolutionChainsStepAsDl4jFits(String name, TensorShape.Image image, List<LayerSpec> layers) {
        DataSignature data = DataSignature.table((int) image.elementCount(), 4);
        NetworkGraph chain = NetworkGraph.chain(layers);
        NetworkGraph graph = chain.withSpec(chain.nodesOfKind(LayerKind.INPUT).get(0).id(), new InputSpec(image));
        assertSameAsFit(graph, data, new TrainingConfig(3, 16, 0.01, 7), batches(data, false),
                TrainingStep.Path.CONVOLUTION_CHAIN);
    }

    @Test
    void aConvolutionChainOnMostlyBlankImagesStepsAsDl4jFits() {
        // Like MNIST: most pixels exactly 0, so pooling windows hold ties (blank windows give equal outputs).
        TensorShape.Image image = new TensorShape.Image(1, 12, 12);
        DataSignature data = DataSignature.table((int) image.elementCount(), 4);
        NetworkGraph chain = NetworkGraph.chain(List.of(
                new ConvolutionSpec(4, 3, 3, 1, 1, Padding.VALID, Activation.RELU, WeightInit.AUTO, 0, 0),
                new PoolingSpec(PoolType.MAX, 2), new FlattenSpec(), new DenseSpec(6, Activation.RELU)));
        NetworkGraph graph = chain.withSpec(chain.nodesOfKind(LayerKind.INPUT).get(0).id(), new InputSpec(image));
        List<DataSet> batches = batches(data, false);
        Random random = new Random(5);
        for (DataSet batch : batches) {
            INDArray features = batch.getFeatures();
            for (long i = 0; i < features.length(); i++) {
                features.putScalar(i, random.nextDouble() < 0.7 ? 0 : random.nextFloat());
            }
        }
        assertSameAsFit(graph, data, new TrainingConfig(3, 16, 0.01, 7), batches, TrainingStep.Path.CONVOLUTION_CHAIN);
    }

    @Test
    void aMinibatchTooLargeForTheChainsArraysIsLeftToDl4j() {
        DataSignature digits = DataSignature.table(64, 10);
        NetworkGraph lenet = Templates.find("lenet").orElseThrow().buildFor(digits);
        ChainBackprop chain = ChainBackprop.forNetwork(Dl4jNetworkFactory.create(lenet, digits,
                new TrainingConfig(1, 16, 0.001, 7)));
        assertThat(chain).isNotNull();
        assertThat(chain.canTake(64)).isTrue();
        // 8×8 images, 3×3 windows of 6 channels after pooling: 4×4×54 values a row in the second convolution's windows.
        assertThat(chain.canTake(1_000_000)).isFalse();
    }

    @Test
    void aRecurrentNetworkUsesDl4jsBackpropAndTheJavaOptimizer() {
        DataSignature digits = DataSignature.table(64, 10);
        NetworkGraph lstm = Templates.find("lstm").orElseThrow().buildFor(digits);
        assertSameAsFit(lstm, digits, new TrainingConfig(3, 16, 0.01, 7), batches(digits, false),
                TrainingStep.Path.DL4J_BACKPROP);
    }

    @Test
    void batchNormalisationIsLeftToDl4jsFit() {
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(16, Activation.RELU), new BatchNormSpec(),
                new DenseSpec(8, Activation.RELU)));
        assertSameAsFit(graph, TABLE, new TrainingConfig(3, 16, 0.01, 7), batches(TABLE, false),
                TrainingStep.Path.DL4J_FIT);
    }

    @Test
    void aNewLearningRateIsFollowed() {
        NetworkGraph graph = NetworkGraph.chain(List.of(new DenseSpec(16, Activation.RELU)));
        TrainingConfig config = new TrainingConfig(3, 16, 0.01, 7);
        ComputationGraph byFit = Dl4jNetworkFactory.create(graph, TABLE, config);
        ComputationGraph byStep = Dl4jNetworkFactory.create(graph, TABLE, config);
        TrainingStep step = TrainingStep.of(byStep);
        List<DataSet> batches = batches(TABLE, false);
        for (int i = 0; i < STEPS; i++) {
            if (i == 3) {
                byFit.setLearningRate(0.002);
                byStep.setLearningRate(0.002);
            }
            byFit.fit(batches.get(i));
            step.fit(batches.get(i));
        }
        assertThat(step.path()).isEqualTo(TrainingStep.Path.DENSE_CHAIN);
        assertClose(byStep.params(), byFit.params(), "parameters");
        assertClose(byStep.getUpdater().getStateViewArray(), byFit.getUpdater().getStateViewArray(), "state");
    }

    private static void assertSameAsFit(NetworkGraph graph, DataSignature data, TrainingConfig config,
                                        List<DataSet> batches, TrainingStep.Path expectedPath) {
        ComputationGraph byFit = Dl4jNetworkFactory.create(graph, data, config, 4);
        ComputationGraph byStep = Dl4jNetworkFactory.create(graph, data, config, 4);
        assertThat(byStep.params().equalsWithEps(byFit.params(), 0)).as("same starting weights").isTrue();
        TrainingStep step = TrainingStep.of(byStep);
        assertThat(step.path()).isEqualTo(expectedPath);
        for (int i = 0; i < batches.size(); i++) {
            if (i == 4) { // a new epoch: schedules that count epochs move on
                byFit.incrementEpochCount();
                byStep.incrementEpochCount();
            }
            Nd4j.getRandom().setSeed(1000 + i);
            byFit.fit(batches.get(i));
            Nd4j.getRandom().setSeed(1000 + i);
            step.fit(batches.get(i));
            assertThat(byStep.score()).as("score of minibatch %d", i).isCloseTo(byFit.score(),
                    org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(byFit.score()))));
        }
        assertThat(byStep.getIterationCount()).isEqualTo(byFit.getIterationCount()).isEqualTo(batches.size());
        assertClose(byStep.params(), byFit.params(), "parameters");
        if (byFit.getUpdater().getStateViewArray() != null) {
            assertClose(byStep.getUpdater().getStateViewArray(), byFit.getUpdater().getStateViewArray(),
                    "optimizer state");
        }
    }

    /** Equal within 1e-4 relative to the largest value (float rounding over a few steps), and not all zero. */
    private static void assertClose(INDArray actual, INDArray expected, String what) {
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(difference / scale).as(what + ": largest difference " + difference + " of " + scale)
                .isLessThan(1e-4);
    }

    /** {@link #STEPS} minibatches of 16 rows (the last one 9 rows, as an epoch's last batch may be). */
    private static List<DataSet> batches(DataSignature data, boolean regression) {
        Random random = new Random(3);
        List<DataSet> batches = new ArrayList<>();
        int columns = (int) data.input().elementCount();
        int classes = regression ? 1 : data.classes();
        for (int b = 0; b < STEPS; b++) {
            int rows = b == STEPS - 1 ? 9 : 16;
            float[] features = new float[rows * columns];
            float[] labels = new float[rows * classes];
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) random.nextGaussian();
            }
            for (int r = 0; r < rows; r++) {
                if (regression) {
                    labels[r] = (float) random.nextGaussian();
                } else {
                    labels[r * classes + random.nextInt(classes)] = 1f;
                }
            }
            batches.add(new DataSet(Nd4j.create(features, new long[] {rows, columns}, 'c'),
                    Nd4j.create(labels, new long[] {rows, classes}, 'c')));
        }
        return batches;
    }
}
