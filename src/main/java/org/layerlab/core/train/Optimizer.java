package org.layerlab.core.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the weights are moved after each minibatch. Each maps to one DL4J updater in {@code core.dl4j}; the names
 * are what the command line accepts ({@code --optimizer adam}) and what the project file stores.
 */
public enum Optimizer {
    /** Plain stochastic gradient descent; DL4J {@code Sgd}. */
    SGD("sgd", "SGD", "Plain gradient descent: simple and steady, but usually needs a larger learning rate "
            + "(try 0.1) and more epochs."),
    /** SGD with Nesterov momentum 0.9 (Sutskever et al., 2013); DL4J {@code Nesterovs}. */
    NESTEROV("nesterov", "SGD with Nesterov momentum", "Gradient descent that keeps some speed from step to step, "
            + "so it rolls through small bumps. Try a learning rate of 0.01–0.1."),
    /** Adam (Kingma &amp; Ba, 2015); DL4J {@code Adam}. LayerLab's default. */
    ADAM("adam", "Adam", "Adapts the step size for every weight. A good first choice; try 0.001–0.01."),
    /**
     * AdamW (Loshchilov &amp; Hutter, 2019): Adam with decoupled weight decay, here DL4J's {@code Adam} plus
     * {@code WeightDecay(ADAMW_WEIGHT_DECAY, applyLR = true)}.
     */
    ADAMW("adamw", "AdamW", "Adam that also shrinks the weights a little every step, which often generalises "
            + "better than Adam with L2."),
    /** RMSProp (Tieleman &amp; Hinton, 2012); DL4J {@code RmsProp}. */
    RMSPROP("rmsprop", "RMSProp", "Divides each step by a running average of recent gradient sizes. Try 0.001."),
    /** AdaGrad (Duchi et al., 2011); DL4J {@code AdaGrad}. */
    ADAGRAD("adagrad", "AdaGrad", "Gives rarely-changed weights bigger steps; its steps shrink over time. "
            + "Try 0.01–0.1.");

    /** The weight decay AdamW applies, as PyTorch's AdamW does by default. */
    public static final double ADAMW_WEIGHT_DECAY = 0.01;
    /** The momentum of {@link #NESTEROV}. */
    public static final double NESTEROV_MOMENTUM = 0.9;

    private final String id;
    private final String label;
    private final String explanation;

    Optimizer(String id, String label, String explanation) {
        this.id = id;
        this.label = label;
        this.explanation = explanation;
    }

    /** The short name used on the command line and in project files, e.g. {@code adamw}. */
    public String id() {
        return id;
    }

    /** What it does, in a sentence or two, for a tooltip. */
    public String explanation() {
        return explanation;
    }

    /** The optimizer named {@code id} (case does not matter), if there is one. */
    public static Optional<Optimizer> byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.id.equals(wanted)).findFirst();
    }

    /** All ids, for a message such as "choose one of sgd, nesterov, …". */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Optimizer::id).toList());
    }

    @Override
    public String toString() {
        return label;
    }
}
