package org.layerlab.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;
import org.layerlab.core.graph.TensorShape.Vector;

/**
 * Works out, for a {@link NetworkGraph} fed by data of a given {@link DataSignature}, the shape leaving every node,
 * every node's parameter count, and every problem that would stop training — with a fix where one is obvious.
 * Its shapes and counts agree with DL4J's own inference (checked in tests against {@code setInputType} and the
 * built layers' {@code numParams()}).
 *
 * <p>Rules, per node kind (DL4J class in brackets; parameters as DL4J counts them in {@code numParams()}):
 * <ul>
 *   <li>Input: the data's shape, or its {@code reshape} when that holds as many values.</li>
 *   <li>Dense [DenseLayer], Output [OutputLayer]: a vector of n → units; n·units + units.</li>
 *   <li>Convolution 2D [ConvolutionLayer]: c×h×w → filters×h'×w'; c·kh·kw·filters + filters. With "same size"
 *       padding (ConvolutionMode.Same) h' = ⌈h / stride⌉; without (ConvolutionMode.Truncate)
 *       h' = ⌊(h − kh) / stride⌋ + 1, which needs kh ≤ h.</li>
 *   <li>Pooling 2D [SubsamplingLayer]: the same size rule, channels kept, no parameters.</li>
 *   <li>Global Pooling [GlobalPoolingLayer]: c×h×w → c, or a sequence of f → f.</li>
 *   <li>Batch Normalization [BatchNormalization]: shape kept; 4 per feature or channel (γ, β and the running
 *       mean and variance all live in DL4J's parameter vector).</li>
 *   <li>Dropout [DropoutLayer], Activation [ActivationLayer]: shape kept, no parameters.</li>
 *   <li>Flatten [ReshapeVertex]: an image or fixed-length sequence → one vector of all its values.</li>
 *   <li>LSTM [LSTM, no peepholes]: a sequence of f → u per step (or only the last step's u, [LastTimeStep]);
 *       4·u·(f + u + 1).</li>
 *   <li>Simple RNN [SimpleRnn]: likewise; u·f + u·u + u.</li>
 *   <li>Embedding [EmbeddingSequenceLayer, no bias]: n codes → a sequence of n steps × dimensions;
 *       vocabulary·dimensions.</li>
 *   <li>Add [ElementWiseVertex Add]: inputs of one shape → that shape. Concatenate [MergeVertex]: vectors end to
 *       end, images (same height and width) or sequences (same length) feature by feature.</li>
 * </ul>
 *
 * <p>Dense and Output layers need a vector. DL4J would quietly flatten an image in front of them (a
 * {@code CnnToFeedForwardPreProcessor}); LayerLab instead reports it and offers to insert a visible Flatten node,
 * so that what the canvas shows is exactly what trains. The translation in {@code core.dl4j} therefore never
 * relies on an automatic preprocessor.
 *
 * <p>A node whose inputs have no shape (because something before it is wrong) gets no shape and no message of its
 * own: the problem is reported once, where it is. Analysis is linear in nodes plus edges.
 */
public final class ShapeInference {
    /** Examples per batch assumed by the memory estimate (LayerLab's default batch size). */
    public static final int MEMORY_ESTIMATE_BATCH = 32;

    private ShapeInference() {
    }

    public static GraphAnalysis analyse(NetworkGraph graph, DataSignature data) {
        java.util.Objects.requireNonNull(graph, "graph");
        java.util.Objects.requireNonNull(data, "data");
        return new Analyser(graph, data).run();
    }

    /**
     * Rough bytes to train: every parameter is stored four times as float32 (the weight, its gradient and Adam's
     * two moment estimates), and every activation twice per example of a batch of {@value #MEMORY_ESTIMATE_BATCH}
     * (the value kept for the backward pass and its gradient). DL4J's workspaces and the data itself come on top.
     */
    static long memoryEstimate(long parameters, long activationsPerExample) {
        return 4L * (4 * parameters + 2L * MEMORY_ESTIMATE_BATCH * activationsPerExample);
    }

    /** One analysis; used once. */
    private static final class Analyser {
        private final NetworkGraph graph;
        private final DataSignature data;
        private final Map<NodeId, Node> byId = new HashMap<>();
        private final Map<NodeId, List<NodeId>> inputs;
        private final Map<NodeId, List<NodeId>> outputs;
        private final Map<NodeId, TensorShape> shapes = new HashMap<>();
        private final Map<NodeId, Long> parameters = new HashMap<>();
        private final List<Problem> graphProblems = new ArrayList<>();
        private final Map<NodeId, List<Problem>> nodeProblems = new HashMap<>();

