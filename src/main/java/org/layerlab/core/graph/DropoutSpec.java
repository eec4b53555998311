package org.layerlab.core.graph;

/**
 * While training, sets a random share {@code rate} of the values to zero, so the network cannot rely on any single
 * one (Srivastava et al., 2014). Maps to DL4J's {@code DropoutLayer}; note DL4J's own parameter is the share kept,
 * {@code 1 - rate}.
 */
public record DropoutSpec(double rate) implements LayerSpec {
    public DropoutSpec {
        if (!(rate >= 0) || rate >= 1) {
            throw new IllegalArgumentException("The dropout rate is the share of values dropped: from 0 up to (not "
                    + "including) 1, e.g. 0.5; " + rate + " is not possible.");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DROPOUT;
    }

    @Override
    public String summary() {
        return "drop " + Math.round(rate * 100) + "%";
    }
}
