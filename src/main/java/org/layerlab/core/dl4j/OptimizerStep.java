package org.layerlab.core.dl4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdaGradUpdater;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NesterovsUpdater;
import org.nd4j.linalg.learning.RmsPropUpdater;
import org.nd4j.linalg.learning.SgdUpdater;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * One parameter update of a {@link ComputationGraph} whose gradient for a minibatch has been computed: what DL4J's
 * {@code ComputationGraphUpdater.update} and the solver's step ({@code params -= update}) do, in the same order and
 * with the same arithmetic, but as one pass of plain Java over the network's flattened parameters, gradients and
 * optimizer state (two passes with gradient clipping). See docs/decisions/0021.
 *
 * <p>Why: DL4J does it as a dozen native operations over the whole parameter vector, and ND4J 1.0.0-M2.1's Adam
 * operation alone takes 5–6 ns per parameter on this machine (1.4 ms per minibatch for the 235,000 parameters of
 * the MNIST MLP, more than a quarter of its training step); this pass takes under 2 ns.
 *
 * <p>Per parameter, in DL4J's order: the gradient divided by the minibatch size; clipped per layer
 * ({@link GradientNormalization#ClipL2PerLayer}, the only kind LayerLab sets); L1 ({@code g += l1·sign(w)}) and L2
 * ({@code g += l2·w}) added; the optimizer's update (SGD, Nesterov momentum, Adam, RMSProp or AdaGrad, with the
 * learning rate and momentum of its schedule at this iteration, the same formulas as ND4J's native updater
 * operations); weight decay added to the update ({@code u += c·w}, times the learning rate if so configured); the
 * parameter moved by {@code -u}. The update is left in the gradient array, as DL4J leaves it, and the optimizer state
 * is DL4J's own (the updater's state array), so checkpoints, resuming and DL4J's own {@code fit} see the same state.
 *
 * <p>{@link #forNetwork} returns null for a network it cannot update exactly (another optimizer, another kind of
 * regularization or clipping, parameters DL4J does not average over the minibatch such as batch normalisation's
 * running statistics); DL4J's updater does those.
 */
final class OptimizerStep {
    private enum Kind { SGD, NESTEROV, ADAM, RMSPROP, ADAGRAD }

    /** A run of parameters of one block with the same regularization (one parameter of one layer). */
    private record Segment(int from, int to, Regularization l1, Regularization l2, WeightDecay decay) {
    }

    /** One of DL4J's updater blocks: a contiguous run of parameters sharing one optimizer (and its state). */
    private record Block(Kind kind, IUpdater config, FloatBuffer params, FloatBuffer gradients, FloatBuffer state,
                         int length, List<Segment> segments) {
    }

    /** A layer whose gradient is clipped to an L2 norm, as a run of the flattened gradient. */
    private record Clipped(int from, int to, double threshold) {
    }

    private final ComputationGraphUpdater updater;
    private final List<Block> blocks;
    private final List<Clipped> clipped;
    private final FloatBuffer allGradients;
    private final boolean divideByMinibatch;
    /** Holds the native arrays the buffers point into. */
    private final List<NativeFloats> arrays;

    private OptimizerStep(ComputationGraphUpdater updater, List<Block> blocks, List<Clipped> clipped,
                          FloatBuffer allGradients, boolean divideByMinibatch, List<NativeFloats> arrays) {
        this.updater = updater;
        this.blocks = blocks;
        this.clipped = clipped;
        this.allGradients = allGradients;
        this.divideByMinibatch = divideByMinibatch;
        this.arrays = arrays;
    }

