package org.layerlab.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network as nodes (layers and merge vertices, with canvas positions) and directed edges. Immutable: every edit
 * returns a new graph, which makes undo a matter of keeping the old one. The graph may be temporarily invalid
 * while the user builds it (unconnected layers, a cycle); {@link ShapeInference} reports what is wrong.
 */
public record NetworkGraph(List<Node> nodes, List<Edge> edges) {
    public NetworkGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Set<NodeId> ids = new HashSet<>();
        for (Node node : nodes) {
            if (!ids.add(node.id())) {
                throw new IllegalArgumentException("Two nodes share the id '" + node.id() + "'.");
            }
        }
        Set<Edge> seen = new HashSet<>();
        for (Edge edge : edges) {
            if (!ids.contains(edge.from()) || !ids.contains(edge.to())) {
                throw new IllegalArgumentException("A connection refers to a node that is not there: " + edge + ".");
            }
            if (!seen.add(edge)) {
                throw new IllegalArgumentException("The connection " + edge.from() + " → " + edge.to()
                        + " is there twice.");
            }
        }
    }

    public static NetworkGraph empty() {
        return new NetworkGraph(List.of(), List.of());
    }

    /** Horizontal distance between consecutive layers laid out by {@link #chain}. */
    public static final double LAYOUT_STEP_X = 180;
    /** Vertical distance between parallel branches laid out by {@link #chain}. */
    public static final double LAYOUT_STEP_Y = 110;

    /**
     * A plain stack: Input, then {@code layers} in order, then an Output with one softmax unit per class, each
     * connected to the next and laid out left to right.
     */
    public static NetworkGraph chain(List<? extends LayerSpec> layers) {
        List<LayerSpec> all = new ArrayList<>();
        all.add(InputSpec.asData());
        all.addAll(layers);
        all.add(OutputSpec.forClasses());
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            NodeId id = new NodeId(defaultName(all.get(i).kind(), nodes));
            nodes.add(new Node(id, id.value(), all.get(i), i * LAYOUT_STEP_X, 0));
            if (i > 0) {
                edges.add(new Edge(nodes.get(i - 1).id(), id));
            }
        }
        return new NetworkGraph(nodes, edges);
    }

    /** A multilayer perceptron: Dense layers of the given widths between Input and Output. */
    public static NetworkGraph mlp(List<Integer> units, Activation activation) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int u : units) {
            layers.add(new DenseSpec(u, activation));
        }
        return chain(layers);
    }

    /** LayerLab's default network: two ReLU layers of 64 and 32 units. */
    public static NetworkGraph defaultGraph() {
        return mlp(List.of(64, 32), Activation.RELU);
    }

    /** A free name such as "dense_3" for a new node of {@code kind}. */
    public String freeName(LayerKind kind) {
        return defaultName(kind, nodes);
    }

    private static String defaultName(LayerKind kind, List<Node> existing) {
        String base = kind.name().toLowerCase(java.util.Locale.ROOT);
        Set<String> taken = new HashSet<>();
        for (Node node : existing) {
            taken.add(node.id().value());
            taken.add(node.name());
        }
        for (int i = 1; ; i++) {
            String candidate = base + "_" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    // ------------------------------------------------------------------ queries

    public Optional<Node> find(NodeId id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Node node(NodeId id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No node '" + id + "' in the network."));
    }

    /** The nodes feeding {@code id}, in input order. */
    public List<NodeId> inputsOf(NodeId id) {
        return edges.stream().filter(e -> e.to().equals(id)).map(Edge::from).toList();
    }

    /** The nodes {@code id} feeds. */
    public List<NodeId> outputsOf(NodeId id) {
        return edges.stream().filter(e -> e.from().equals(id)).map(Edge::to).toList();
    }

    public List<Node> nodesOfKind(LayerKind kind) {
        return nodes.stream().filter(n -> n.spec().kind() == kind).toList();
    }

    /**
     * The nodes in an order where every node comes after its inputs, or empty when the connections form a cycle.
     * Ties keep the order of {@link #nodes()}, so the result is stable. Linear in nodes plus edges.
     */
    public Optional<List<NodeId>> topologicalOrder() {
        List<NodeId> order = sortTopologically(outgoing());
        return order.size() == nodes.size() ? Optional.of(order) : Optional.empty();
    }

    /**
     * As many nodes as can be ordered so that each comes after its inputs (Kahn's algorithm): all of them when
     * there is no cycle; otherwise the nodes of a cycle, and everything downstream of one, are left out.
     */
    List<NodeId> sortTopologically(Map<NodeId, List<NodeId>> outgoing) {
        Map<NodeId, Integer> waiting = new LinkedHashMap<>();
        for (Node node : nodes) {
            waiting.put(node.id(), 0);
        }
        for (Edge edge : edges) {
            waiting.merge(edge.to(), 1, Integer::sum);
        }
        Deque<NodeId> ready = new ArrayDeque<>();
        waiting.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        List<NodeId> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            NodeId id = ready.poll();
            order.add(id);
            for (NodeId next : outgoing.get(id)) {
                if (waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return order;
    }

    /** For every node, the nodes it feeds, in edge order (one pass over the edges). */
    Map<NodeId, List<NodeId>> outgoing() {
        Map<NodeId, List<NodeId>> map = new HashMap<>();
        for (Node node : nodes) {
            map.put(node.id(), new ArrayList<>(2));
        }
        for (Edge edge : edges) {
            map.get(edge.from()).add(edge.to());
        }
        return map;
    }

    /** For every node, the nodes feeding it, in input order (one pass over the edges). */
    Map<NodeId, List<NodeId>> incoming() {
        Map<NodeId, List<NodeId>> map = new HashMap<>();
        for (Node node : nodes) {
            map.put(node.id(), new ArrayList<>(2));
        }
        for (Edge edge : edges) {
            map.get(edge.to()).add(edge.from());
        }
        return map;
    }

    /** True when the graph is one straight line from a single Input to a single Output (a "stack"). */
    public boolean isChain() {
        if (nodesOfKind(LayerKind.INPUT).size() != 1) {
            return false;
        }
        Map<NodeId, Integer> in = new HashMap<>();
        Map<NodeId, Integer> out = new HashMap<>();
        for (Edge edge : edges) {
            in.merge(edge.to(), 1, Integer::sum);
            out.merge(edge.from(), 1, Integer::sum);
        }
        for (Node node : nodes) {
            if (in.getOrDefault(node.id(), 0) > 1 || out.getOrDefault(node.id(), 0) > 1) {
                return false;
            }
        }
        return topologicalOrder().isPresent() && edges.size() == nodes.size() - 1;
    }

    // ------------------------------------------------------------------ edits (each returns a new graph)

    public NetworkGraph withNode(Node node) {
        List<Node> newNodes = new ArrayList<>(nodes);
        newNodes.add(node);
        return new NetworkGraph(newNodes, edges);
    }

    /** Removes the node and every connection to or from it. */
    public NetworkGraph withoutNode(NodeId id) {
        return new NetworkGraph(nodes.stream().filter(n -> !n.id().equals(id)).toList(),
                edges.stream().filter(e -> !e.from().equals(id) && !e.to().equals(id)).toList());
    }

    public NetworkGraph withEdge(Edge edge) {
        if (edges.contains(edge)) {
            return this;
        }
        List<Edge> newEdges = new ArrayList<>(edges);
        newEdges.add(edge);
        return new NetworkGraph(nodes, newEdges);
    }

    public NetworkGraph withoutEdge(Edge edge) {
        return new NetworkGraph(nodes, edges.stream().filter(e -> !e.equals(edge)).toList());
    }

    /** Replaces the node with the same id (keeping its place in the node order). */
    public NetworkGraph withReplaced(Node node) {
        node(node.id());
        return new NetworkGraph(nodes.stream().map(n -> n.id().equals(node.id()) ? node : n).toList(), edges);
    }

    public NetworkGraph withSpec(NodeId id, LayerSpec spec) {
        return withReplaced(node(id).withSpec(spec));
    }

    /**
     * Puts {@code node} on the connection {@code edge}: edge.from → node → edge.to (used by fixes such as
     * "insert Flatten").
     */
    public NetworkGraph withInserted(Node node, Edge edge) {
        List<Edge> newEdges = new ArrayList<>();
        for (Edge e : edges) {
            if (e.equals(edge)) {
                newEdges.add(new Edge(edge.from(), node.id()));
                newEdges.add(new Edge(node.id(), edge.to()));
            } else {
                newEdges.add(e);
            }
        }
        List<Node> newNodes = new ArrayList<>(nodes);
        newNodes.add(node);
        return new NetworkGraph(newNodes, newEdges);
    }

    /**
     * Puts a new node of {@code spec} on the connection {@code edge} (edge.from → new → edge.to), where
     * {@code edge.to} stood, and moves edge.to and everything after it one step to the right so nothing overlaps.
     * Used by fixes such as "Insert Flatten".
     */
    public NetworkGraph withInsertedOn(Edge edge, LayerSpec spec) {
        Node target = node(edge.to());
        NodeId id = new NodeId(freeName(spec.kind()));
        Node inserted = new Node(id, id.value(), spec, target.x(), target.y());
        return shiftedRight(edge.to()).withInserted(inserted, edge);
    }

    /**
     * Puts a new node of {@code spec} in front of {@code id}: every connection into {@code id} now goes into the
     * new node, which feeds {@code id} (used by "Insert Concatenate" when a layer has several inputs).
     */
    public NetworkGraph withInsertedBefore(NodeId id, LayerSpec spec) {
        Node target = node(id);
        NodeId newId = new NodeId(freeName(spec.kind()));
        Node inserted = new Node(newId, newId.value(), spec, target.x(), target.y());
        NetworkGraph shifted = shiftedRight(id);
        List<Edge> newEdges = new ArrayList<>();
        for (Edge e : shifted.edges) {
            newEdges.add(e.to().equals(id) ? new Edge(e.from(), newId) : e);
        }
        newEdges.add(new Edge(newId, id));
        List<Node> newNodes = new ArrayList<>(shifted.nodes);
        newNodes.add(inserted);
        return new NetworkGraph(newNodes, newEdges);
    }

    /**
     * Removes the node and connects each of its inputs straight to each of the nodes it fed, in the places its
     * own connections had (so the input order of a merge further on is kept).
     */
    public NetworkGraph withBypassed(NodeId id) {
        node(id);
        List<NodeId> sources = inputsOf(id);
        List<Edge> newEdges = new ArrayList<>();
        Set<Edge> seen = new HashSet<>();
        for (Edge e : edges) {
            if (e.to().equals(id)) {
                continue;
            }
            if (e.from().equals(id)) {
                for (NodeId source : sources) {
                    Edge replacement = new Edge(source, e.to());
                    if (seen.add(replacement)) {
                        newEdges.add(replacement);
                    }
                }
            } else if (seen.add(e)) {
                newEdges.add(e);
            }
        }
        return new NetworkGraph(nodes.stream().filter(n -> !n.id().equals(id)).toList(), newEdges);
    }

    /** A new node of {@code spec} one step to the right of {@code id}, fed by it. */
    public NetworkGraph withAddedAfter(NodeId id, LayerSpec spec) {
        Node source = node(id);
        NodeId newId = new NodeId(freeName(spec.kind()));
        return withNode(new Node(newId, newId.value(), spec, source.x() + LAYOUT_STEP_X, source.y()))
                .withEdge(new Edge(id, newId));
    }

    /** A new node of {@code spec} one step to the left of {@code id}, feeding it. */
    public NetworkGraph withAddedBefore(NodeId id, LayerSpec spec) {
        Node target = node(id);
        NodeId newId = new NodeId(freeName(spec.kind()));
        return withNode(new Node(newId, newId.value(), spec, target.x() - LAYOUT_STEP_X, target.y()))
                .withEdge(new Edge(newId, id));
    }

    /** Moves {@code id} and every node downstream of it one layout step to the right. */
    private NetworkGraph shiftedRight(NodeId id) {
        Map<NodeId, List<NodeId>> outgoing = outgoing();
        Set<NodeId> moved = new HashSet<>();
        Deque<NodeId> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            NodeId next = todo.poll();
            if (moved.add(next)) {
                todo.addAll(outgoing.get(next));
            }
        }
        return new NetworkGraph(nodes.stream()
                .map(n -> moved.contains(n.id()) ? n.at(n.x() + LAYOUT_STEP_X, n.y()) : n).toList(), edges);
    }
}
