package org.layerlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.Table;
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
        subcommands = {BenchCommand.Csv.class, BenchCommand.Images.class, BenchCommand.Serve.class})
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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        org.layerlab.core.preprocess.PreparedData data = mnistData(mnist, limit);
        out.printf(Locale.ROOT, "MNIST: %,d training and %,d test images; batch 64, Adam 0.001, seed 42; %s; "
                        + "OMP_WAIT_POLICY=%s; %d cores; backend %s%n", data.train().rows(), data.test().rows(),
                org.layerlab.core.dl4j.PlainDl4jFit.dataType(), System.getenv("OMP_WAIT_POLICY"),
                Runtime.getRuntime().availableProcessors(), new org.layerlab.core.dl4j.Dl4jTrainer().backend().summary());
        out.flush();
        for (String name : net.equals("both") ? java.util.List.of("mlp", "cnn") : java.util.List.of(net)) {
            org.layerlab.core.graph.NetworkGraph graph = switch (name) {
                case "mlp" -> mlp();
                case "cnn" -> lenet();
                default -> throw new IllegalArgumentException("--net takes mlp, cnn or both, not '" + name + "'.");
            };
            benchmark(out, name, graph, data);
        }
        return 0;
    }

    private void benchmark(PrintWriter out, String name, org.layerlab.core.graph.NetworkGraph graph,
                           org.layerlab.core.preprocess.PreparedData data) {
        org.layerlab.core.train.TrainingConfig config = new org.layerlab.core.train.TrainingConfig(epochs, 64, 1e-3, 42);
        int[] events = new int[1];
        org.layerlab.core.train.TrainingListener counting = event -> {
            events[0]++;
            if (event instanceof org.layerlab.core.train.TrainingEvent.EpochEnded e) {
                out.printf(Locale.ROOT, "  layerlab %s epoch %d: %,.0f samples/s, train accuracy %.4f%n", name,
                        e.epoch(), e.samplesPerSecond(), e.trainAccuracy());
                out.flush();
            }
        };
        org.layerlab.core.train.TrainingResult result = new org.layerlab.core.dl4j.Dl4jTrainer().train(data, graph,
                config, counting, new org.layerlab.core.train.RunControl());
        if (result.outcome() != org.layerlab.core.train.TrainingEvent.Outcome.COMPLETED) {
            throw new IllegalStateException("The " + name + " benchmark did not complete: " + result.message());
        }
        double accuracy = org.layerlab.core.evaluate.Evaluation.of(data.classNames(), data.test().labels(),
                result.model().predictClasses(data.test())).accuracy();
        double best = result.history().stream().mapToDouble(e -> e.samplesPerSecond()).max().orElse(0);
        out.printf(Locale.ROOT, "RESULT system=layerlab net=%s epochs=%d samples_per_s=%.0f best_epoch_samples_per_s=%.0f "
                        + "test_acc=%.4f events=%d peak_rss_mb=%d%n", name, epochs, result.trainSamplesPerSecond(), best,
                accuracy, events[0], peakResidentMegabytes());
        out.flush();
        if (baseline) {
            java.util.List<Double> rates = org.layerlab.core.dl4j.PlainDl4jFit.samplesPerSecond(graph, data.train(),
                    data.classCount(), config, epochs);
            for (int i = 0; i < rates.size(); i++) {
                out.printf(Locale.ROOT, "  plain DL4J %s epoch %d: %,.0f samples/s%n", name, i + 1, rates.get(i));
            }
            double total = rates.size() / rates.stream().mapToDouble(r -> 1 / r).sum();
            out.printf(Locale.ROOT, "RESULT system=dl4j-plain net=%s epochs=%d samples_per_s=%.0f "
                            + "layerlab_vs_plain=%.3f peak_rss_mb=%d%n", name, epochs, total,
                    result.trainSamplesPerSecond() / total, peakResidentMegabytes());
            out.flush();
        }
    }

    /** MLP 784-256-128-10, ReLU, Xavier: the network of ../shared/bench/torch_bench.py. */
    static org.layerlab.core.graph.NetworkGraph mlp() {
        return org.layerlab.core.graph.NetworkGraph.chain(java.util.List.of(
                new org.layerlab.core.graph.DenseSpec(256, org.layerlab.core.graph.Activation.RELU,
                        org.layerlab.core.graph.WeightInit.XAVIER, 0, 0),
                new org.layerlab.core.graph.DenseSpec(128, org.layerlab.core.graph.Activation.RELU,
                        org.layerlab.core.graph.WeightInit.XAVIER, 0, 0)));
    }

    /** LeNet-style: conv 5×5×20, max pool 2, conv 5×5×50, max pool 2, dense 500, output 10 — as the PyTorch twin. */
    static org.layerlab.core.graph.NetworkGraph lenet() {
        var relu = org.layerlab.core.graph.Activation.RELU;
        var xavier = org.layerlab.core.graph.WeightInit.XAVIER;
        var valid = org.layerlab.core.graph.Padding.VALID;
        org.layerlab.core.graph.NetworkGraph chain = org.layerlab.core.graph.NetworkGraph.chain(java.util.List.of(
                new org.layerlab.core.graph.ConvolutionSpec(20, 5, 5, 1, 1, valid, relu, xavier, 0, 0),
                new org.layerlab.core.graph.PoolingSpec(org.layerlab.core.graph.PoolType.MAX, 2),
                new org.layerlab.core.graph.ConvolutionSpec(50, 5, 5, 1, 1, valid, relu, xavier, 0, 0),
                new org.layerlab.core.graph.PoolingSpec(org.layerlab.core.graph.PoolType.MAX, 2),
                new org.layerlab.core.graph.FlattenSpec(),
                new org.layerlab.core.graph.DenseSpec(500, relu, xavier, 0, 0)));
        org.layerlab.core.graph.Node input = chain.nodesOfKind(org.layerlab.core.graph.LayerKind.INPUT).get(0);
        return chain.withSpec(input.id(), new org.layerlab.core.graph.InputSpec(
                new org.layerlab.core.graph.TensorShape.Image(1, 28, 28)));
    }

    /** MNIST from its IDX files as prepared data: pixels scaled to 0..1, no validation rows. */
    static org.layerlab.core.preprocess.PreparedData mnistData(Path folder, int limit) throws IOException {
        org.layerlab.core.preprocess.EncodedSet train = encoded(folder, "train", limit);
        org.layerlab.core.preprocess.EncodedSet test = encoded(folder, "test", 0);
        java.util.List<String> pixels = new java.util.ArrayList<>();
        for (int i = 0; i < train.columns(); i++) {
            pixels.add("px" + i);
        }
        java.util.List<String> digits = java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return new org.layerlab.core.preprocess.PreparedData(train,
                new org.layerlab.core.preprocess.EncodedSet(new float[0], 0, train.columns(), new int[0]), test,
                pixels, digits, java.util.List.of());
    }

    private static org.layerlab.core.preprocess.EncodedSet encoded(Path folder, String split, int limit)
            throws IOException {
        org.layerlab.core.data.IdxReader.Images images = org.layerlab.core.data.IdxReader.readImages(
                folder.resolve(split + "-images-idx3-ubyte.gz"));
        int[] labels = org.layerlab.core.data.IdxReader.readLabels(folder.resolve(split + "-labels-idx1-ubyte.gz"));
        int rows = limit > 0 ? Math.min(limit, images.count()) : images.count();
        int columns = images.height() * images.width();
        float[] features = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            byte[] pixels = images.pixels()[r];
            for (int c = 0; c < columns; c++) {
                features[r * columns + c] = (pixels[c] & 0xff) / 255f;
            }
        }
        return new org.layerlab.core.preprocess.EncodedSet(features, rows, columns,
                java.util.Arrays.copyOf(labels, rows));
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

    /** {@code bench csv}: how fast a large numeric CSV file loads. */
    @Command(name = "csv", mixinStandardHelpOptions = true,
            description = "Generate a numeric CSV file (1,000,000 × 20 by default) and time loading it.")
    static final class Csv implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--rows", description = "Rows to generate (default: 1000000).")
        int rows = 1_000_000;

        @Option(names = "--columns", description = "Columns to generate (default: 20).")
        int columns = 20;

        @Option(names = "--repeat", description = "Timed loads after one warm-up load (default: 5).")
        int repeat = 5;

        @Option(names = "--file", description = "Load this file instead of generating one.")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path data = file;
            Path folder = null;
            if (data == null) {
                folder = Files.createTempDirectory("layerlab-bench");
                data = folder.resolve("numbers.csv");
                generate(data, rows, columns);
            }
            try {
                long bytes = Files.size(data);
                out.printf(Locale.ROOT, "File: %s (%,.1f MB)%n", data, bytes / 1e6);
                Table table = CsvReader.read(data); // warm-up: lets the JIT compile the parser
                double[] millis = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    long start = System.nanoTime();
                    table = CsvReader.read(data);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    out.printf(Locale.ROOT, "  load %d: %,.0f ms%n", i + 1, millis[i]);
                    out.flush();
                }
                Arrays.sort(millis);
                double median = millis[repeat / 2];
                out.printf(Locale.ROOT, "%,d rows × %d columns: median %,.0f ms (best %,.0f ms) = %,.0f rows/s, %,.0f MB/s%n",
                        table.rowCount(), table.columnCount(), median, millis[0], table.rowCount() / (median / 1e3),
                        bytes / 1e6 / (median / 1e3));
                return 0;
            } finally {
                if (folder != null) {
                    Files.deleteIfExists(data);
                    Files.deleteIfExists(folder);
                }
            }
        }

        /** Gaussian numbers with five decimals, as a spreadsheet export would write them; fixed seed. */
        static void generate(Path file, int rows, int columns) throws IOException {
            Random random = new Random(1);
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                for (int c = 0; c < columns; c++) {
                    writer.write(c == 0 ? "f0" : ",f" + c);
                }
                writer.newLine();
                StringBuilder line = new StringBuilder();
                for (int r = 0; r < rows; r++) {
                    line.setLength(0);
                    for (int c = 0; c < columns; c++) {
                        if (c > 0) {
                            line.append(',');
                        }
                        line.append(String.format(Locale.ROOT, "%.5f", random.nextGaussian()));
                    }
                    writer.write(line.toString());
                    writer.newLine();
                }
            }
        }
    }

    /** {@code bench images}: how fast an image folder is indexed and decoded. */
    @Command(name = "images", mixinStandardHelpOptions = true,
            description = {"Time indexing and decoding an image folder.",
                    "Without --folder, MNIST's 60,000 training images are first written as PNG files to a temporary "
                            + "folder from the IDX files in --mnist."})
    static final class Images implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--folder", description = "An image folder (one subfolder per class) to measure.")
        Path folder;

        @Option(names = "--mnist", description = "Folder with MNIST's IDX files (default: ../shared/datasets/mnist/idx).")
        Path mnist = Path.of("../shared/datasets/mnist/idx");

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path root = folder;
            Path temporary = null;
            if (root == null) {
                temporary = Files.createTempDirectory("layerlab-mnist-png");
                root = temporary;
                long start = System.nanoTime();
                int written = writeMnistPngs(mnist, temporary);
                out.printf(Locale.ROOT, "Wrote %,d MNIST PNGs to %s in %,.1f s%n", written, temporary,
                        (System.nanoTime() - start) / 1e9);
                out.flush();
            }
            try {
                long start = System.nanoTime();
                org.layerlab.core.images.ImageFolder images = org.layerlab.core.images.ImageFolderIndexer.index(root,
                        org.layerlab.core.images.ImageFolderIndexer.Progress.NONE, () -> false);
                double indexSeconds = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "Indexed %,d images in %d classes in %,.2f s (%,.0f images/s)%n",
                        images.imageCount(), images.classNames().size(), indexSeconds,
                        images.imageCount() / indexSeconds);
                java.util.List<org.layerlab.core.images.ImageEntry> all = new java.util.ArrayList<>(images.train());
                all.addAll(images.validation());
                all.addAll(images.test());
                int[] size = org.layerlab.core.imageio.ImageDecoder.size(all.get(0).file());
                start = System.nanoTime();
                for (org.layerlab.core.images.ImageEntry entry : all) {
                    org.layerlab.core.imageio.ImageDecoder.decode(entry.file(), 1, size[0], size[1]);
                }
                double decodeSeconds = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "Decoded %,d images (%d×%d, grayscale) on one thread in %,.2f s (%,.0f images/s)%n",
                        all.size(), size[0], size[1], decodeSeconds, all.size() / decodeSeconds);
                return 0;
            } finally {
                if (temporary != null) {
                    deleteTree(temporary);
                }
            }
        }

        static int writeMnistPngs(Path idxFolder, Path target) throws IOException {
            org.layerlab.core.data.IdxReader.Images images = org.layerlab.core.data.IdxReader.readImages(
                    idxFolder.resolve("train-images-idx3-ubyte.gz"));
            int[] labels = org.layerlab.core.data.IdxReader.readLabels(idxFolder.resolve("train-labels-idx1-ubyte.gz"));
            for (int digit = 0; digit <= 9; digit++) {
                Files.createDirectories(target.resolve(Integer.toString(digit)));
            }
            for (int i = 0; i < images.count(); i++) {
                org.layerlab.core.imageio.ImageDecoder.writeGrayPng(
                        target.resolve(labels[i] + "/" + String.format(Locale.ROOT, "%05d.png", i)),
                        images.pixels()[i], images.height(), images.width());
            }
            return images.count();
        }

        private static void deleteTree(Path root) throws IOException {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** {@code bench serve}: latency and throughput of the prediction server under concurrent clients on loopback. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Measure the prediction server: concurrent clients on 127.0.0.1, p50/p99 latency, requests/s.",
                    "Without --model, a small iris model is trained first."})
    static final class Serve implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", description = "A saved model bundle to serve.")
        Path model;

        @Option(names = "--clients", description = "Concurrent clients (default: 8).")
        int clients = 8;

        @Option(names = "--requests", description = "Requests per client, after 200 warm-up requests (default: 2000).")
        int requests = 2000;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            org.layerlab.core.bundle.ModelBundle bundle = model != null
                    ? org.layerlab.core.bundle.ModelBundleStore.load(model, org.layerlab.core.dl4j.Dl4jModel::load)
                    : trainIris();
            java.util.List<org.layerlab.core.bundle.InputField> schema = bundle.inputSchema();
            StringBuilder body = new StringBuilder("{");
            for (int i = 0; i < schema.size(); i++) {
                org.layerlab.core.bundle.InputField field = schema.get(i);
                body.append(i == 0 ? "" : ",").append('"').append(field.name()).append("\":");
                body.append(field.type() == org.layerlab.core.data.ColumnType.NUMERIC ? "1.5"
                        : "\"" + field.categories().get(0) + "\"");
            }
            String request = body.append('}').toString();
            try (org.layerlab.core.serve.PredictionServer server = org.layerlab.core.serve.PredictionServer.start(
                    bundle, "127.0.0.1", 0, org.layerlab.core.serve.PredictionServer.DEFAULT_MAX_BODY_BYTES)) {
                java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + server.port() + "/predict");
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                        .executor(java.util.concurrent.Executors.newFixedThreadPool(clients)).build();
                runClients(client, uri, request, clients, 200 / clients + 1, null); // warm-up
                long[][] latencies = new long[clients][requests];
                long start = System.nanoTime();
                runClients(client, uri, request, clients, requests, latencies);
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] all = java.util.Arrays.stream(latencies).flatMapToLong(java.util.Arrays::stream).sorted().toArray();
                out.printf(Locale.ROOT, "%d clients × %,d requests on 127.0.0.1: %,.0f requests/s, latency p50 %.2f ms, "
                                + "p99 %.2f ms, max %.2f ms%n", clients, requests, all.length / seconds,
                        all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
                return 0;
            }
        }

        private static void runClients(java.net.http.HttpClient client, java.net.URI uri, String body, int clients,
                                       int requests, long[][] latencies) throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
            try {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int clientIndex = c;
                    done.add(pool.submit(() -> {
                        for (int r = 0; r < requests; r++) {
                            long t = System.nanoTime();
                            java.net.http.HttpResponse<String> response = client.send(
                                    java.net.http.HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                            }
                            if (latencies != null) {
                                latencies[clientIndex][r] = System.nanoTime() - t;
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> future : done) {
                    future.get(10, java.util.concurrent.TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private static org.layerlab.core.bundle.ModelBundle trainIris() {
            org.layerlab.core.project.Project project = org.layerlab.core.project.Project
                    .withDefaults(Path.of("samples/iris/iris.csv").toAbsolutePath(), "species")
                    .withTraining(new org.layerlab.core.train.TrainingConfig(30, 16, 0.01, 42));
            org.layerlab.core.experiment.PreparedExperiment experiment = org.layerlab.core.experiment.PreparedExperiment
                    .prepare(project, CsvReader.read(project.dataFile()));
            org.layerlab.core.train.TrainingResult result = new org.layerlab.core.dl4j.Dl4jTrainer().train(
                    experiment.data(), project.network(), project.training(),
                    org.layerlab.core.train.TrainingListener.NONE, new org.layerlab.core.train.RunControl());
            return experiment.bundle(result.model(), experiment.evaluateOnTest(result.model()));
        }
    }
}