    /** The step for {@code network}'s current updater, or null when it cannot be done here exactly. */
    static OptimizerStep forNetwork(ComputationGraph network) {
        if (network.numParams() == 0) {
            return null;
        }
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        ComputationGraphUpdater updater = network.getUpdater(true);
        List<NativeFloats> arrays = new ArrayList<>();
        NativeFloats params = NativeFloats.of(network.params());
        NativeFloats gradients = NativeFloats.of(network.getGradientsViewArray());
        arrays.add(params);
        arrays.add(gradients);
        long paramAddress = network.params().data().addressPointer().address();
        long gradientAddress = network.getGradientsViewArray().data().addressPointer().address();

        List<Clipped> clipped = new ArrayList<>();
        for (Trainable layer : updater.getLayersByName().values()) {
            if (layer.numParams() == 0) {
                continue;
            }
            for (String param : layer.paramTable(false).keySet()) {
                if (!layer.updaterDivideByMinibatch(param)) {
                    return null; // e.g. batch normalisation's running mean and variance
                }
            }
            GradientNormalization normalization = layer.getConfig().getGradientNormalization();
            if (normalization == GradientNormalization.ClipL2PerLayer) {
                INDArray view = layer.getGradientsViewArray();
                int from = offsetOf(view, gradientAddress);
                clipped.add(new Clipped(from, from + (int) view.length(),
                        layer.getConfig().getGradientNormalizationThreshold()));
            } else if (normalization != null && normalization != GradientNormalization.None) {
                return null;
            }
        }

        List<Block> blocks = new ArrayList<>();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            GradientUpdater<?> gradientUpdater = block.getGradientUpdater(); // also initialises its state
            Kind kind = kindOf(gradientUpdater);
            if (kind == null) {
                return null;
            }
            int start = block.getParamOffsetStart();
            int end = block.getParamOffsetEnd();
            List<Segment> segments = new ArrayList<>();
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                Regularization l1 = null;
                Regularization l2 = null;
                WeightDecay decay = null;
                List<Regularization> regularizations =
                        param.getLayer().getConfig().getRegularizationByParam(param.getParamName());
                for (Regularization regularization : regularizations == null ? List.<Regularization>of()
                        : regularizations) {
                    if (regularization instanceof L1Regularization && l1 == null) {
                        l1 = regularization;
                    } else if (regularization instanceof L2Regularization && l2 == null) {
                        l2 = regularization;
                    } else if (regularization instanceof WeightDecay weightDecay && decay == null) {
                        decay = weightDecay;
                    } else {
                        return null;
                    }
                }
                segments.add(new Segment(param.getParamOffsetStart() - start, param.getParamOffsetEnd() - start,
                        l1, l2, decay));
            }
            NativeFloats state = kind == Kind.SGD ? null : NativeFloats.of(block.getUpdaterView());
            if (state != null) {
                arrays.add(state);
            }
            int length = end - start;
            if (state != null && state.length() != (kind == Kind.ADAM ? 2 * length : length)) {
                return null;
            }
            blocks.add(new Block(kind, gradientUpdater.getConfig(), slice(params.values(), start, end),
                    slice(gradients.values(), start, end), state == null ? null : state.values(), length, segments));
        }
        if (offsetOf(network.params(), paramAddress) != 0) {
            return null;
        }
        return new OptimizerStep(updater, blocks, clipped, gradients.values(), network.conf().isMiniBatch(),
                arrays);
    }

    /** Whether this step still matches the network's updater (a new learning rate may rebuild it). */
    boolean isFor(ComputationGraph network) {
        return network.getUpdater(false) == updater;
    }

    /**
     * Moves the parameters by the update for the gradient now in the network's gradient array, at DL4J iteration
     * {@code iteration} and epoch {@code epoch} (the counts before this minibatch, as DL4J passes them).
     */
    void apply(int iteration, int epoch, int batchSize) {
        float divisor = divideByMinibatch ? batchSize : 1f;
        boolean clipping = !clipped.isEmpty();
        if (clipping) {
            divideAndClip(divisor);
            divisor = 1f;
        }
        for (Block block : blocks) {
            apply(block, iteration, epoch, divisor);
        }
    }

    /** Clipping needs each layer's whole gradient first: divide it, measure it, scale it (DL4J's preApply). */
    private void divideAndClip(float divisor) {
        FloatBuffer g = allGradients;
        if (divisor != 1f) {
            for (int i = 0, n = g.capacity(); i < n; i++) {
                g.put(i, g.get(i) / divisor);
            }
        }
        for (Clipped layer : clipped) {
            double squares = 0;
            for (int i = layer.from(); i < layer.to(); i++) {
                double value = g.get(i);
                squares += value * value;
            }
            double norm = Math.sqrt(squares);
            if (norm > layer.threshold()) {
                float scale = (float) (layer.threshold() / norm);
                for (int i = layer.from(); i < layer.to(); i++) {
                    g.put(i, g.get(i) * scale);
                }
            }
        }
    }

    private void apply(Block block, int iteration, int epoch, float divisor) {
        IUpdater config = block.config();
        double rate = config.hasLearningRate() ? config.getLearningRate(iteration, epoch) : 1.0;
        Coefficients c = new Coefficients(block.kind(), config, iteration, epoch, rate);
        for (Segment segment : block.segments()) {
            float l1 = segment.l1() == null ? 0f : (float) ((L1Regularization) segment.l1()).getL1()
                    .valueAt(iteration, epoch);
            float l2 = segment.l2() == null ? 0f : (float) ((L2Regularization) segment.l2()).getL2()
                    .valueAt(iteration, epoch);
            float decay = 0f;
            if (segment.decay() != null) {
                double scale = segment.decay().getCoeff().valueAt(iteration, epoch);
                decay = (float) (segment.decay().isApplyLR() ? scale * rate : scale);
            }
            update(block, c, segment.from(), segment.to(), divisor, l1, l2, decay);
        }
    }

    /** The optimizer's constants at this iteration, as ND4J's native updater operations work them out. */
    private static final class Coefficients {
        final float rate;
        final float beta1;
        final float beta2;
        final float epsilon;
        /** Adam: the bias-corrected step size; Nesterov: the momentum; RMSProp: the decay. */
        final float factor;

        Coefficients(Kind kind, IUpdater config, int iteration, int epoch, double learningRate) {
            rate = (float) learningRate;
            switch (kind) {
                case ADAM -> {
                    Adam adam = (Adam) config;
                    beta1 = (float) adam.getBeta1();
                    beta2 = (float) adam.getBeta2();
                    epsilon = (float) adam.getEpsilon();
                    float t = iteration + 1;
                    float beta1T = (float) Math.pow(beta1, t);
                    float beta2T = (float) Math.pow(beta2, t);
                    float stepSize = (float) (rate * (float) Math.sqrt(1.0 - beta2T) / (1.0 - beta1T));
                    factor = Float.isNaN(stepSize) || stepSize == 0f || Float.isInfinite(stepSize) ? epsilon
                            : stepSize;
                }
                case NESTEROV -> {
                    beta1 = 0;
                    beta2 = 0;
                    epsilon = 0;
                    factor = (float) ((Nesterovs) config).currentMomentum(iteration, epoch);
                }
                case RMSPROP -> {
                    RmsProp rmsProp = (RmsProp) config;
                    beta1 = 0;
                    beta2 = 0;
                    epsilon = (float) rmsProp.getEpsilon();
                    factor = (float) rmsProp.getRmsDecay();
                }
                case ADAGRAD -> {
                    beta1 = 0;
                    beta2 = 0;
                    epsilon = (float) ((AdaGrad) config).getEpsilon();
                    factor = 0;
                }
                default -> {
                    beta1 = 0;
                    beta2 = 0;
                    epsilon = 0;
                    factor = 0;
                }
            }
        }
    }

    /**
     * Parameters {@code from}..{@code to} of the block (block-relative), one optimizer step each. Adam without
     * penalties, the common case, has a loop of its own: the general loop's branches cost it a third of its speed.
     */
    private void update(Block block, Coefficients c, int from, int to, float divisor, float l1, float l2,
                               float decay) {
        if (block.kind() == Kind.ADAM && l1 == 0f && l2 == 0f && decay == 0f) {
            adam(block.params(), block.gradients(), block.state(), block.length(), c, from, to, divisor);
            return;
        }
        FloatBuffer w = block.params();
        FloatBuffer g = block.gradients();
        FloatBuffer s = block.state();
        int n = block.length();
        boolean powerOfTwo = isPowerOfTwo(divisor);
        float reciprocal = 1f / divisor;
        for (int i = from; i < to; i++) {
            float weight = w.get(i);
            float gradient = powerOfTwo ? g.get(i) * reciprocal : g.get(i) / divisor;
            if (l1 != 0f) {
                gradient = l1 * Math.signum(weight) + gradient;
            }
            if (l2 != 0f) {
                gradient = l2 * weight + gradient;
            }
            float update;
            switch (block.kind()) {
                case ADAM -> {
                    float m = c.beta1 * s.get(i) + gradient * (1 - c.beta1);
                    float v = c.beta2 * s.get(n + i) + gradient * gradient * (1 - c.beta2);
                    s.put(i, m);
                    s.put(n + i, v);
                    update = (m * c.factor) / ((float) Math.sqrt(v) + c.epsilon);
                }
                case NESTEROV -> {
                    float previous = c.factor * s.get(i);
                    float velocity = previous - c.rate * gradient;
                    s.put(i, velocity);
                    update = previous + (-c.factor - 1) * velocity;
                }
                case RMSPROP -> {
                    float mean = s.get(i) * c.factor + gradient * gradient * (1 - c.factor);
                    s.put(i, mean);
                    update = c.rate * gradient / ((float) Math.sqrt(mean) + c.epsilon);
                }
                case ADAGRAD -> {
                    float history = s.get(i) + gradient * gradient;
                    s.put(i, history);
                    update = c.rate * gradient / ((float) Math.sqrt(history) + c.epsilon);
                }
                default -> update = gradient * c.rate;
            }
            if (decay != 0f) {
                update = decay * weight + update;
            }
            g.put(i, update);
            w.put(i, weight - update);
        }
    }

    /** Values per piece of {@link #adam}: its four pieces of this many floats fit a core's first-level cache. */
    private static final int PIECE = 1024;
    /** {@link #adam}'s pieces, made once: fresh ones each step would fill the young generation for nothing. */
    private final float[] weightPiece = new float[PIECE];
    private final float[] gradientPiece = new float[PIECE];
    private final float[] meanPiece = new float[PIECE];
    private final float[] variancePiece = new float[PIECE];

    /**
     * Adam, no penalties: the same arithmetic as the general loop, a piece at a time. Each piece is copied from ND4J's
     * memory into Java arrays (one bulk copy per array), computed there and copied back: over Java arrays the JIT
     * compiles the loop to AVX instructions that take eight values at once — square roots and divisions included,
     * which bound the loop — where over the native memory it takes one value at a time. The results are the same
     * floats.
     */
    private void adam(FloatBuffer w, FloatBuffer g, FloatBuffer s, int n, Coefficients c, int from, int to,
                             float divisor) {
        float beta1 = c.beta1;
        float beta2 = c.beta2;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        float stepSize = c.factor;
        float epsilon = c.epsilon;
        boolean powerOfTwo = isPowerOfTwo(divisor);
        float reciprocal = 1f / divisor;
        float[] weights = weightPiece;
        float[] gradients = gradientPiece;
        float[] means = meanPiece;
        float[] variances = variancePiece;
        for (int start = from; start < to; start += PIECE) {
            int length = Math.min(PIECE, to - start);
            g.get(start, gradients, 0, length);
            s.get(start, means, 0, length);
            s.get(n + start, variances, 0, length);
            w.get(start, weights, 0, length);
            if (powerOfTwo) {
                for (int k = 0; k < length; k++) {
                    gradients[k] = gradients[k] * reciprocal;
                }
            } else {
                for (int k = 0; k < length; k++) {
                    gradients[k] = gradients[k] / divisor;
                }
            }
            for (int k = 0; k < length; k++) {
                float gradient = gradients[k];
                float m = beta1 * means[k] + gradient * oneMinusBeta1;
                float v = beta2 * variances[k] + gradient * gradient * oneMinusBeta2;
                means[k] = m;
                variances[k] = v;
                float update = (m * stepSize) / ((float) Math.sqrt(v) + epsilon);
                gradients[k] = update;
                weights[k] = weights[k] - update;
            }
            g.put(start, gradients, 0, length);
            s.put(start, means, 0, length);
            s.put(n + start, variances, 0, length);
            w.put(start, weights, 0, length);
        }
    }

    /**
     * Dividing by a power of two is multiplying by its reciprocal, exactly (the same float), in a third of the time:
     * minibatches of 32 or 64 rows divide their gradients that way.
     */
    private static boolean isPowerOfTwo(float divisor) {
        return divisor > 0 && divisor == Math.scalb(1f, Math.getExponent(divisor));
    }

    private static Kind kindOf(GradientUpdater<?> updater) {
        Class<?> type = updater.getClass();
        if (type == AdamUpdater.class) {
            return Kind.ADAM;
        } else if (type == NesterovsUpdater.class) {
            return Kind.NESTEROV;
        } else if (type == RmsPropUpdater.class) {
            return Kind.RMSPROP;
        } else if (type == AdaGradUpdater.class) {
            return Kind.ADAGRAD;
        } else if (type == SgdUpdater.class) {
            return Kind.SGD;
        }
        return null;
    }

    /** Where {@code view} starts in the flattened array at {@code baseAddress}, in floats. */
    private static int offsetOf(INDArray view, long baseAddress) {
        return Math.toIntExact((view.data().addressPointer().address() - baseAddress) / Float.BYTES);
    }

    private static FloatBuffer slice(FloatBuffer all, int from, int to) {
        return all.duplicate().position(from).limit(to).slice();
    }

    /** For tests: how many optimizer blocks DL4J made, i.e. runs of parameters with their own optimizer. */
    int blockCount() {
        return blocks.size();
    }
}
