package org.layerlab.core.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;

/**
 * The real iris data ({@code samples/iris/iris.csv}), read with plain Java so these tests do not depend on the
 * core CSV reader: 4 numeric features standardized with the training split's mean and deviation, and a
 * stratified split by position within each class (every 5th row, from the first, to test; every 10th, from the
 * second, to validation).
 */
final class IrisFixture {
    static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

    private IrisFixture() {
    }

    static Path csv() {
        return Path.of(System.getProperty("layerlab.samples", "samples"), "iris", "iris.csv");
    }

    /** Train 105 rows, validation 15, test 30, each with every class equally. */
    static PreparedData prepared() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        read(rows, labels);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        Map<Integer, Integer> seenPerClass = new HashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            int position = seenPerClass.merge(labels.get(row), 1, Integer::sum) - 1;
            if (position % 5 == 0) {
                test.add(row);
            } else if (position % 10 == 1) {
                validation.add(row);
            } else {
                train.add(row);
            }
        }
        double[] mean = new double[FEATURES.size()];
        double[] deviation = new double[FEATURES.size()];
        for (int c = 0; c < mean.length; c++) {
            for (int row : train) {
                mean[c] += rows.get(row)[c];
            }
            mean[c] /= train.size();
            for (int row : train) {
                deviation[c] += Math.pow(rows.get(row)[c] - mean[c], 2);
            }
            deviation[c] = Math.sqrt(deviation[c] / train.size());
        }
        return new PreparedData(encode(rows, labels, train, mean, deviation),
                encode(rows, labels, validation, mean, deviation), encode(rows, labels, test, mean, deviation),
                FEATURES, CLASSES, List.of());
    }

    /** The same data with an empty validation split. */
    static PreparedData withoutValidation() {
        PreparedData data = prepared();
        return new PreparedData(data.train(), new EncodedSet(new float[0], 0, FEATURES.size(), new int[0]),
                data.test(), FEATURES, CLASSES, List.of());
    }

    private static void read(List<float[]> rows, List<Integer> labels) {
        try {
            List<String> lines = Files.readAllLines(csv(), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                float[] values = new float[FEATURES.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = Float.parseFloat(cells[c].trim());
                }
                int label = CLASSES.indexOf(cells[FEATURES.size()].trim());
                if (label < 0) {
                    throw new IllegalStateException("Unknown species in " + line);
                }
                rows.add(values);
                labels.add(label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EncodedSet encode(List<float[]> rows, List<Integer> labels, List<Integer> chosen,
                                     double[] mean, double[] deviation) {
        int columns = mean.length;
        float[] features = new float[chosen.size() * columns];
        int[] classes = new int[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            float[] row = rows.get(chosen.get(i));
            for (int c = 0; c < columns; c++) {
                features[i * columns + c] = (float) ((row[c] - mean[c]) / deviation[c]);
            }
            classes[i] = labels.get(chosen.get(i));
        }
        return new EncodedSet(features, chosen.size(), columns, classes);
    }
}
