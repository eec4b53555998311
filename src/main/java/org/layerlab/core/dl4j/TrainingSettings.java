package org.layerlab.core.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Maps the {@link TrainingConfig} settings beyond the network itself to DL4J: the optimizer ({@link IUpdater}) with
 * its learning-rate schedule, and the network-wide weight initialisation, L1/L2 and AdamW weight decay, applied to
 * every layer that has no setting of its own.
 */
final class TrainingSettings {

    private TrainingSettings() {
    }

    /** The DL4J updater for the config's optimizer, with a constant rate or the config's schedule. */
    static IUpdater updater(TrainingConfig config, int iterationsPerEpoch) {
        double rate = config.learningRate();
        IUpdater updater = switch (config.optimizer()) {
            case SGD -> new Sgd(rate);
            case NESTEROV -> new Nesterovs(rate, Optimizer.NESTEROV_MOMENTUM);
            case ADAM, ADAMW -> new Adam(rate);
            case RMSPROP -> new RmsProp(rate);
            case ADAGRAD -> new AdaGrad(rate);
        };
        if (!config.schedule().isConstant()) {
            // Keep the plain rate set as well: DL4J's schedule-only constructors leave it NaN, and AdaGrad then
            // produced NaN updates.
            updater.setLrAndSchedule(rate,
                    ScheduledLearningRate.of(config.schedule(), rate, config.epochs(), iterationsPerEpoch));
        }
        return updater;
    }

    /**
     * Gives layers without their own setting the config's weight initialisation (Dense and Convolution left on
     * automatic), L1 and L2 penalties, and for AdamW the decoupled weight decay. Batch normalization's scale and
     * shift are left unpenalised, as is usual. Changes {@code configuration} in place, before the network is made.
     */
    static void applyToLayers(ComputationGraphConfiguration configuration, NetworkGraph graph, TrainingConfig config) {
        boolean adamW = config.optimizer() == Optimizer.ADAMW;
        if (config.weightInit() == WeightInit.AUTO && config.l1() == 0 && config.l2() == 0 && !adamW) {
            return; // nothing to add: keep the configuration exactly as before these settings existed
        }
        for (Map.Entry<String, GraphVertex> entry : configuration.getVertices().entrySet()) {
            if (!(entry.getValue() instanceof LayerVertex vertex)) {
                continue;
            }
            Layer layer = vertex.getLayerConf().getLayer();
            while (layer instanceof BaseWrapperLayer wrapper) {
                layer = wrapper.getUnderlying();
            }
            if (layer instanceof LastTimeStep last) {
                layer = last.getUnderlying();
            }
            if (!(layer instanceof BaseLayer base) || layer instanceof BatchNormalization) {
                continue;
            }
            if (config.weightInit() != WeightInit.AUTO && leftOnAutomatic(graph, entry.getKey())) {
                base.setWeightInitFn(Dl4jNetworkFactory.weightInit(config.weightInit(),
                        org.layerlab.core.graph.Activation.RELU).getWeightInitFunction());
            }
            List<Regularization> penalties = new ArrayList<>(base.getRegularization() == null ? List.of()
                    : base.getRegularization());
            if (config.l1() > 0 && penalties.stream().noneMatch(L1Regularization.class::isInstance)) {
                penalties.add(new L1Regularization(config.l1()));
            }
            if (config.l2() > 0 && penalties.stream().noneMatch(L2Regularization.class::isInstance)) {
                penalties.add(new L2Regularization(config.l2()));
            }
            if (adamW && penalties.stream().noneMatch(WeightDecay.class::isInstance)) {
                penalties.add(new WeightDecay(Optimizer.ADAMW_WEIGHT_DECAY, true));
            }
            base.setRegularization(penalties);
        }
    }

    /** Whether the node behind vertex {@code name} is a Dense or Convolution layer on automatic initialisation. */
    private static boolean leftOnAutomatic(NetworkGraph graph, String name) {
        LayerSpec spec = graph.nodes().stream().filter(n -> n.id().equals(new NodeId(name))).findFirst()
                .map(n -> n.spec()).orElse(null);
        if (spec instanceof DenseSpec dense) {
            return dense.weightInit() == WeightInit.AUTO;
        }
        if (spec instanceof ConvolutionSpec conv) {
            return conv.weightInit() == WeightInit.AUTO;
        }
        return false;
    }
}
