package org.layerlab.core.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * One minibatch of training, as the trainer takes it: the same step as DL4J's {@code ComputationGraph.fit(DataSet)}
 * — forward pass, gradients, the optimizer's update, the iteration count, the score — done the fastest exact way the
 * network allows (docs/decisions/0021):
 * <ul>
 *   <li>a chain of Dense layers, or of convolutions, max pooling and Dense layers, ending in an Output layer:
 *       {@link ChainBackprop} for the gradients and {@link OptimizerStep} for the update;</li>
 *   <li>any other network whose optimizer and regularization {@link OptimizerStep} handles: DL4J's own forward and
 *       backward pass ({@code computeGradientAndScore}), then {@link OptimizerStep};</li>
 *   <li>otherwise DL4J's {@code fit}.</li>
 * </ul>
 * Nothing else changes: the network's parameters, gradients and optimizer state live in the same arrays, so
 * checkpoints, early stopping, predictions and DL4J's own {@code fit} see what they always saw.
 */
final class TrainingStep {
    /** How a step is taken; the names are shown in logs and benchmark lines. */
    enum Path {
        DENSE_CHAIN("dense chain + Java optimizer"),
        CONVOLUTION_CHAIN("convolution chain + Java optimizer"),
        DL4J_BACKPROP("DL4J backprop + Java optimizer"),
        DL4J_FIT("DL4J fit");

        private final String description;

        Path(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final ComputationGraph network;
    private final ChainBackprop backprop;
    private OptimizerStep optimizer;
    private Path path;

    private TrainingStep(ComputationGraph network, ChainBackprop backprop, OptimizerStep optimizer, Path path) {
        this.network = network;
        this.backprop = backprop;
        this.optimizer = optimizer;
        this.path = path;
    }

    /** The step for {@code network}, which must be initialised. */
    static TrainingStep of(ComputationGraph network) {
        if (!canStepOutsideFit(network)) {
            return new TrainingStep(network, null, null, Path.DL4J_FIT);
        }
        OptimizerStep optimizer = OptimizerStep.forNetwork(network);
        if (optimizer == null) {
            return new TrainingStep(network, null, null, Path.DL4J_FIT);
        }
        ChainBackprop backprop = ChainBackprop.forNetwork(network);
        Path path = backprop == null ? Path.DL4J_BACKPROP
                : backprop.hasImageStages() ? Path.CONVOLUTION_CHAIN : Path.DENSE_CHAIN;
        return new TrainingStep(network, backprop, optimizer, path);
    }

    /**
     * Whether a step may be taken outside DL4J's {@code fit}: on the CPU (the Java parts read the arrays' memory),
     * in float, with no DL4J listeners, constraints or truncated backpropagation through time, which only
     * {@code fit} honours.
     */
    private static boolean canStepOutsideFit(ComputationGraph network) {
        if (!"CPU".equals(Nd4jBackend.detect().kind()) || network.numParams() == 0
                || network.params().dataType() != DataType.FLOAT
                || !network.getListeners().isEmpty()
                || network.getConfiguration().getBackpropType()
                        != org.deeplearning4j.nn.conf.BackpropType.Standard) {
            return false;
        }
        for (Layer layer : network.getLayers()) {
            var constraints = layer.conf().getLayer().getConstraints();
            if (constraints != null && !constraints.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Which way the steps are taken. */
    Path path() {
        return path;
    }

    /** Trains on one minibatch; afterwards {@code network.score()} is its score, as after DL4J's {@code fit}. */
    void fit(DataSet batch) {
        if (path == Path.DL4J_FIT || batch.getFeaturesMaskArray() != null || batch.getLabelsMaskArray() != null) {
            network.fit(batch);
            return;
        }
        if (!optimizer.isFor(network)) {
            // A new learning rate rebuilds DL4J's updater (same state, new arrays): follow it.
            optimizer = OptimizerStep.forNetwork(network);
            if (optimizer == null) {
                path = Path.DL4J_FIT;
                network.fit(batch);
                return;
            }
        }
        INDArray features = batch.getFeatures();
        INDArray labels = batch.getLabels();
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        double score;
        boolean byChain = backprop != null && backprop.canTake((int) features.size(0));
        if (byChain) {
            score = backprop.computeGradientAndScore(features, labels);
        } else {
            network.setInputs(features);
            network.setLabels(labels);
            network.computeGradientAndScore();
            score = network.score();
        }
        optimizer.apply(iteration, epoch, (int) features.size(0));
        network.setScore(score);
        BaseOptimizer.incrementIterationCount(network, 1);
        if (!byChain) {
            network.clearLayersStates(); // as fit does: the inputs and activations kept for backprop go
        }
    }
}
