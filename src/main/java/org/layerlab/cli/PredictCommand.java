package org.layerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.layerlab.core.bundle.BundleProblem;
import org.layerlab.core.bundle.InputField;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Prediction;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TableReader;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.io.AtomicFiles;
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
    /** Rows predicted per batch: bounds memory on large files. */
    private static final int BATCH = 4096;

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
        Predictor predictor = new Predictor(bundle);
        Table table = TableReader.read(data);
        List<String> missing = new ArrayList<>();
        for (InputField field : predictor.schema()) {
            if (table.find(field.name()).isEmpty()) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new DataProblem("'" + data.getFileName() + "' lacks the column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " that the model needs. Its columns are: "
                    + String.join(", ", table.columnNames()) + ".");
        }
        StringBuilder csv = new StringBuilder("row,predicted");
        for (String name : bundle.classNames()) {
            csv.append(",").append(quote("p(" + name + ")"));
        }
        csv.append('\n');
        for (int start = 0; start < table.rowCount(); start += BATCH) {
            int end = Math.min(table.rowCount(), start + BATCH);
            List<Map<String, Object>> rows = new ArrayList<>(end - start);
            for (int r = start; r < end; r++) {
                Map<String, Object> row = new HashMap<>();
                for (InputField field : predictor.schema()) {
                    Column column = table.column(field.name());
                    row.put(field.name(), column.isMissing(r) ? null
                            : column instanceof NumericColumn numbers ? (Object) numbers.value(r) : column.text(r));
                }
                rows.add(row);
            }
            List<Prediction> predictions;
            try {
                predictions = predictor.predictAll(rows);
            } catch (BundleProblem problem) {
                throw new DataProblem(inFileTerms(problem.getMessage(), start));
            }
            for (int i = 0; i < predictions.size(); i++) {
                Prediction prediction = predictions.get(i);
                csv.append(start + i + 1).append(',').append(quote(prediction.label()));
                for (double p : prediction.probabilities().values()) {
                    csv.append(',').append(String.format(Locale.ROOT, "%.6f", p));
                }
                csv.append('\n');
            }
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        console.printf(Locale.ROOT, "Predicted %,d rows with '%s'; wrote %s%n", table.rowCount(), model.getFileName(), out);
        return 0;
    }

    /** The predictor numbers the rows of one batch ("Input 3 …"); say which data row of the file it was. */
    private String inFileTerms(String message, int batchStart) {
        Matcher matcher = Pattern.compile("^(?:Input (\\d+)|The input) ").matcher(message);
        if (!matcher.find()) {
            return message;
        }
        int row = batchStart + (matcher.group(1) == null ? 1 : Integer.parseInt(matcher.group(1)));
        return "Data row " + row + " of '" + data.getFileName() + "' " + message.substring(matcher.end());
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
