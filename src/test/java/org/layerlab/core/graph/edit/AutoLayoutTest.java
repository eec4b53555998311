package org.layerlab.core.graph.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.AddSpec;
import org.layerlab.core.graph.ConcatSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputSpec;

class AutoLayoutTest {

    @Test
    void aChainIsOneRowLeftToRight() {
        NetworkGraph graph = NetworkGraph.defaultGraph();
        NetworkGraph scrambled = new NetworkGraph(graph.nodes().stream().map(n -> n.at(-n.x(), n.x() / 3)).toList(),
                graph.edges());

        NetworkGraph laid = AutoLayout.layOut(scrambled);

        assertThat(laid.nodes()).extracting(Node::x).containsExactly(0.0, 210.0, 420.0, 630.0);
        assertThat(laid.nodes()).extracting(Node::y).containsOnly(0.0);
        assertThat(laid.edges()).isEqualTo(graph.edges());
    }

    @Test
    void parallelBranchesSpreadVerticallyAndTheMergeComesAfterTheLongest() {
        // input → a → b → concat ; input → c → concat ; concat → output
        NetworkGraph graph = new NetworkGraph(List.of(
                node("input", new InputSpec(null)), node("a", new DenseSpec(4, Activation.RELU)),
                node("b", new DenseSpec(4, Activation.RELU)), node("c", new DenseSpec(4, Activation.RELU)),
                node("concat", new ConcatSpec()), node("output", OutputSpec.forClasses())),
                List.of(edge("input", "a"), edge("a", "b"), edge("b", "concat"), edge("input", "c"),
                        edge("c", "concat"), edge("concat", "output")));

        NetworkGraph laid = AutoLayout.layOut(graph);

        assertThat(x(laid, "input")).isEqualTo(0);
        assertThat(x(laid, "a")).isEqualTo(x(laid, "c")).isEqualTo(AutoLayout.STEP_X);
        assertThat(y(laid, "a")).isEqualTo(-y(laid, "c")).isNotZero();
        assertThat(x(laid, "concat")).isEqualTo(3 * AutoLayout.STEP_X);
        assertThat(x(laid, "output")).isEqualTo(4 * AutoLayout.STEP_X);
        assertThat(y(laid, "concat")).isZero();
    }

    @Test
    void aCycleDoesNotStopTheLayout() {
        NetworkGraph graph = new NetworkGraph(List.of(
                node("input", new InputSpec(null)), node("a", new DenseSpec(4, Activation.RELU)),
                node("b", new AddSpec())),
                List.of(edge("input", "b"), edge("a", "b"), edge("b", "a")));

        NetworkGraph laid = AutoLayout.layOut(graph);

        assertThat(laid.nodes()).hasSize(3);
        assertThat(x(laid, "input")).isZero();
        assertThat(x(laid, "b")).isGreaterThan(0);
    }

    private static Node node(String id, LayerSpec spec) {
        return new Node(new NodeId(id), id, spec, 0, 0);
    }

    private static Edge edge(String from, String to) {
        return new Edge(new NodeId(from), new NodeId(to));
    }

    private static double x(NetworkGraph graph, String id) {
        return graph.node(new NodeId(id)).x();
    }

    private static double y(NetworkGraph graph, String id) {
        return graph.node(new NodeId(id)).y();
    }
}
