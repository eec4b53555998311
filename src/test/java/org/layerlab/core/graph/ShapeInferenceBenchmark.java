package org.layerlab.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long {@link ShapeInference#analyse} takes on big networks — a main, not a test, because a timed test fails on
 * a busy machine. The canvas re-analyses after every edit, so one analysis must stay far below a 16 ms frame.
 * Run after {@code mvn -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes org.layerlab.core.graph.ShapeInferenceBenchmark}.
 */
public final class ShapeInferenceBenchmark {
    private ShapeInferenceBenchmark() {
    }

    public static void main(String[] args) {
        List<LayerSpec> dense = new ArrayList<>();
        for (int i = 0; i < 198; i++) {
            dense.add(new DenseSpec(64, Activation.RELU));
        }
        List<LayerSpec> cnn = new ArrayList<>();
        for (int i = 0; i < 198; i++) {
            cnn.add(i % 2 == 0 ? new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU) : new BatchNormSpec());
        }
        cnn.set(197, new GlobalPoolingSpec(PoolType.AVERAGE));
        NetworkGraph cnnChain = NetworkGraph.chain(cnn);
        cnnChain = cnnChain.withSpec(cnnChain.nodes().get(0).id(), new InputSpec(new TensorShape.Image(1, 28, 28)));
        measure("200-layer Dense chain", NetworkGraph.chain(dense), DataSignature.table(784, 10));
        measure("200-layer CNN chain", cnnChain, DataSignature.table(784, 10));
        measure("200-node residual network", residual(49), DataSignature.table(784, 10));
        // A broken network: every layer after the first mistake is skipped, the mistake gets its fix.
        measure("200-layer chain with a missing Flatten", cnnChain.withBypassed(
                cnnChain.nodes().get(198).id()), DataSignature.table(784, 10));
    }

    /** Stem, then {@code blocks} residual blocks of conv → BN → conv → Add (4 nodes each). */
    private static NetworkGraph residual(int blocks) {
        GraphCases.Builder builder = new GraphCases.Builder("residual")
                .add("in", new InputSpec(new TensorShape.Image(1, 28, 28)))
                .add("stem", new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU), "in");
        String last = "stem";
        for (int b = 0; b < blocks; b++) {
            builder.add("c" + b, new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU), last)
                    .add("n" + b, new BatchNormSpec(), "c" + b)
                    .add("d" + b, new ConvolutionSpec(16, 3, Padding.SAME, Activation.IDENTITY), "n" + b)
                    .add("a" + b, new AddSpec(), last, "d" + b);
            last = "a" + b;
        }
        return builder.add("pool", new GlobalPoolingSpec(PoolType.AVERAGE), last)
                .add("out", OutputSpec.forClasses(), "pool").graph();
    }

    private static void measure(String name, NetworkGraph graph, DataSignature data) {
        long coldStart = System.nanoTime();
        GraphAnalysis first = ShapeInference.analyse(graph, data);
        double cold = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 0; i < 2_000; i++) {
            ShapeInference.analyse(graph, data);
        }
        double[] millis = new double[1_000];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            ShapeInference.analyse(graph, data);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-40s %3d nodes, %d problems: first call %.2f ms, then median %.3f ms, "
                        + "99th percentile %.3f ms, max %.3f ms%n", name, graph.nodes().size(), first.problems().size(),
                cold, millis[500], millis[990], millis[999]);
    }
}
