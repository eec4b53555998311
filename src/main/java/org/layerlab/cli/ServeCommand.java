package org.layerlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.layerlab.core.Failures;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.serve.PredictionServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code layerlab serve MODEL}: answers predictions over HTTP until stopped (Ctrl+C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a saved model over HTTP: POST /predict, GET /health, GET /openapi.json.",
                "Stop it with Ctrl+C."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "MODEL_BUNDLE", description = "A model saved by LayerLab (train --save-model).")
    Path model;

    @Option(names = "--port", description = "Port to listen on (default: 8080; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", description = "Address to listen on (default: 127.0.0.1, this computer only).")
    String host = "127.0.0.1";

    @Option(names = "--max-body", paramLabel = "BYTES",
            description = "Largest request accepted (default: 1000000 bytes).")
    long maxBody = PredictionServer.DEFAULT_MAX_BODY_BYTES;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ModelBundle bundle = ModelBundleStore.load(model, Dl4jModel::load);
        PredictionServer server;
        try {
            server = PredictionServer.start(bundle, host, port, maxBody);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The server could not listen on " + host + ":" + port + " ("
                    + Failures.rootCause(e).getMessage() + "). Is another program using that port? Try --port 0 for a free one.");
        }
        out.printf("Serving '%s' (predicts '%s') on http://%s:%d%n", model.getFileName(),
                bundle.info().labelColumn(), host, server.port());
        out.println("  POST /predict   GET /health   GET /openapi.json      (Ctrl+C stops)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