        Analyser(NetworkGraph graph, DataSignature data) {
            this.graph = graph;
            this.data = data;
            for (Node node : graph.nodes()) {
                byId.put(node.id(), node);
            }
            this.inputs = graph.incoming();
            this.outputs = graph.outgoing();
        }

        GraphAnalysis run() {
            if (graph.nodes().isEmpty()) {
                graphProblems.add(Problem.error(null, "The network is empty: add an Input, some layers and an "
                        + "Output, or start from a template."));
                return result(List.of());
            }
            List<Node> inputNodes = graph.nodesOfKind(LayerKind.INPUT);
            List<Node> outputNodes = graph.nodesOfKind(LayerKind.OUTPUT);
            checkInputsAndOutputs(inputNodes, outputNodes);
            for (Node output : outputNodes) {
                // Whatever comes in, or whether anything does: the classes are known from the data.
                checkOutputSettings(output, (OutputSpec) output.spec());
            }
            List<NodeId> order = graph.sortTopologically(outputs);
            if (order.size() < graph.nodes().size()) {
                reportCycles(new HashSet<>(order));
            }
            for (NodeId id : order) {
                infer(byId.get(id));
            }
            checkReachability(inputNodes, outputNodes);
            for (Node node : graph.nodes()) {
                if (node.spec().kind() != LayerKind.OUTPUT && node.spec().kind() != LayerKind.INPUT
                        && outputs.get(node.id()).isEmpty()) {
                    add(Problem.warning(node.id(), quoted(node) + "'s output goes nowhere, so it does not change "
                            + "the answer. Connect it onward or delete it.", new Fix("Delete " + quoted(node),
                            g -> g.withoutNode(node.id()))), node.id());
                }
            }
            return result(order);
        }

        private GraphAnalysis result(List<NodeId> order) {
            List<Problem> all = new ArrayList<>(graphProblems);
            Set<NodeId> listed = new LinkedHashSet<>(order);
            graph.nodes().forEach(n -> listed.add(n.id()));
            for (NodeId id : listed) {
                all.addAll(nodeProblems.getOrDefault(id, List.of()));
            }
            long total = 0;
            for (long count : parameters.values()) {
                total += count;
            }
            long activations = 0;
            for (TensorShape shape : shapes.values()) {
                activations += shape.elementCount();
            }
            return new GraphAnalysis(shapes, parameters, all, total, memoryEstimate(total, activations));
        }

        private void add(Problem problem, NodeId node) {
            if (node == null) {
                graphProblems.add(problem);
            } else {
                nodeProblems.computeIfAbsent(node, k -> new ArrayList<>()).add(problem);
            }
        }

        // ------------------------------------------------------------ the network as a whole

        private void checkInputsAndOutputs(List<Node> inputNodes, List<Node> outputNodes) {
            if (inputNodes.isEmpty()) {
                List<Node> sources = graph.nodes().stream().filter(n -> inputs.get(n.id()).isEmpty()).toList();
                String message = "The network has no Input, so the data has no way in. Add an Input and connect it "
                        + "to the first layer.";
                if (sources.size() == 1) {
                    NodeId first = sources.get(0).id();
                    add(Problem.error(null, message, new Fix("Add an Input before " + quoted(sources.get(0)),
                            g -> g.withAddedBefore(first, InputSpec.asData()))), null);
                } else {
                    add(Problem.error(null, message), null);
                }
            }
            for (Node input : inputNodes) {
                int feeding = inputs.get(input.id()).size();
                if (feeding > 0) {
                    NodeId id = input.id();
                    add(Problem.error(id, "Nothing can flow into the Input: the data enters there. Remove the "
                            + "connection" + (feeding == 1 ? "" : "s") + " into " + quoted(input) + ".",
                            new Fix("Remove the connections into " + quoted(input),
                                    g -> new NetworkGraph(g.nodes(), g.edges().stream()
                                            .filter(e -> !e.to().equals(id)).toList()))), id);
                }
            }
            for (Node extra : inputNodes.stream().skip(1).toList()) {
                add(Problem.error(extra.id(), "There are " + inputNodes.size() + " Inputs, but the data comes in "
                        + "one piece, so there can be only one. Delete " + quoted(extra) + " and connect its layers "
                        + "to " + quoted(inputNodes.get(0)) + ".", new Fix("Delete " + quoted(extra),
                        g -> g.withoutNode(extra.id()))), extra.id());
            }
            if (outputNodes.isEmpty()) {
                List<Node> sinks = graph.nodes().stream().filter(n -> outputs.get(n.id()).isEmpty()).toList();
                String message = "The network has no Output, so it gives no answer. Add an Output after the last "
                        + "layer.";
                if (sinks.size() == 1 && sinks.get(0).spec().kind() != LayerKind.INPUT) {
                    NodeId last = sinks.get(0).id();
                    add(Problem.error(null, message, new Fix("Add an Output after " + quoted(sinks.get(0)),
                            g -> g.withAddedAfter(last, OutputSpec.forClasses()))), null);
                } else {
                    add(Problem.error(null, message), null);
                }
            }
            for (Node extra : outputNodes.stream().skip(1).toList()) {
                add(Problem.error(extra.id(), "There are " + outputNodes.size() + " Outputs, but the network can "
                        + "give only one answer. Delete " + quoted(extra) + ".", new Fix("Delete " + quoted(extra),
                        g -> g.withoutNode(extra.id()))), extra.id());
            }
        }

