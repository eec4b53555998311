package org.layerlab.core.graph;

/**
 * Where the data enters the network. By default it passes the data's own shape on; {@code reshape} lets a user
 * read a flat row as an image (e.g. 64 pixel columns as 1×8×8) or a sequence, when the sizes match.
 *
 * @param reshape the shape to read each example as, or null to keep the data's shape
 */
public record InputSpec(TensorShape reshape) implements LayerSpec {
    public static InputSpec asData() {
        return new InputSpec(null);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.INPUT;
    }

    @Override
    public int inputArity() {
        return 0;
    }

    @Override
    public String summary() {
        return reshape == null ? "from the data" : "read as " + reshape.describe();
    }
}
