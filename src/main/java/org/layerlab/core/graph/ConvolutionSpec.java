package org.layerlab.core.graph;

/**
 * A 2-D convolution: {@code filters} small windows slide over the image, each producing one feature map.
 * LeCun et al. (1998); maps to DL4J's {@code ConvolutionLayer}.
 */
public record ConvolutionSpec(int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                              Padding padding, Activation activation, WeightInit weightInit, double l1, double l2)
        implements LayerSpec {
    public ConvolutionSpec {
        Checks.atLeastOne(filters, "filters", "Convolution");
        Checks.atLeastOne(kernelHeight, "rows in its window", "Convolution");
        Checks.atLeastOne(kernelWidth, "columns in its window", "Convolution");
        Checks.atLeastOne(strideHeight, "as stride", "Convolution");
        Checks.atLeastOne(strideWidth, "as stride", "Convolution");
        Checks.required(padding, "a padding");
        Checks.required(activation, "an activation");
        Checks.required(weightInit, "a weight initialisation");
        Checks.regularization(l1, l2);
    }

    /** A square window with stride 1. */
    public ConvolutionSpec(int filters, int kernel, Padding padding, Activation activation) {
        this(filters, kernel, kernel, 1, 1, padding, activation, WeightInit.AUTO, 0, 0);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.CONVOLUTION;
    }

    @Override
    public String summary() {
        return filters + " filters " + kernelHeight + "×" + kernelWidth + ", " + activation;
    }
}
