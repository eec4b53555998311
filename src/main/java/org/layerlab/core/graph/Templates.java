package org.layerlab.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;
import org.layerlab.core.graph.TensorShape.Vector;

/**
 * The ready-made networks a user can start from. Each adapts to the loaded data: image networks read a flat row of
 * n = k² values as a 1×k×k image and shrink their windows and pooling for small images; the output always has one
 * unit per class. When a template cannot fit the data at all (a CNN on 7 values), it still returns its graph and
 * {@link ShapeInference} says why in plain words.
 *
 * <p>Nodes are laid out left to right, {@link NetworkGraph#LAYOUT_STEP_X} apart; a side branch runs one
 * {@link NetworkGraph#LAYOUT_STEP_Y} below the main line.
 */
public final class Templates {
    private static final List<Template> ALL = List.of(
            new Template("mlp", "Multilayer perceptron",
                    "Two Dense layers (64 and 32 units, ReLU): a good first try for any table.", Templates::mlp),
            new Template("lenet", "LeNet-style CNN",
                    "Two convolutions, each followed by max pooling, then Dense 120 and 84 (LeCun et al., 1998). "
                            + "For small images such as 8×8 digits or 28×28 handwriting.", Templates::lenet),
            new Template("vgg-small", "Small VGG-style CNN",
                    "Two blocks of two 3×3 convolutions and a max pooling (16, then 32 filters), then Dense 64 "
                            + "with dropout (Simonyan & Zisserman, 2015).", Templates::vggSmall),
            new Template("resnet-small", "Small residual CNN",
                    "A convolution, then a residual block whose two convolutions are added back to their input "
                            + "(He et al., 2016), each with batch normalization, then global average pooling.",
                    Templates::resnetSmall),
            new Template("lstm", "LSTM for sequences",
                    "Reads each example as a sequence, step by step, with an LSTM of 32 units (Hochreiter & "
                            + "Schmidhuber, 1997); the last step's state gives the answer.", Templates::lstm));

    private Templates() {
    }

    /** Every template, in the order the app lists them. */
    public static List<Template> all() {
        return ALL;
    }

