package org.layerlab.core.graph;

/**
 * The settings of one node of a network: a layer or a merge vertex. Each kind is a small immutable record,
 * validated in its constructor with a message a user can act on. How a spec maps to DL4J is decided in
 * {@code core.dl4j}; which shape it produces, in {@link ShapeInference}.
 */
public sealed interface LayerSpec permits InputSpec, DenseSpec, ConvolutionSpec, PoolingSpec, GlobalPoolingSpec,
        BatchNormSpec, DropoutSpec, FlattenSpec, ActivationSpec, LstmSpec, SimpleRnnSpec, EmbeddingSpec, OutputSpec,
        AddSpec, ConcatSpec {

    /** The palette entry this spec belongs to. */
    LayerKind kind();

    /** How many inputs the node takes: 0 for Input, -1 for "two or more" (merge vertices), else 1. */
    default int inputArity() {
        return 1;
    }

    /** A short summary for the canvas, e.g. "64 units, ReLU". */
    String summary();
}
