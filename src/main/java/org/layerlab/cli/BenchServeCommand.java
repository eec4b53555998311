package org.layerlab.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.layerlab.core.bundle.InputField;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.project.Project;
import org.layerlab.core.serve.PredictionServer;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench serve}: latency and throughput of the prediction server under concurrent clients on loopback. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Measure the prediction server: concurrent clients on 127.0.0.1, p50/p99 latency, requests/s.",
                "Without --model, a small iris model is trained first."})
public final class BenchServeCommand implements Callable<Integer> {
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
        ModelBundle bundle = model != null
                ? ModelBundleStore.load(model, Dl4jModel::load)
                : trainIris();
        List<InputField> schema = bundle.inputSchema();
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < schema.size(); i++) {
            InputField field = schema.get(i);
            body.append(i == 0 ? "" : ",").append('"').append(field.name()).append("\":");
            body.append(field.type() == ColumnType.NUMERIC ? "1.5"
                    : "\"" + field.categories().get(0) + "\"");
        }
        String request = body.append('}').toString();
        try (PredictionServer server = PredictionServer.start(
                bundle, "127.0.0.1", 0, PredictionServer.DEFAULT_MAX_BODY_BYTES)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/predict");
            HttpClient client = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(clients)).build();
            runClients(client, uri, request, clients, 200 / clients + 1, null); // warm-up
            long[][] latencies = new long[clients][requests];
            long start = System.nanoTime();
            runClients(client, uri, request, clients, requests, latencies);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            out.printf(Locale.ROOT, "%d clients × %,d requests on 127.0.0.1: %,.0f requests/s, latency p50 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms%n", clients, requests, all.length / seconds,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
            return 0;
        }
    }

    private static void runClients(HttpClient client, URI uri, String body, int clients,
                                   int requests, long[][] latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientIndex = c;
                done.add(pool.submit(() -> {
                    for (int r = 0; r < requests; r++) {
                        long t = System.nanoTime();
                        HttpResponse<String> response = client.send(
                                HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
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
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ModelBundle trainIris() {
        Project project = Project
                .withDefaults(Path.of("samples/iris/iris.csv").toAbsolutePath(), "species")
                .withTraining(new TrainingConfig(30, 16, 0.01, 42));
        PreparedExperiment experiment = PreparedExperiment
                .prepare(project, CsvReader.read(project.dataFile()));
        TrainingResult result = new Dl4jTrainer().train(
                experiment.data(), project.network(), project.training(),
                TrainingListener.NONE, new RunControl());
        return experiment.bundle(result.model(), experiment.evaluateOnTest(result.model()));
    }
}
