package org.layerlab.core.graph;

/** How a convolution or pooling window treats the image border. */
public enum Padding {
    /** Pads the border so that the output is as large as the input divided by the stride (DL4J's ConvolutionMode.Same). */
    SAME("same size", "Pads the border so the output keeps the input's size (divided by the stride)."),
    /** No padding: the window stays inside the image, so the output shrinks (DL4J's ConvolutionMode.Truncate). */
    VALID("no padding", "The window stays inside the image, so the output is a little smaller.");

    private final String label;
    private final String explanation;

    Padding(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return label;
    }
}
