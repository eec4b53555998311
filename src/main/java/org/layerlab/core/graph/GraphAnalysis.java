package org.layerlab.core.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ShapeInference} found: each node's output shape and parameter count (where it could be worked out),
 * the problems, and totals. Recomputed after every edit; cheap enough for hundreds of layers.
 *
 * @param outputShapes       the shape leaving each node whose inputs are valid
 * @param parameters         trainable parameters per node
 * @param memoryEstimateBytes rough memory to train with a batch of 32: parameters, gradients and optimizer state
 *                            (4× the parameters, float32) plus activations kept for the backward pass
 */
public record GraphAnalysis(Map<NodeId, TensorShape> outputShapes, Map<NodeId, Long> parameters,
                            List<Problem> problems, long totalParameters, long memoryEstimateBytes) {
    public GraphAnalysis {
        outputShapes = Map.copyOf(outputShapes);
        parameters = Map.copyOf(parameters);
        problems = List.copyOf(problems);
    }

    public Optional<TensorShape> shapeOf(NodeId node) {
        return Optional.ofNullable(outputShapes.get(node));
    }

    public long parametersOf(NodeId node) {
        return parameters.getOrDefault(node, 0L);
    }

    public List<Problem> problemsOf(NodeId node) {
        return problems.stream().filter(p -> node.equals(p.node())).toList();
    }

    /** True when nothing stops training. */
    public boolean trainable() {
        return problems.stream().noneMatch(Problem::isError);
    }

    /** The first error in plain words, e.g. for the Train button's tooltip; empty when trainable. */
    public Optional<String> firstError() {
        return problems.stream().filter(Problem::isError).map(Problem::message).findFirst();
    }
}