        /** Names the nodes of each cycle and offers to remove the connection that closed it most recently. */
        private void reportCycles(Set<NodeId> ordered) {
            for (List<NodeId> cycle : cycles(ordered)) {
                Set<NodeId> members = new HashSet<>(cycle);
                Edge latest = null;
                for (Edge edge : graph.edges()) {
                    if (members.contains(edge.from()) && members.contains(edge.to())) {
                        latest = edge;
                    }
                }
                StringBuilder names = new StringBuilder();
                for (NodeId id : cycle) {
                    names.append(names.length() == 0 ? "" : " → ").append(quoted(byId.get(id)));
                }
                names.append(" → ").append(quoted(byId.get(cycle.get(0))));
                Edge closing = latest;
                String label = "Remove the connection " + quoted(byId.get(closing.from())) + " → "
                        + quoted(byId.get(closing.to()));
                add(Problem.error(cycle.get(0), "These layers feed each other in a circle: " + names + ". Values "
                        + "must flow one way, from the Input to the Output.", new Fix(label,
                        g -> g.withoutEdge(closing))), cycle.get(0));
            }
        }

        /** The strongly connected groups (Tarjan, 1972) among the nodes Kahn's sort could not order. */
        private List<List<NodeId>> cycles(Set<NodeId> ordered) {
            List<List<NodeId>> found = new ArrayList<>();
            Map<NodeId, Integer> index = new HashMap<>();
            Map<NodeId, Integer> low = new HashMap<>();
            Deque<NodeId> stack = new ArrayDeque<>();
            Set<NodeId> onStack = new HashSet<>();
            int[] counter = {0};
            for (Node node : graph.nodes()) {
                if (!ordered.contains(node.id()) && !index.containsKey(node.id())) {
                    strongConnect(node.id(), ordered, index, low, stack, onStack, counter, found);
                }
            }
            return found;
        }

        private void strongConnect(NodeId v, Set<NodeId> ordered, Map<NodeId, Integer> index,
                                   Map<NodeId, Integer> low, Deque<NodeId> stack, Set<NodeId> onStack,
                                   int[] counter, List<List<NodeId>> found) {
            index.put(v, counter[0]);
            low.put(v, counter[0]++);
            stack.push(v);
            onStack.add(v);
            for (NodeId w : outputs.get(v)) {
                if (ordered.contains(w)) {
                    continue;
                }
                if (!index.containsKey(w)) {
                    strongConnect(w, ordered, index, low, stack, onStack, counter, found);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<NodeId> group = new ArrayList<>();
                NodeId w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    group.add(0, w);
                } while (!w.equals(v));
                boolean selfLoop = group.size() == 1 && outputs.get(v).contains(v);
                if (group.size() > 1 || selfLoop) {
                    found.add(orderAlongEdges(group));
                }
            }
        }

