package org.layerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.core.bundle.BatchPredictor;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.dl4j.Dl4jModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code layerlab predict MODEL --data FILE --out predictions.csv}: predicts every row of a table with a saved model
 * and writes one line per row: row number, predicted class, and each class's probability.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict every row of a data file with a saved model; write the predictions as CSV.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "MODEL_BUNDLE", description = "A model saved by LayerLab (train --save-model).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The rows to predict (CSV, TSV or ARFF).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "predictions.csv", description = "Where to write the predictions.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ModelBundle bundle = ModelBundleStore.load(model, Dl4jModel::load);
        int rows = BatchPredictor.predictFile(new Predictor(bundle), data, out, (done, total) -> { });
        console.printf(Locale.ROOT, "Predicted %,d rows with '%s'; wrote %s%n", rows, model.getFileName(), out);
        return 0;
    }
}
