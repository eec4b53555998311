package org.layerlab.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.Fix;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Problem;
import org.layerlab.core.graph.TensorShape;

/**
 * A deliberately small stand-in for shape inference, so that the canvas can be tested on its own: Input, Dense,
 * Convolution (same padding), Flatten, Output and pass-through layers, with two problems that have fixes (a Dense
 * layer fed an image, an Output whose units differ from the classes). Not the real rules.
 */
final class ToyAnalyser implements CanvasViewModel.Analyser {
    @Override
    public GraphAnalysis analyse(NetworkGraph graph, DataSignature data) {
        Map<NodeId, TensorShape> shapes = new HashMap<>();
        Map<NodeId, Long> parameters = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<NodeId> order = graph.topologicalOrder().orElse(List.of());
        for (NodeId id : order) {
            Node node = graph.node(id);
            LayerSpec spec = node.spec();
            List<NodeId> inputs = graph.inputsOf(id);
            if (spec.kind() == LayerKind.INPUT) {
                shapes.put(id, data.input());
                continue;
            }
            if (inputs.isEmpty()) {
                problems.add(Problem.error(id, node.name() + " is not connected to anything before it."));
                continue;
            }
            TensorShape in = shapes.get(inputs.get(0));
            if (in == null) {
                continue;
            }
            if (spec instanceof DenseSpec dense) {
                if (!(in instanceof TensorShape.Vector)) {
                    Edge edge = new Edge(inputs.get(0), id);
                    problems.add(Problem.error(id, node.name() + " needs a flat list of numbers but gets "
                            + in.describe() + ".", new Fix("Insert Flatten before " + node.name(), g -> {
                                String name = g.freeName(LayerKind.FLATTEN);
                                return g.withInserted(new Node(new NodeId(name), name, new FlattenSpec(),
                                        node.x() - 20, node.y() + 90), edge);
                            })));
                    continue;
                }
                shapes.put(id, new TensorShape.Vector(dense.units()));
                parameters.put(id, dense.parameterCount(in.elementCount()));
            } else if (spec instanceof OutputSpec output) {
                int units = output.unitsFor(data.classes());
                shapes.put(id, new TensorShape.Vector(units));
                parameters.put(id, in.elementCount() * units + units);
                if (units != data.classes()) {
                    problems.add(Problem.error(id, node.name() + " has " + units + " units but the data has "
                            + data.classes() + " classes.", new Fix("One unit per class",
                            g -> g.withSpec(id, new OutputSpec(0, output.activation())))));
                }
            } else if (spec instanceof ConvolutionSpec conv && in instanceof TensorShape.Image image) {
                shapes.put(id, new TensorShape.Image(conv.filters(), image.height(), image.width()));
                parameters.put(id, (long) conv.kernelHeight() * conv.kernelWidth() * image.channels()
                        * conv.filters() + conv.filters());
            } else if (spec instanceof FlattenSpec) {
                shapes.put(id, new TensorShape.Vector((int) in.elementCount()));
            } else {
                shapes.put(id, in);
            }
        }
        long total = parameters.values().stream().mapToLong(Long::longValue).sum();
        return new GraphAnalysis(shapes, parameters, problems, total, total * 16 + 4096);
    }
}