        /** The members of a cycle in the order a walk along the connections meets them, from the first in the list. */
        private List<NodeId> orderAlongEdges(List<NodeId> group) {
            Set<NodeId> members = new HashSet<>(group);
            NodeId start = graph.nodes().stream().map(Node::id).filter(members::contains).findFirst().orElseThrow();
            List<NodeId> walk = new ArrayList<>();
            Set<NodeId> seen = new HashSet<>();
            NodeId current = start;
            while (current != null && seen.add(current)) {
                walk.add(current);
                current = outputs.get(current).stream().filter(members::contains).filter(n -> !seen.contains(n))
                        .findFirst().orElse(null);
            }
            return walk;
        }

        private void checkReachability(List<Node> inputNodes, List<Node> outputNodes) {
            if (inputNodes.isEmpty() || outputNodes.isEmpty()) {
                return;
            }
            Set<NodeId> reached = new HashSet<>();
            Deque<NodeId> todo = new ArrayDeque<>();
            for (Node input : inputNodes) {
                todo.add(input.id());
            }
            while (!todo.isEmpty()) {
                NodeId next = todo.poll();
                if (reached.add(next)) {
                    todo.addAll(outputs.get(next));
                }
            }
            for (Node output : outputNodes) {
                if (!reached.contains(output.id())) {
                    add(Problem.error(output.id(), "The Output is not connected to the Input, so no data reaches "
                            + "it. Connect a path of layers from " + quoted(inputNodes.get(0)) + " to "
                            + quoted(output) + "."), output.id());
                }
            }
        }

        // ------------------------------------------------------------ one node

        private void infer(Node node) {
            NodeId id = node.id();
            List<NodeId> ins = inputs.get(id);
            LayerSpec spec = node.spec();
            if (spec instanceof InputSpec input) {
                inferInput(node, input);
                return;
            }
            if (ins.isEmpty()) {
                add(Problem.error(id, quoted(node) + " has no input: connect something into it."), id);
                return;
            }
            if (spec.inputArity() == 1 && ins.size() > 1) {
                add(Problem.error(id, spec.kind().label() + " takes one input, but " + ins.size() + " are "
                        + "connected to " + quoted(node) + ". Join them first with Concatenate (side by side) or "
                        + "Add (element by element).", new Fix("Insert Concatenate",
                        g -> g.withInsertedBefore(id, new ConcatSpec()))), id);
                return;
            }
            if (spec.inputArity() < 0 && ins.size() < 2) {
                add(Problem.error(id, spec.kind().label() + " merges two or more inputs, but " + quoted(node)
                        + " has only one. Connect another branch into it, or remove it.",
                        new Fix("Remove " + quoted(node) + " (connect straight through)",
                                g -> g.withBypassed(id))), id);
                return;
            }
            List<TensorShape> in = new ArrayList<>(ins.size());
            for (NodeId source : ins) {
                TensorShape shape = shapes.get(source);
                if (shape == null) {
                    return; // reported where the trouble is
                }
                in.add(shape);
            }
            TensorShape first = in.get(0);
            NodeId source = ins.get(0);
            if (spec instanceof DenseSpec dense) {
                dense(node, source, first, dense.units());
            } else if (spec instanceof OutputSpec output) {
                output(node, source, first, output);
            } else if (spec instanceof ConvolutionSpec conv) {
                convolution(node, source, first, conv);
            } else if (spec instanceof PoolingSpec pool) {
                pooling(node, source, first, pool);
            } else if (spec instanceof GlobalPoolingSpec) {
                globalPooling(node, first);
            } else if (spec instanceof BatchNormSpec) {
                batchNorm(node, first);
            } else if (spec instanceof DropoutSpec || spec instanceof ActivationSpec) {
                set(id, first, 0);
            } else if (spec instanceof FlattenSpec) {
                flatten(node, first);
            } else if (spec instanceof LstmSpec lstm) {
                recurrent(node, source, first, lstm.units(), lstm.returnSequences(), true);
            } else if (spec instanceof SimpleRnnSpec rnn) {
                recurrent(node, source, first, rnn.units(), rnn.returnSequences(), false);
            } else if (spec instanceof EmbeddingSpec embedding) {
                embedding(node, source, first, embedding);
            } else if (spec instanceof AddSpec) {
                add(node, ins, in);
            } else if (spec instanceof ConcatSpec) {
                concatenate(node, ins, in);
            } else {
                throw new IllegalStateException("No shape rule for " + spec.kind());
            }
        }

