package org.layerlab.core.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;

/**
 * Hand-built networks that can train, each with the shapes and parameter counts worked out by hand (in the
 * comments). {@code ShapeInferenceTest} checks LayerLab's inference against these numbers; the DL4J agreement test
 * checks DL4J's own inference and built layers against the same graphs.
 */
public final class GraphCases {
    private GraphCases() {
    }

    /** One case: a graph, the data it is fed, and "id" → "shape/parameters" for the nodes worth checking. */
    public record Case(String name, DataSignature data, NetworkGraph graph, Map<String, String> expected,
                       long totalParameters) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Builder("MLP on 4 features")
                .add("input_1", InputSpec.asData())
                .add("dense_1", new DenseSpec(64, Activation.RELU), "input_1")      // 4·64+64
                .add("dense_2", new DenseSpec(32, Activation.RELU), "dense_1")      // 64·32+32
                .add("output_1", OutputSpec.forClasses(), "dense_2")                // 32·3+3
                .expect("input_1", "4/0").expect("dense_1", "64/320").expect("dense_2", "32/2080")
                .expect("output_1", "3/99")
                .build(DataSignature.table(4, 3), 2499));
        cases.add(new Builder("same-padded convolution on 64 values read as 1×8×8")
                .add("input_1", new InputSpec(new Image(1, 8, 8)))
                .add("conv", new ConvolutionSpec(6, 5, Padding.SAME, Activation.RELU), "input_1")   // 1·25·6+6
                .add("pool", new PoolingSpec(PoolType.MAX, 2), "conv")
                .add("flat", new FlattenSpec(), "pool")                                            // 6·4·4
                .add("output_1", OutputSpec.forClasses(), "flat")                                  // 96·10+10
                .expect("input_1", "1×8×8/0").expect("conv", "6×8×8/156").expect("pool", "6×4×4/0")
                .expect("flat", "96/0").expect("output_1", "10/970")
                .build(DataSignature.table(64, 10), 1126));
        cases.add(new Builder("strided unpadded convolution with a 5×3 window")
                .add("input_1", new InputSpec(new Image(1, 28, 28)))
                // rows ⌊(28−5)/2⌋+1 = 12, columns ⌊(28−3)/1⌋+1 = 26; 1·5·3·8+8
                .add("conv", new ConvolutionSpec(8, 5, 3, 2, 1, Padding.VALID, Activation.TANH, WeightInit.XAVIER,
                        0, 0), "input_1")
                .add("flat", new FlattenSpec(), "conv")                                            // 8·12·26
                .add("output_1", OutputSpec.forClasses(), "flat")                                  // 2496·10+10
                .expect("conv", "8×12×26/128").expect("flat", "2496/0").expect("output_1", "10/24970")
                .build(DataSignature.table(784, 10), 25098));
        cases.add(new Builder("stride 2 with same padding on an odd-sized colour image")
                .add("input_1", new InputSpec(new Image(3, 7, 7)))
                .add("conv", new ConvolutionSpec(4, 3, 3, 2, 2, Padding.SAME, Activation.RELU, WeightInit.HE, 0, 0),
                        "input_1")                                                                 // ⌈7/2⌉ = 4; 3·9·4+4
                .add("avg", new PoolingSpec(PoolType.AVERAGE, 3, 3, 2, 2, Padding.SAME), "conv")   // ⌈4/2⌉ = 2
                .add("max", new PoolingSpec(PoolType.MAX, 2), "avg")                               // ⌊(2−2)/2⌋+1 = 1
                .add("flat", new FlattenSpec(), "max")
                .add("output_1", OutputSpec.forClasses(), "flat")                                  // 4·4+4
                .expect("conv", "4×4×4/112").expect("avg", "4×2×2/0").expect("max", "4×1×1/0")
                .expect("output_1", "4/20")
                .build(DataSignature.table(147, 4), 132));
        cases.add(new Builder("batch normalization, activation, dropout and global pooling")
                .add("input_1", new InputSpec(new Image(1, 8, 8)))
                .add("conv", new ConvolutionSpec(16, 3, Padding.SAME, Activation.IDENTITY), "input_1") // 9·16+16
                .add("bn_image", new BatchNormSpec(), "conv")                                      // 4·16 channels
                .add("relu", new ActivationSpec(Activation.RELU), "bn_image")
                .add("drop", new DropoutSpec(0.2), "relu")
                .add("global", new GlobalPoolingSpec(PoolType.MAX), "drop")
                .add("bn_vector", new BatchNormSpec(), "global")                                   // 4·16 features
                .add("dense", new DenseSpec(10, Activation.ELU), "bn_vector")                      // 16·10+10
                .add("output_1", OutputSpec.forClasses(), "dense")                                 // 10·3+3
                .expect("conv", "16×8×8/160").expect("bn_image", "16×8×8/64").expect("drop", "16×8×8/0")
                .expect("global", "16/0").expect("bn_vector", "16/64").expect("dense", "10/170")
                .expect("output_1", "3/33")
                .build(DataSignature.table(64, 3), 491));
        cases.add(new Builder("LSTM passing every step into a Simple RNN")
                .add("input_1", new InputSpec(new Sequence(2, 5)))
                .add("lstm", new LstmSpec(8, Activation.TANH, true), "input_1")                    // 4·8·(2+8+1)
                .add("rnn", new SimpleRnnSpec(6, Activation.TANH, false), "lstm")                  // 6·8+6·6+6
                .add("output_1", OutputSpec.forClasses(), "rnn")                                   // 6·2+2
                .expect("input_1", "5 steps × 2/0").expect("lstm", "5 steps × 8/352").expect("rnn", "6/90")
                .expect("output_1", "2/14")
                .build(DataSignature.table(10, 2), 456));
        cases.add(new Builder("embedding of 10 codes into an LSTM")
                .add("input_1", InputSpec.asData())
                .add("embed", new EmbeddingSpec(50, 8), "input_1")                                 // 50·8, no bias
                .add("lstm", new LstmSpec(16, Activation.TANH, false), "embed")                    // 4·16·(8+16+1)
                .add("output_1", OutputSpec.forClasses(), "lstm")                                  // 16·3+3
                .expect("embed", "10 steps × 8/400").expect("lstm", "16/1600").expect("output_1", "3/51")
                .build(DataSignature.table(10, 3), 2051));
        cases.add(new Builder("embedding summed up by global pooling")
                .add("input_1", InputSpec.asData())
                .add("embed", new EmbeddingSpec(30, 4), "input_1")                                 // 30·4
                .add("global", new GlobalPoolingSpec(PoolType.AVERAGE), "embed")
                .add("dense", new DenseSpec(5, Activation.RELU), "global")                         // 4·5+5
                .add("output_1", OutputSpec.forClasses(), "dense")                                 // 5·2+2
                .expect("embed", "12 steps × 4/120").expect("global", "4/0").expect("dense", "5/25")
                .expect("output_1", "2/12")
                .build(DataSignature.table(12, 2), 157));
        cases.add(new Builder("flattened sequence")
                .add("input_1", new InputSpec(new Sequence(2, 5)))
                .add("lstm", new LstmSpec(4, Activation.TANH, true), "input_1")                    // 4·4·(2+4+1)
                .add("flat", new FlattenSpec(), "lstm")                                            // 4·5
                .add("output_1", OutputSpec.forClasses(), "flat")                                  // 20·3+3
                .expect("lstm", "5 steps × 4/112").expect("flat", "20/0").expect("output_1", "3/63")
                .build(DataSignature.table(10, 3), 175));
        cases.add(new Builder("two branches of Dense layers concatenated")
                .add("input_1", InputSpec.asData())
                .add("wide", new DenseSpec(8, Activation.RELU), "input_1")                         // 4·8+8
                .add("narrow", new DenseSpec(4, Activation.TANH), "input_1")                       // 4·4+4
                .add("join", new ConcatSpec(), "wide", "narrow")
                .add("output_1", OutputSpec.forClasses(), "join")                                  // 12·3+3
                .expect("wide", "8/40").expect("narrow", "4/20").expect("join", "12/0").expect("output_1", "3/39")
                .build(DataSignature.table(4, 3), 99));
        cases.add(new Builder("two convolution branches concatenated channel by channel")
                .add("input_1", new InputSpec(new Image(1, 8, 8)))
                .add("small", new ConvolutionSpec(4, 3, Padding.SAME, Activation.RELU), "input_1") // 9·4+4
                .add("large", new ConvolutionSpec(6, 5, Padding.SAME, Activation.RELU), "input_1") // 25·6+6
                .add("join", new ConcatSpec(), "small", "large")
                .add("global", new GlobalPoolingSpec(PoolType.AVERAGE), "join")
                .add("output_1", OutputSpec.forClasses(), "global")                                // 10·5+5
                .expect("join", "10×8×8/0").expect("global", "10/0").expect("output_1", "5/55")
                .build(DataSignature.table(64, 5), 251));
        cases.add(new Builder("residual block")
                .add("input_1", new InputSpec(new Image(1, 8, 8)))
                .add("stem", new ConvolutionSpec(8, 3, Padding.SAME, Activation.RELU), "input_1")  // 9·8+8
                .add("inner", new ConvolutionSpec(8, 3, Padding.SAME, Activation.IDENTITY), "stem") // 8·9·8+8
                .add("sum", new AddSpec(), "stem", "inner")
                .add("pool", new PoolingSpec(PoolType.MAX, 2), "sum")
                .add("flat", new FlattenSpec(), "pool")                                            // 8·4·4
                .add("output_1", OutputSpec.forClasses(), "flat")                                  // 128·10+10
                .expect("stem", "8×8×8/80").expect("inner", "8×8×8/584").expect("sum", "8×8×8/0")
                .expect("flat", "128/0").expect("output_1", "10/1290")
                .build(DataSignature.table(64, 10), 1954));
        cases.add(new Builder("two recurrent branches concatenated feature by feature")
                .add("input_1", new InputSpec(new Sequence(2, 5)))
                .add("lstm", new LstmSpec(3, Activation.TANH, true), "input_1")                    // 4·3·(2+3+1)
                .add("rnn", new SimpleRnnSpec(4, Activation.RELU, true), "input_1")                // 4·2+4·4+4
                .add("join", new ConcatSpec(), "lstm", "rnn")
                .add("last", new LstmSpec(5, Activation.TANH, false), "join")                      // 4·5·(7+5+1)
                .add("output_1", OutputSpec.forClasses(), "last")                                  // 5·2+2
                .expect("lstm", "5 steps × 3/72").expect("rnn", "5 steps × 4/28").expect("join", "5 steps × 7/0")
                .expect("last", "5/260").expect("output_1", "2/12")
                .build(DataSignature.table(10, 2), 372));
        cases.add(new Builder("64 values read as 8 steps of 8")
                .add("input_1", new InputSpec(new Sequence(8, 8)))
                .add("lstm", new LstmSpec(32, Activation.TANH, false), "input_1")                  // 4·32·(8+32+1)
                .add("output_1", OutputSpec.forClasses(), "lstm")                                  // 32·10+10
                .expect("lstm", "32/5248").expect("output_1", "10/330")
                .build(DataSignature.table(64, 10), 5578));
        cases.add(new Builder("same-padded window larger than the image")
                .add("input_1", new InputSpec(new Image(1, 4, 4)))
                .add("conv", new ConvolutionSpec(2, 9, Padding.SAME, Activation.RELU), "input_1")  // 81·2+2
                .add("flat", new FlattenSpec(), "conv")
                .add("output_1", new OutputSpec(2, OutputActivation.SIGMOID), "flat")              // 32·2+2
                .expect("conv", "2×4×4/164").expect("flat", "32/0").expect("output_1", "2/66")
                .build(DataSignature.table(16, 2), 230));
        return cases;
    }

    /** Builds a graph node by node, laid out left to right. */
    public static final class Builder {
        private final String name;
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, String> expected = new LinkedHashMap<>();

        public Builder(String name) {
            this.name = name;
        }

        public Builder add(String id, LayerSpec spec, String... inputs) {
            nodes.add(new Node(new NodeId(id), id, spec, nodes.size() * NetworkGraph.LAYOUT_STEP_X, 0));
            for (String input : inputs) {
                edges.add(new Edge(new NodeId(input), new NodeId(id)));
            }
            return this;
        }

        public Builder connect(String from, String to) {
            edges.add(new Edge(new NodeId(from), new NodeId(to)));
            return this;
        }

        Builder expect(String id, String shapeAndParameters) {
            expected.put(id, shapeAndParameters);
            return this;
        }

        public NetworkGraph graph() {
            return new NetworkGraph(nodes, edges);
        }

        Case build(DataSignature data, long total) {
            return new Case(name, data, graph(), expected, total);
        }
    }
}
