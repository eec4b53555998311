package org.layerlab.core.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TableReader;
import org.layerlab.core.io.AtomicFiles;

/**
 * Predicts every row of a data file (CSV, TSV or ARFF) with a {@link Predictor} and writes one CSV line per row:
 * row number, predicted class, and each class's probability (for a regression model: row number and the number).
 * Rows are predicted in batches to bound memory; the output is written atomically. Used by {@code layerlab predict} and by the app's batch prediction.
 */
public final class BatchPredictor {
    /** Rows predicted per batch: bounds memory on large files. */
    static final int BATCH = 4096;
    private static final Pattern INPUT = Pattern.compile("^(?:Input (\\d+)|The input) ");

    /** Told after each batch how many rows of the file are predicted so far. */
    @FunctionalInterface
    public interface Progress {
        void rowsDone(int done, int total);
    }

    private BatchPredictor() {
    }

    /**
     * @return the number of rows predicted
     * @throws DataProblem when the file cannot be read, lacks a column the model needs, or has a value the model
     *                     cannot use (the message names the data row)
     * @throws IOException when the predictions cannot be written
     */
    public static int predictFile(Predictor predictor, Path data, Path out, Progress progress) throws IOException {
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
        if (!predictor.isRegression()) {
            for (String name : predictor.classNames()) {
                csv.append(",").append(quote("p(" + name + ")"));
            }
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
                throw new DataProblem(inFileTerms(problem.getMessage(), start, data));
            }
            for (int i = 0; i < predictions.size(); i++) {
                Prediction prediction = predictions.get(i);
                csv.append(start + i + 1).append(',').append(prediction.isValue()
                        ? String.format(Locale.ROOT, "%.6f", prediction.value()) : quote(prediction.label()));
                for (double p : prediction.probabilities().values()) {
                    csv.append(',').append(String.format(Locale.ROOT, "%.6f", p));
                }
                csv.append('\n');
            }
            progress.rowsDone(end, table.rowCount());
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        return table.rowCount();
    }

    /** The predictor numbers the rows of one batch ("Input 3 …"); say which data row of the file it was. */
    private static String inFileTerms(String message, int batchStart, Path data) {
        Matcher matcher = INPUT.matcher(message);
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