        private void set(NodeId id, TensorShape shape, long count) {
            shapes.put(id, shape);
            parameters.put(id, count);
        }

        private void inferInput(Node node, InputSpec input) {
            TensorShape data = this.data.input();
            TensorShape reshape = input.reshape();
            if (reshape == null) {
                set(node.id(), data, 0);
                return;
            }
            if (reshape.elementCount() != data.elementCount()) {
                Fix fix = squareImage(data.elementCount())
                        .filter(image -> !image.equals(reshape))
                        .map(image -> new Fix("Read it as a " + image.describe() + " image",
                                g -> g.withSpec(node.id(), new InputSpec(image))))
                        .orElse(new Fix("Read the data as it is (" + data.describe() + ")",
                                g -> g.withSpec(node.id(), InputSpec.asData())));
                add(Problem.error(node.id(), "The Input reads each example as " + reshape.describe() + " ("
                        + reshape.elementCount() + " values), but the data has " + data.elementCount()
                        + " values per example.", fix), node.id());
            }
            set(node.id(), reshape, 0);
        }

        private void dense(Node node, NodeId source, TensorShape in, int units) {
            if (!(in instanceof Vector vector)) {
                needsVector(node, source, in);
                return;
            }
            set(node.id(), new Vector(units), (long) vector.size() * units + units);
        }

        private void output(Node node, NodeId source, TensorShape in, OutputSpec output) {
            int units = output.unitsFor(data.classes());
            if (!(in instanceof Vector vector)) {
                needsVector(node, source, in);
                return;
            }
            set(node.id(), new Vector(units), (long) vector.size() * units + units);
        }

        private void checkOutputSettings(Node node, OutputSpec output) {
            if (data.regression()) {
                checkRegressionOutput(node, output);
                return;
            }
            if (output.units() != 0 && output.units() != data.classes()) {
                add(Problem.error(node.id(), "Output has " + output.units() + " unit" + plural(output.units())
                        + " but the data has " + data.classes() + " classes: it needs one unit per class.",
                        new Fix("Set " + data.classes() + " units (one per class)",
                                g -> g.withSpec(node.id(), new OutputSpec(0, output.activation())))), node.id());
            }
            if (output.activation() == OutputActivation.IDENTITY) {
                add(Problem.warning(node.id(), "An identity output with mean squared error is meant for predicting "
                        + "quantities; to tell classes apart, softmax usually learns faster and better.",
                        new Fix("Use softmax", g -> g.withSpec(node.id(),
                                new OutputSpec(output.units(), OutputActivation.SOFTMAX)))), node.id());
            }
        }

        /**
         * Predicting one number takes one output unit; the activation is always identity with mean squared error
         * (the trainer sets it), so a softmax or sigmoid chosen for classes is only mentioned, not an error.
         */
        private void checkRegressionOutput(Node node, OutputSpec output) {
            if (output.units() > 1) {
                add(Problem.error(node.id(), "Output has " + output.units() + " units, but this data asks for one "
                        + "number per row (regression): it needs exactly 1 unit.",
                        new Fix("Set 1 unit (one number to predict)",
                                g -> g.withSpec(node.id(), new OutputSpec(0, OutputActivation.IDENTITY)))), node.id());
            }
            if (output.activation() != OutputActivation.IDENTITY) {
                add(Problem.warning(node.id(), "This data asks for a number (regression), so the Output trains with "
                        + "an identity activation and mean squared error, not " + output.activation() + ".",
                        new Fix("Use identity", g -> g.withSpec(node.id(),
                                new OutputSpec(output.units(), OutputActivation.IDENTITY)))), node.id());
            }
        }

        /** Dense or Output fed an image or a sequence: offer the visible Flatten (or the last step of an RNN). */
        private void needsVector(Node node, NodeId source, TensorShape in) {
            Node from = byId.get(source);
            String kind = node.spec().kind().label();
            if (in instanceof Sequence && returnsSequences(from.spec())) {
                add(Problem.error(node.id(), kind + " after " + from.spec().kind().label() + " needs one vector per "
                        + "example, but " + quoted(from) + " passes on every step (" + in.describe() + ").",
                        new Fix("Pass on only the last step", g -> g.withSpec(from.id(), lastStepOnly(from.spec())))),
                        node.id());
                return;
            }
            String what = in instanceof Image ? "the image flattened" : "the sequence flattened";
            Edge edge = new Edge(source, node.id());
            add(Problem.error(node.id(), kind + " after " + from.spec().kind().label() + " needs " + what + ": "
                    + quoted(node) + " gets " + words(in) + ".", new Fix("Insert Flatten",
                    g -> g.withInsertedOn(edge, new FlattenSpec()))), node.id());
        }

