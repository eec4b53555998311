package org.layerlab.core.evaluate;

import java.util.List;

/**
 * Classification metrics from a confusion matrix whose rows are the actual classes and columns the
 * predicted ones. A class that is never predicted has precision 0 (and one never present, recall 0), the
 * convention scikit-learn uses with {@code zero_division=0}.
 */
public record Evaluation(List<String> classes, int[][] confusion) {
    public Evaluation {
        classes = List.copyOf(classes);
        if (confusion.length != classes.size()) {
            throw new IllegalArgumentException("confusion matrix must be " + classes.size() + " × " + classes.size());
        }
    }

    /** Builds the confusion matrix from actual and predicted class indices. */
    public static Evaluation of(List<String> classes, int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual vs " + predicted.length + " predicted");
        }
        int[][] confusion = new int[classes.size()][classes.size()];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        return new Evaluation(classes, confusion);
    }

    public int total() {
        int total = 0;
        for (int[] row : confusion) {
            for (int count : row) {
                total += count;
            }
        }
        return total;
    }

    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        int total = total();
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Of the rows predicted as class {@code c}, the share that really are. */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the rows that really are class {@code c}, the share predicted as such. */
    public double recall(int c) {
        int actual = 0;
        for (int count : confusion[c]) {
            actual += count;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** Harmonic mean of precision and recall. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int support(int c) {
        int actual = 0;
        for (int count : confusion[c]) {
            actual += count;
        }
        return actual;
    }

    public double macroPrecision() {
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            sum += precision(c);
        }
        return sum / classes.size();
    }

    public double macroRecall() {
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            sum += recall(c);
        }
        return sum / classes.size();
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            sum += f1(c);
        }
        return sum / classes.size();
    }

    /** Precision averaged over classes weighted by their number of rows (scikit-learn's "weighted"). */
    public double weightedPrecision() {
        return weighted(this::precision);
    }

    public double weightedRecall() {
        return weighted(this::recall);
    }

    public double weightedF1() {
        return weighted(this::f1);
    }

    private double weighted(java.util.function.IntToDoubleFunction metric) {
        int total = total();
        if (total == 0) {
            return 0;
        }
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            sum += metric.applyAsDouble(c) * support(c);
        }
        return sum / total;
    }
}
