package org.layerlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Problem;
import org.layerlab.core.graph.TensorShape;

/** Prints a network's analysis as text: the table of layers and the problems with their suggested fixes. */
final class NetworkReport {
    private NetworkReport() {
    }

    /** One row per node, in an order where each comes after its inputs: name, kind, output shape, parameters. */
    static void printTable(PrintWriter out, NetworkGraph graph, GraphAnalysis analysis) {
        List<NodeId> order = graph.topologicalOrder().orElseGet(() -> graph.nodes().stream().map(Node::id).toList());
        int nameWidth = Math.max(4, graph.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(4));
        int kindWidth = Math.max(4, graph.nodes().stream().mapToInt(n -> n.spec().kind().label().length()).max()
                .orElse(4));
        String row = "%-" + nameWidth + "s  %-" + kindWidth + "s  %-14s  %12s%n";
        out.printf(Locale.ROOT, row, "Node", "Kind", "Output shape", "Parameters");
        for (NodeId id : order) {
            Node node = graph.node(id);
            out.printf(Locale.ROOT, row, node.name(), node.spec().kind().label(),
                    analysis.shapeOf(id).map(TensorShape::describe).orElse("?"),
                    String.format(Locale.ROOT, "%,d", analysis.parametersOf(id)));
        }
        out.printf(Locale.ROOT, "Total parameters: %,d   Memory to train (batch of 32): about %s%n",
                analysis.totalParameters(), bytes(analysis.memoryEstimateBytes()));
    }

    /** Every problem, errors first, each with its suggested fix where there is one. */
    static void printProblems(PrintWriter out, NetworkGraph graph, GraphAnalysis analysis) {
        List<Problem> ordered = new java.util.ArrayList<>(analysis.errors());
        analysis.problems().stream().filter(p -> !p.isError()).forEach(ordered::add);
        for (Problem problem : ordered) {
            String where = problem.node() == null ? "network"
                    : graph.find(problem.node()).map(Node::name).orElse(problem.node().value());
            out.printf(Locale.ROOT, "  %-7s %s: %s%n", problem.isError() ? "ERROR" : "WARNING", where,
                    problem.message());
            problem.fix().ifPresent(fix -> out.printf(Locale.ROOT, "          Fix: %s%n", fix.label()));
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", Math.max(1, bytes / 1024.0));
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