    /** The template with this id (e.g. "lenet"), ignoring case. */
    public static Optional<Template> find(String id) {
        return ALL.stream().filter(t -> t.id().equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
    }

    /** The ids, for messages such as "choose one of mlp, lenet, …". */
    public static String ids() {
        return String.join(", ", ALL.stream().map(Template::id).toList());
    }

    // ---------------------------------------------------------------- the templates

    static NetworkGraph mlp(DataSignature data) {
        Layout layout = new Layout();
        NodeId last = layout.add(InputSpec.asData());
        if (!(data.input() instanceof Vector)) {
            last = layout.add(new FlattenSpec(), last);
        }
        last = layout.add(new DenseSpec(64, Activation.RELU), last);
        last = layout.add(new DenseSpec(32, Activation.RELU), last);
        layout.add(OutputSpec.forClasses(), last);
        return layout.graph();
    }

    static NetworkGraph lenet(DataSignature data) {
        Layout layout = new Layout();
        Optional<Image> image = asImage(data.input());
        NodeId last = layout.add(inputFor(data.input(), image));
        int side = image.map(i -> Math.min(i.height(), i.width())).orElse(28);
        // LeNet's 5×5 windows suit 28×28 and larger; small images (8×8 digits) keep more detail with 3×3.
        int kernel = side >= 20 ? 5 : 3;
        last = layout.add(new ConvolutionSpec(6, kernel, Padding.SAME, Activation.RELU), last);
        if (side >= 2) {
            last = layout.add(new PoolingSpec(PoolType.MAX, 2), last);
            side /= 2;
        }
        // The classic second convolution has no padding (14 → 10 on 28×28); on small images that would leave
        // nothing, so there it pads.
        Padding padding = side >= 2 * kernel ? Padding.VALID : Padding.SAME;
        last = layout.add(new ConvolutionSpec(16, kernel, padding, Activation.RELU), last);
        side = padding == Padding.VALID ? side - kernel + 1 : side;
        if (side >= 2) {
            last = layout.add(new PoolingSpec(PoolType.MAX, 2), last);
        }
        last = layout.add(new FlattenSpec(), last);
        last = layout.add(new DenseSpec(120, Activation.RELU), last);
        last = layout.add(new DenseSpec(84, Activation.RELU), last);
        layout.add(OutputSpec.forClasses(), last);
        return layout.graph();
    }

    static NetworkGraph vggSmall(DataSignature data) {
        Layout layout = new Layout();
        Optional<Image> image = asImage(data.input());
        NodeId last = layout.add(inputFor(data.input(), image));
        int side = image.map(i -> Math.min(i.height(), i.width())).orElse(32);
        for (int filters : new int[] {16, 32}) {
            last = layout.add(new ConvolutionSpec(filters, 3, Padding.SAME, Activation.RELU), last);
            last = layout.add(new ConvolutionSpec(filters, 3, Padding.SAME, Activation.RELU), last);
            if (side >= 2) {
                last = layout.add(new PoolingSpec(PoolType.MAX, 2), last);
                side /= 2;
            }
        }
        last = layout.add(new FlattenSpec(), last);
        last = layout.add(new DenseSpec(64, Activation.RELU), last);
        last = layout.add(new DropoutSpec(0.5), last);
        layout.add(OutputSpec.forClasses(), last);
        return layout.graph();
    }

    static NetworkGraph resnetSmall(DataSignature data) {
        Layout layout = new Layout();
        Optional<Image> image = asImage(data.input());
        NodeId last = layout.add(inputFor(data.input(), image));
        int filters = 16;
        // Conv → BatchNorm → ReLU, then a basic residual block (He et al., 2016): two such convolutions whose
        // result is added back to the block's input before the last ReLU. Batch Normalization (Ioffe & Szegedy,
        // 2015) after each convolution is what lets such a small network learn in a few epochs.
        NodeId stem = layout.add(new ConvolutionSpec(filters, 3, Padding.SAME, Activation.IDENTITY), last);
        stem = layout.add(new BatchNormSpec(), stem);
        stem = layout.add(new ActivationSpec(Activation.RELU), stem);
        // The residual branch runs below the main line; the skip connection goes straight from the stem to Add.
        NodeId branch = layout.addBelow(new ConvolutionSpec(filters, 3, Padding.SAME, Activation.IDENTITY), stem);
        branch = layout.addBelow(new BatchNormSpec(), branch);
        branch = layout.addBelow(new ActivationSpec(Activation.RELU), branch);
        branch = layout.addBelow(new ConvolutionSpec(filters, 3, Padding.SAME, Activation.IDENTITY), branch);
        branch = layout.addBelow(new BatchNormSpec(), branch);
        NodeId sum = layout.add(new AddSpec(), stem, branch);
        last = layout.add(new ActivationSpec(Activation.RELU), sum);
        last = layout.add(new GlobalPoolingSpec(PoolType.AVERAGE), last);
        layout.add(OutputSpec.forClasses(), last);
        return layout.graph();
    }

    static NetworkGraph lstm(DataSignature data) {
        Layout layout = new Layout();
        long values = data.input().elementCount();
        TensorShape steps;
        Optional<Image> image = asImage(data.input());
        if (image.isPresent() && image.get().channels() == 1 && values >= 64) {
            // An image of n = k×k pixels as k steps of k values (one column per step): k steps train far faster
            // than k² steps of one value, and an LSTM still sees the whole picture.
            steps = new Sequence(image.get().height(), image.get().width());
        } else {
            steps = new Sequence(1, Math.toIntExact(values));
        }
        NodeId last = layout.add(data.input().equals(steps) ? InputSpec.asData() : new InputSpec(steps));
        last = layout.add(new LstmSpec(32, Activation.TANH, false), last);
        layout.add(OutputSpec.forClasses(), last);
        return layout.graph();
    }

    /** The data as an image: itself, or a flat row of k² (or 3k²) values read as one. */
    private static Optional<Image> asImage(TensorShape input) {
        if (input instanceof Image image) {
            return Optional.of(image);
        }
        if (input instanceof Vector vector) {
            return ShapeInference.squareImage(vector.size());
        }
        return Optional.empty();
    }

    /** An Input that reads the data as {@code image} when it is not one already (else as it is). */
    private static InputSpec inputFor(TensorShape input, Optional<Image> image) {
        return image.isPresent() && !image.get().equals(input) ? new InputSpec(image.get()) : InputSpec.asData();
    }

    /** Places nodes left to right as they are added, and connects them. */
    private static final class Layout {
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();
        private double x;

        /** A node on the main line, one step right of the last, fed by {@code inputs} in order. */
        NodeId add(LayerSpec spec, NodeId... inputs) {
            return place(spec, 0, inputs);
        }

        /** A node on the branch below the main line. */
        NodeId addBelow(LayerSpec spec, NodeId... inputs) {
            return place(spec, NetworkGraph.LAYOUT_STEP_Y, inputs);
        }

        private NodeId place(LayerSpec spec, double y, NodeId... inputs) {
            NetworkGraph sofar = new NetworkGraph(nodes, List.of());
            NodeId id = new NodeId(sofar.freeName(spec.kind()));
            nodes.add(new Node(id, id.value(), spec, x, y));
            x += NetworkGraph.LAYOUT_STEP_X;
            for (NodeId input : inputs) {
                edges.add(new Edge(input, id));
            }
            return id;
        }

        NetworkGraph graph() {
            return new NetworkGraph(nodes, edges);
        }
    }
}
