package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** How the training settings reach DL4J, and that every optimizer really trains. */
class TrainingSettingsTest {
    private static final DataSignature IRIS = DataSignature.table(4, 3);
    private static final TrainingConfig BASE = new TrainingConfig(10, 16, 0.02, 42);

    @Test
    void eachOptimizerBecomesItsDl4jUpdater() {
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.SGD))).isInstanceOf(Sgd.class);
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.NESTEROV))).isInstanceOfSatisfying(Nesterovs.class,
                nesterovs -> assertThat(nesterovs.getMomentum()).isEqualTo(0.9));
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.ADAM))).isInstanceOf(Adam.class);
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.ADAMW))).isInstanceOf(Adam.class);
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.RMSPROP))).isInstanceOf(RmsProp.class);
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.ADAGRAD))).isInstanceOf(AdaGrad.class);
        assertThat(updaterOf(BASE.withOptimizer(Optimizer.SGD)).getLearningRate(0, 0)).isEqualTo(0.02);
    }

    @Test
    void aScheduleDrivesTheUpdatersRateAndSurvivesTheModelJson() {
        TrainingConfig config = BASE.withSchedule(LearningRateSchedule.step(0.5, 2).withWarmup(1));
        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(NetworkGraph.defaultGraph(),
                IRIS, config, 4);
        org.nd4j.linalg.learning.config.IUpdater updater = layer(configuration, "dense_1").getIUpdater();

        assertThat(updater.getLearningRate(0, 0)).isEqualTo(0.02 / 4);
        assertThat(updater.getLearningRate(3, 0)).isEqualTo(0.02);
        assertThat(updater.getLearningRate(10, 2)).isEqualTo(0.02);
        assertThat(updater.getLearningRate(20, 3)).isEqualTo(0.01);
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(configuration.toJson());
        assertThat(layer(restored, "dense_1").getIUpdater().getLearningRate(20, 3)).isEqualTo(0.01);
    }

    @Test
    void penaltiesGoToLayersWithoutTheirOwn() {
        NetworkGraph graph = NetworkGraph.chain(List.of(
                new DenseSpec(8, Activation.RELU, WeightInit.AUTO, 0, 0.5),
                new DenseSpec(8, Activation.RELU)));
        TrainingConfig config = BASE.withRegularization(0.001, 0.002).withOptimizer(Optimizer.ADAMW);

        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(graph, IRIS, config);

        BaseLayer own = layer(configuration, "dense_1");
        assertThat(own.getRegularization()).filteredOn(L2Regularization.class::isInstance).hasSize(1)
                .allSatisfy(r -> assertThat(((L2Regularization) r).getL2().valueAt(0, 0)).isEqualTo(0.5));
        BaseLayer plain = layer(configuration, "dense_2");
        assertThat(plain.getRegularization()).hasAtLeastOneElementOfType(L1Regularization.class)
                .hasAtLeastOneElementOfType(L2Regularization.class).hasAtLeastOneElementOfType(WeightDecay.class);
        assertThat(layer(configuration, "output_1").getRegularization())
                .hasAtLeastOneElementOfType(L2Regularization.class);
    }

    @Test
    void clippingAndInitialisationApplyNetworkWide() {
        NetworkGraph graph = NetworkGraph.chain(List.of(
                new DenseSpec(8, Activation.RELU, WeightInit.UNIFORM, 0, 0),
                new DenseSpec(8, Activation.RELU)));
        TrainingConfig config = BASE.withGradientClip(1.5).withWeightInit(WeightInit.XAVIER);

        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(graph, IRIS, config);

        BaseLayer hidden = layer(configuration, "dense_2");
        assertThat(hidden.getGradientNormalization()).isEqualTo(GradientNormalization.ClipL2PerLayer);
        assertThat(hidden.getGradientNormalizationThreshold()).isEqualTo(1.5);
        assertThat(hidden.getWeightInitFn())
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.XAVIER.getWeightInitFunction());
        assertThat(layer(configuration, "dense_1").getWeightInitFn())
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.UNIFORM.getWeightInitFunction());
    }

    @Test
    void theDefaultsLeaveTheConfigurationAsItWas() {
        ComputationGraphConfiguration configuration = Dl4jNetworkFactory.configuration(NetworkGraph.defaultGraph(),
                IRIS, BASE);
        BaseLayer hidden = layer(configuration, "dense_1");
        assertThat(hidden.getRegularization()).isEmpty();
        assertThat(hidden.getGradientNormalization()).isIn(null, GradientNormalization.None);
        assertThat(((Adam) hidden.getIUpdater()).getLearningRateSchedule()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void everyOptimizerLearnsIris(Optimizer optimizer) {
        double rate = optimizer == Optimizer.SGD ? 0.1 : optimizer == Optimizer.ADAGRAD ? 0.05 : 0.01;
        TrainingConfig config = new TrainingConfig(8, 16, rate, 42).withOptimizer(optimizer)
                .withSchedule(LearningRateSchedule.cosine().withWarmup(1)).withRegularization(0, 1e-4)
                .withGradientClip(5);

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(), config,
                null, null);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.history().get(7).trainLoss()).isLessThan(result.history().get(0).trainLoss());
        assertThat(result.history().get(7).trainAccuracy()).isGreaterThan(0.7);
    }

    private static org.nd4j.linalg.learning.config.IUpdater updaterOf(TrainingConfig config) {
        return layer(Dl4jNetworkFactory.configuration(NetworkGraph.defaultGraph(), IRIS, config), "dense_1")
                .getIUpdater();
    }

    private static BaseLayer layer(ComputationGraphConfiguration configuration, String name) {
        return (BaseLayer) ((LayerVertex) configuration.getVertices().get(name)).getLayerConf().getLayer();
    }
}
