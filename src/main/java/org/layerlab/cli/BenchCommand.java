package org.layerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.core.data.IdxReader;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.dl4j.PlainDl4jFit;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.PoolType;
import org.layerlab.core.graph.PoolingSpec;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code layerlab bench …}: speed measurements that print numbers. Tests assert behaviour; speed is measured here,
 * on demand, so that a slow CI machine never fails a build and a fast one never hides a regression.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure LayerLab's speed and print the numbers.",
                "Without a subcommand: train an MLP (784-256-128-10) and a LeNet-style CNN on full MNIST with "
                        + "LayerLab's trainer (all listeners on) and with plain DL4J fit, batch 64, Adam 0.001, and "
                        + "print samples/s, test accuracy and peak memory for each. Compare with "
                        + "../shared/bench/torch_bench.py (see docs/performance.md)."},
        subcommands = {BenchCsvCommand.class, BenchImagesCommand.class, BenchServeCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--net", description = "mlp, cnn or both (default: both).")
    String net = "both";

    @Option(names = "--epochs", description = "Epochs per network (default: 2).")
    int epochs = 2;

    @Option(names = "--limit", description = "Use only the first N training images (default: all 60,000).")
    int limit;

    @Option(names = "--mnist", description = "Folder with MNIST's IDX files (default: ../shared/datasets/mnist/idx).")
    Path mnist = Path.of("../shared/datasets/mnist/idx");

    @Option(names = "--no-baseline", negatable = true, description = "Also time plain DL4J fit (default: yes).")
    boolean baseline = true;

    @Option(names = "--rounds", description = "Times to measure each trainer, alternating (default: 2). The first "
            + "round of a JVM is slower (JIT compilation, native warm-up), whichever trainer runs in it; the ratio "
            + "printed is the last round's.")
    int rounds = 2;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PreparedData data = mnistData(mnist, limit);
        out.printf(Locale.ROOT, "MNIST: %,d training and %,d test images; batch 64, Adam 0.001, seed 42; %s; "
                        + "OMP_WAIT_POLICY=%s; OPENBLAS_THREAD_TIMEOUT=%s; OPENBLAS_CORETYPE=%s; %d cores; backend %s%n",
                data.train().rows(), data.test().rows(), PlainDl4jFit.dataType(), System.getenv("OMP_WAIT_POLICY"),
                System.getenv("OPENBLAS_THREAD_TIMEOUT"), System.getenv("OPENBLAS_CORETYPE"),
                Runtime.getRuntime().availableProcessors(), new Dl4jTrainer().backend().summary());
        out.flush();
        for (String name : net.equals("both") ? List.of("mlp", "cnn") : List.of(net)) {
            NetworkGraph graph = switch (name) {
                case "mlp" -> mlp();
                case "cnn" -> lenet();
                default -> throw new IllegalArgumentException("--net takes mlp, cnn or both, not '" + name + "'.");
            };
            benchmark(out, name, graph, data);
        }
        return 0;
    }

    private void benchmark(PrintWriter out, String name, NetworkGraph graph,
                           PreparedData data) {
        TrainingConfig config = new TrainingConfig(epochs, 64, 1e-3, 42);
        for (int round = 1; round <= Math.max(1, rounds); round++) {
            String last = round == Math.max(1, rounds) ? "" : " (warm-up round)";
            int[] events = new int[1];
            int currentRound = round;
            TrainingListener counting = event -> {
                events[0]++;
                if (event instanceof TrainingEvent.EpochEnded e) {
                    out.printf(Locale.ROOT, "  round %d layerlab %s epoch %d: %,.0f samples/s, train accuracy %.4f%n",
                            currentRound, name, e.epoch(), e.samplesPerSecond(), e.trainAccuracy());
                    out.flush();
                }
            };
            TrainingResult result = new Dl4jTrainer().train(data, graph, config, counting, new RunControl());
            if (result.outcome() != TrainingEvent.Outcome.COMPLETED) {
                throw new IllegalStateException("The " + name + " benchmark did not complete: " + result.message());
            }
            double accuracy = Evaluation.of(data.classNames(), data.test().labels(),
                    result.model().predictClasses(data.test())).accuracy();
            double best = result.history().stream().mapToDouble(e -> e.samplesPerSecond()).max().orElse(0);
            out.printf(Locale.ROOT, "RESULT round=%d system=layerlab net=%s epochs=%d samples_per_s=%.0f "
                            + "best_epoch_samples_per_s=%.0f test_acc=%.4f events=%d peak_rss_mb=%d%s%n", round, name,
                    epochs, result.trainSamplesPerSecond(), best, accuracy, events[0], peakResidentMegabytes(), last);
            out.flush();
            if (baseline) {
                List<Double> rates = PlainDl4jFit.samplesPerSecond(graph, (EncodedSet) data.train(),
                        data.classCount(), config, epochs);
                for (int i = 0; i < rates.size(); i++) {
                    out.printf(Locale.ROOT, "  round %d plain DL4J %s epoch %d: %,.0f samples/s%n", round, name, i + 1,
                            rates.get(i));
                }
                double total = rates.size() / rates.stream().mapToDouble(r -> 1 / r).sum();
                out.printf(Locale.ROOT, "RESULT round=%d system=dl4j-plain net=%s epochs=%d samples_per_s=%.0f "
                                + "layerlab_vs_plain=%.3f peak_rss_mb=%d%s%n", round, name, epochs, total,
                        result.trainSamplesPerSecond() / total, peakResidentMegabytes(), last);
                out.flush();
            }
        }
    }

    /** MLP 784-256-128-10, ReLU, Xavier: the network of ../shared/bench/torch_bench.py. */
    static NetworkGraph mlp() {
        return NetworkGraph.chain(List.of(
                new DenseSpec(256, Activation.RELU,
                        WeightInit.XAVIER, 0, 0),
                new DenseSpec(128, Activation.RELU,
                        WeightInit.XAVIER, 0, 0)));
    }

    /** LeNet-style: conv 5×5×20, max pool 2, conv 5×5×50, max pool 2, dense 500, output 10 — as the PyTorch twin. */
    static NetworkGraph lenet() {
        var relu = Activation.RELU;
        var xavier = WeightInit.XAVIER;
        var valid = Padding.VALID;
        NetworkGraph chain = NetworkGraph.chain(List.of(
                new ConvolutionSpec(20, 5, 5, 1, 1, valid, relu, xavier, 0, 0),
                new PoolingSpec(PoolType.MAX, 2),
                new ConvolutionSpec(50, 5, 5, 1, 1, valid, relu, xavier, 0, 0),
                new PoolingSpec(PoolType.MAX, 2),
                new FlattenSpec(),
                new DenseSpec(500, relu, xavier, 0, 0)));
        Node input = chain.nodesOfKind(LayerKind.INPUT).get(0);
        return chain.withSpec(input.id(), new InputSpec(
                new TensorShape.Image(1, 28, 28)));
    }

    /** MNIST from its IDX files as prepared data: pixels scaled to 0..1, no validation rows. */
    static PreparedData mnistData(Path folder, int limit) throws IOException {
        EncodedSet train = encoded(folder, "train", limit);
        EncodedSet test = encoded(folder, "test", 0);
        List<String> pixels = new ArrayList<>();
        for (int i = 0; i < train.columns(); i++) {
            pixels.add("px" + i);
        }
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return new PreparedData(train,
                new EncodedSet(new float[0], 0, train.columns(), new int[0]), test,
                pixels, digits, List.of());
    }

    private static EncodedSet encoded(Path folder, String split, int limit)
            throws IOException {
        IdxReader.Images images = IdxReader.readImages(
                folder.resolve(split + "-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(folder.resolve(split + "-labels-idx1-ubyte.gz"));
        int rows = limit > 0 ? Math.min(limit, images.count()) : images.count();
        int columns = images.height() * images.width();
        float[] features = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            byte[] pixels = images.pixels()[r];
            for (int c = 0; c < columns; c++) {
                features[r * columns + c] = (pixels[c] & 0xff) / 255f;
            }
        }
        return new EncodedSet(features, rows, columns,
                Arrays.copyOf(labels, rows));
    }

    /** Peak resident memory of this process (Linux: VmHWM), or -1 where it cannot be read. */
    static long peakResidentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

}