        private void convolution(Node node, NodeId source, TensorShape in, ConvolutionSpec conv) {
            if (!(in instanceof Image image)) {
                needsImage(node, source, in);
                return;
            }
            if (!windowFits(node, image, conv.kernelHeight(), conv.kernelWidth(), conv.padding(),
                    g -> g.withSpec(node.id(), new ConvolutionSpec(conv.filters(), conv.kernelHeight(),
                            conv.kernelWidth(), conv.strideHeight(), conv.strideWidth(), Padding.SAME,
                            conv.activation(), conv.weightInit(), conv.l1(), conv.l2())))) {
                return;
            }
            int height = outputSize(image.height(), conv.kernelHeight(), conv.strideHeight(), conv.padding());
            int width = outputSize(image.width(), conv.kernelWidth(), conv.strideWidth(), conv.padding());
            long weights = (long) image.channels() * conv.kernelHeight() * conv.kernelWidth() * conv.filters();
            set(node.id(), new Image(conv.filters(), height, width), weights + conv.filters());
        }

        private void pooling(Node node, NodeId source, TensorShape in, PoolingSpec pool) {
            if (!(in instanceof Image image)) {
                needsImage(node, source, in);
                return;
            }
            if (!windowFits(node, image, pool.kernelHeight(), pool.kernelWidth(), pool.padding(),
                    g -> g.withSpec(node.id(), new PoolingSpec(pool.type(), pool.kernelHeight(), pool.kernelWidth(),
                            pool.strideHeight(), pool.strideWidth(), Padding.SAME)))) {
                return;
            }
            int height = outputSize(image.height(), pool.kernelHeight(), pool.strideHeight(), pool.padding());
            int width = outputSize(image.width(), pool.kernelWidth(), pool.strideWidth(), pool.padding());
            set(node.id(), new Image(image.channels(), height, width), 0);
        }

        private boolean windowFits(Node node, Image image, int kernelHeight, int kernelWidth, Padding padding,
                                   java.util.function.UnaryOperator<NetworkGraph> pad) {
            if (padding == Padding.VALID && (kernelHeight > image.height() || kernelWidth > image.width())) {
                add(Problem.error(node.id(), "The " + kernelHeight + "×" + kernelWidth + " window of " + quoted(node)
                        + " is larger than the " + image.height() + "×" + image.width() + " image coming in. Use a "
                        + "smaller window, or pad the border.", new Fix("Pad the border (same size)", pad)),
                        node.id());
                return false;
            }
            return true;
        }

        /** DL4J's ConvolutionMode.Same: ⌈in / stride⌉; ConvolutionMode.Truncate: ⌊(in − kernel) / stride⌋ + 1. */
        private static int outputSize(int in, int kernel, int stride, Padding padding) {
            return padding == Padding.SAME ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
        }

        /** Convolution or pooling fed something other than an image: offer to read a flat data row as one. */
        private void needsImage(Node node, NodeId source, TensorShape in) {
            String kind = node.spec().kind().label();
            String message = kind + " needs an image (channels × height × width), but " + quoted(node) + " gets "
                    + words(in) + ".";
            Node from = byId.get(source);
            if (in instanceof Vector vector && from.spec() instanceof InputSpec) {
                Optional<Image> image = squareImage(vector.size());
                if (image.isPresent()) {
                    add(Problem.error(node.id(), message + " The " + vector.size() + " values can be read as a "
                            + image.get().describe() + " image.", new Fix("Read the data as a "
                            + image.get().describe() + " image", g -> g.withSpec(from.id(),
                            new InputSpec(image.get())))), node.id());
                } else {
                    add(Problem.error(node.id(), message + " " + vector.size() + " values cannot be arranged as a "
                            + "square image, so image layers do not suit this data: use Dense layers instead."),
                            node.id());
                }
                return;
            }
            add(Problem.error(node.id(), message + " Image layers go after the Input (read as an image) or after "
                    + "other image layers."), node.id());
        }

