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
 * @param memoryEstimateBytes rough memory to train with a batch of 32: parameters, gradients and Adam's two moment
 *                            estimates (4 × 4 bytes per parameter) plus, per example, every node's output and its
 *                            gradient kept for the backward pass (2 × 4 bytes per value); see
 *                            {@link ShapeInference#MEMORY_ESTIMATE_BATCH}
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

    /** The errors only (what stops training). */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /**
     * The network in one line: for a stack the shapes from input to output ("4 → 64 → 32 → 3"), for a branching
     * network each node with its shape in a valid order.
     */
    public String describe(NetworkGraph graph) {
        List<NodeId> order = graph.topologicalOrder()
                .orElseGet(() -> graph.nodes().stream().map(Node::id).toList());
        StringBuilder text = new StringBuilder();
        if (graph.isChain()) {
            for (NodeId id : order) {
                text.append(text.length() == 0 ? "" : " → ").append(shapeOf(id).map(TensorShape::describe).orElse("?"));
            }
            return text.toString();
        }
        text.append("branching network of ").append(graph.nodes().size()).append(" nodes: ");
        boolean first = true;
        for (NodeId id : order) {
            text.append(first ? "" : ", ").append(graph.node(id).name()).append(' ')
                    .append(shapeOf(id).map(TensorShape::describe).orElse("?"));
            first = false;
        }
        return text.toString();
    }

    /** The first error in plain words, e.g. for the Train button's tooltip; empty when trainable. */
    public Optional<String> firstError() {
        return problems.stream().filter(Problem::isError).map(Problem::message).findFirst();
    }
}
