package org.layerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.core.bundle.BatchPredictor;
import org.layerlab.core.bundle.ImagePredictor;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.data.DataProblem;
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

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The rows to predict (CSV, TSV or ARFF), or for a model of images a folder of images (or one image).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "predictions.csv", description = "Where to write the predictions.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ModelBundle bundle = ModelBundleStore.load(model, Dl4jModel::load);
        if (bundle.takesImages()) {
            ImagePredictor.FolderResult result = new ImagePredictor(bundle).predictFolder(data, out, (done, all) -> { });
            console.printf(Locale.ROOT, "Predicted %,d images with '%s'; wrote %s%n", result.predicted(),
                    model.getFileName(), out);
            if (!result.unreadable().isEmpty()) {
                console.printf(Locale.ROOT, "%,d file%s could not be read as an image (their lines have no "
                                + "prediction): %s%s%n", result.unreadable().size(),
                        result.unreadable().size() == 1 ? "" : "s",
                        String.join(", ", result.unreadable().subList(0, Math.min(10, result.unreadable().size()))),
                        result.unreadable().size() > 10 ? " …" : "");
            }
            return 0;
        }
        if (Files.isDirectory(data)) {
            throw new DataProblem("'" + model.getFileName() + "' was trained on a table, so it predicts the rows of a "
                    + "data file, not a folder of images.");
        }
        int rows = BatchPredictor.predictFile(new Predictor(bundle), data, out, (done, total) -> { });
        console.printf(Locale.ROOT, "Predicted %,d rows with '%s'; wrote %s%n", rows, model.getFileName(), out);
        return 0;
    }
}