        private void globalPooling(Node node, TensorShape in) {
            if (in instanceof Image image) {
                set(node.id(), new Vector(image.channels()), 0);
            } else if (in instanceof Sequence sequence) {
                set(node.id(), new Vector(sequence.features()), 0);
            } else {
                add(Problem.error(node.id(), "Global Pooling sums up each feature map of an image, or each feature "
                        + "over a sequence, but " + quoted(node) + " gets " + words(in) + ", which is already one "
                        + "number per feature.", new Fix("Remove " + quoted(node), g -> g.withBypassed(node.id()))),
                        node.id());
            }
        }

        private void batchNorm(Node node, TensorShape in) {
            if (in instanceof Vector vector) {
                set(node.id(), in, 4L * vector.size());
            } else if (in instanceof Image image) {
                set(node.id(), in, 4L * image.channels());
            } else {
                add(Problem.error(node.id(), "Batch Normalization works on lists of numbers and images, not on "
                        + "sequences (DL4J 1.0.0-M2.1 cannot train it there). Remove " + quoted(node) + " or move it "
                        + "after the recurrent layers.", new Fix("Remove " + quoted(node),
                        g -> g.withBypassed(node.id()))), node.id());
            }
        }

        private void flatten(Node node, TensorShape in) {
            if (in instanceof Image || in instanceof Sequence sequence && sequence.length() > 0) {
                set(node.id(), new Vector(Math.toIntExact(in.elementCount())), 0);
            } else if (in instanceof Sequence) {
                add(Problem.error(node.id(), "Flatten needs sequences of a fixed length, but the length of these "
                        + "varies. Use Global Pooling, or let the recurrent layer pass on only its last step."),
                        node.id());
            } else {
                add(Problem.warning(node.id(), quoted(node) + " gets " + words(in) + ", which is flat already: "
                        + "Flatten does nothing here.", new Fix("Remove " + quoted(node),
                        g -> g.withBypassed(node.id()))), node.id());
                set(node.id(), in, 0);
            }
        }

        private void recurrent(Node node, NodeId source, TensorShape in, int units, boolean returnSequences,
                               boolean lstm) {
            String kind = node.spec().kind().label();
            if (!(in instanceof Sequence sequence)) {
                String message = kind + " reads a sequence step by step, but " + quoted(node) + " gets " + words(in)
                        + ".";
                Node from = byId.get(source);
                if (in instanceof Vector vector && from.spec() instanceof InputSpec) {
                    Sequence steps = new Sequence(1, vector.size());
                    add(Problem.error(node.id(), message + " The data's " + vector.size() + " values can be read "
                            + "as a sequence of " + vector.size() + " steps.", new Fix("Read the data as a sequence "
                            + "of " + vector.size() + " steps", g -> g.withSpec(from.id(), new InputSpec(steps)))),
                            node.id());
                } else {
                    add(Problem.error(node.id(), message + " Recurrent layers go after the Input (read as a "
                            + "sequence), an Embedding or another recurrent layer."), node.id());
                }
                return;
            }
            long f = sequence.features();
            long count = lstm ? 4L * units * (f + units + 1) : units * f + (long) units * units + units;
            set(node.id(), returnSequences ? new Sequence(units, sequence.length()) : new Vector(units), count);
        }

        private void embedding(Node node, NodeId source, TensorShape in, EmbeddingSpec embedding) {
            Node from = byId.get(source);
            int codes;
            if (in instanceof Vector vector) {
                codes = vector.size();
            } else if (in instanceof Sequence sequence && sequence.features() == 1 && sequence.length() > 0) {
                codes = sequence.length();
            } else {
                add(Problem.error(node.id(), "Embedding turns a list of whole-number codes into a sequence, but "
                        + quoted(node) + " gets " + words(in) + "."), node.id());
                return;
            }
            if (!(from.spec() instanceof InputSpec)) {
                add(Problem.error(node.id(), "Embedding reads whole-number codes (such as word numbers) straight "
                        + "from the data, so it must come right after the Input; " + quoted(node) + " comes after "
                        + quoted(from) + "."), node.id());
                return;
            }
            set(node.id(), new Sequence(embedding.dimensions(), codes),
                    (long) embedding.vocabulary() * embedding.dimensions());
        }

