package org.layerlab.core.graph.edit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;

/**
 * Places the nodes of a graph in columns from left to right: each node one column after the furthest of its inputs
 * (its longest path from an input), nodes sharing a column spread vertically around the middle line, ordered by
 * where their inputs are so that branches cross as little as possible (the barycentre heuristic of Sugiyama et al.,
 * 1981, in one sweep). Connections that close a cycle are ignored for placement.
 */
public final class AutoLayout {
    /** Distance between columns, in canvas units: a node box plus room for the shape label on its connection. */
    public static final double STEP_X = 210;
    /** Distance between nodes of one column. */
    public static final double STEP_Y = 125;

    private AutoLayout() {
    }

    /** The same graph with every node moved to its place; names, settings and connections are untouched. */
    public static NetworkGraph layOut(NetworkGraph graph) {
        Map<NodeId, Integer> column = columns(graph);
        Map<Integer, List<Node>> byColumn = new TreeMap<>();
        for (Node node : graph.nodes()) {
            byColumn.computeIfAbsent(column.get(node.id()), c -> new ArrayList<>()).add(node);
        }
        Map<NodeId, Double> rank = new HashMap<>();
        Map<NodeId, Node> placed = new HashMap<>();
        for (Map.Entry<Integer, List<Node>> entry : byColumn.entrySet()) {
            List<Node> members = new ArrayList<>(entry.getValue());
            // Order by the mean rank of the inputs already placed; nodes without placed inputs keep their vertical
            // order. A stable sort keeps the graph's own order for ties.
            Map<NodeId, Double> key = new HashMap<>();
            for (Node node : members) {
                key.put(node.id(), graph.inputsOf(node.id()).stream().filter(rank::containsKey)
                        .mapToDouble(rank::get).average().orElse(Double.NaN));
            }
            members.sort(Comparator.<Node>comparingDouble(n -> Double.isNaN(key.get(n.id())) ? 0 : key.get(n.id()))
                    .thenComparingDouble(Node::y));
            int count = members.size();
            for (int i = 0; i < count; i++) {
                Node node = members.get(i);
                double offset = i - (count - 1) / 2.0;
                rank.put(node.id(), offset);
                placed.put(node.id(), node.at(entry.getKey() * STEP_X, offset * STEP_Y));
            }
        }
        List<Node> nodes = graph.nodes().stream().map(n -> placed.get(n.id())).toList();
        return new NetworkGraph(nodes, graph.edges());
    }

    /**
     * Each node's column: 0 for nodes without inputs, else one more than the largest column of its inputs. Works
     * through the nodes in dependency order; when only nodes on a cycle are left, the first of them (in the graph's
     * order) goes next, placed after those of its inputs already placed.
     */
    static Map<NodeId, Integer> columns(NetworkGraph graph) {
        Map<NodeId, Integer> waiting = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            waiting.put(node.id(), 0);
        }
        for (Edge edge : graph.edges()) {
            waiting.merge(edge.to(), 1, Integer::sum);
        }
        Map<NodeId, List<NodeId>> outputs = new HashMap<>();
        Map<NodeId, List<NodeId>> inputs = new HashMap<>();
        for (Edge edge : graph.edges()) {
            outputs.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge.to());
            inputs.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge.from());
        }
        Map<NodeId, Integer> column = new HashMap<>();
        Set<NodeId> remaining = new LinkedHashSet<>(waiting.keySet());
        ArrayDeque<NodeId> ready = new ArrayDeque<>();
        waiting.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        while (!remaining.isEmpty()) {
            if (ready.isEmpty()) {
                ready.add(remaining.iterator().next());
            }
            NodeId id = ready.poll();
            if (!remaining.remove(id)) {
                continue;
            }
            int c = 0;
            for (NodeId input : inputs.getOrDefault(id, List.of())) {
                if (column.containsKey(input)) {
                    c = Math.max(c, column.get(input) + 1);
                }
            }
            column.put(id, c);
            for (NodeId next : outputs.getOrDefault(id, List.of())) {
                if (remaining.contains(next) && waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return column;
    }
}