        private void add(Node node, List<NodeId> sources, List<TensorShape> in) {
            TensorShape first = in.get(0);
            for (int i = 1; i < in.size(); i++) {
                if (!in.get(i).equals(first)) {
                    add(Problem.error(node.id(), "Add needs inputs of the same shape, but " + quoted(byId.get(
                            sources.get(0))) + " gives " + first.describe() + " and " + quoted(byId.get(
                            sources.get(i))) + " gives " + in.get(i).describe() + ". Change the layers before it so "
                            + "their sizes match."), node.id());
                    return;
                }
            }
            set(node.id(), first, 0);
        }

        private void concatenate(Node node, List<NodeId> sources, List<TensorShape> in) {
            TensorShape first = in.get(0);
            for (int i = 1; i < in.size(); i++) {
                TensorShape other = in.get(i);
                String problem = null;
                if (first.getClass() != other.getClass()) {
                    int notVector = first instanceof Vector ? i : 0;
                    if (first instanceof Vector || other instanceof Vector) {
                        Edge edge = new Edge(sources.get(notVector), node.id());
                        add(Problem.error(node.id(), "Concatenate joins inputs of one kind, but "
                                + quoted(byId.get(sources.get(0))) + " gives " + words(first) + " and "
                                + quoted(byId.get(sources.get(i))) + " gives " + words(other) + ". Flatten the "
                                + (in.get(notVector) instanceof Image ? "image" : "sequence") + " first.",
                                new Fix("Insert Flatten", g -> g.withInsertedOn(edge, new FlattenSpec()))), node.id());
                        return;
                    }
                    problem = "joins inputs of one kind";
                } else if (first instanceof Image a && other instanceof Image b
                        && (a.height() != b.height() || a.width() != b.width())) {
                    problem = "joins images channel by channel, so their height and width must match";
                } else if (first instanceof Sequence a && other instanceof Sequence b && a.length() != b.length()) {
                    problem = "joins sequences feature by feature, so they must have the same number of steps";
                }
                if (problem != null) {
                    add(Problem.error(node.id(), "Concatenate " + problem + ", but " + quoted(byId.get(sources.get(0)))
                            + " gives " + first.describe() + " and " + quoted(byId.get(sources.get(i))) + " gives "
                            + other.describe() + "."), node.id());
                    return;
                }
            }
            TensorShape joined;
            if (first instanceof Image image) {
                joined = new Image(in.stream().mapToInt(s -> ((Image) s).channels()).sum(), image.height(),
                        image.width());
            } else if (first instanceof Sequence sequence) {
                joined = new Sequence(in.stream().mapToInt(s -> ((Sequence) s).features()).sum(), sequence.length());
            } else {
                joined = new Vector(in.stream().mapToInt(s -> ((Vector) s).size()).sum());
            }
            set(node.id(), joined, 0);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * How {@code values} numbers can be read as a square image: 1×k×k, else 3×k×k (colour), or empty.
     */
    public static Optional<Image> squareImage(long values) {
        long side = Math.round(Math.sqrt(values));
        if (side * side == values && values > 0) {
            return Optional.of(new Image(1, (int) side, (int) side));
        }
        if (values % 3 == 0) {
            long colour = Math.round(Math.sqrt(values / 3.0));
            if (colour * colour * 3 == values) {
                return Optional.of(new Image(3, (int) colour, (int) colour));
            }
        }
        return Optional.empty();
    }

    private static boolean returnsSequences(LayerSpec spec) {
        return spec instanceof LstmSpec lstm && lstm.returnSequences()
                || spec instanceof SimpleRnnSpec rnn && rnn.returnSequences();
    }

    private static LayerSpec lastStepOnly(LayerSpec spec) {
        if (spec instanceof LstmSpec lstm) {
            return new LstmSpec(lstm.units(), lstm.activation(), false);
        }
        if (spec instanceof SimpleRnnSpec rnn) {
            return new SimpleRnnSpec(rnn.units(), rnn.activation(), false);
        }
        return spec;
    }

    /** A shape in words, e.g. "a list of 64 numbers", "a 16×4×4 image", "a sequence of 10 steps × 8". */
    static String words(TensorShape shape) {
        if (shape instanceof Image image) {
            return "a " + image.describe() + " image";
        }
        if (shape instanceof Sequence sequence) {
            return "a sequence of " + sequence.describe();
        }
        Vector vector = (Vector) shape;
        return "a list of " + vector.size() + " number" + plural(vector.size());
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    private static String quoted(Node node) {
        return "'" + node.name() + "'";
    }
}
