package org.layerlab.core.explore;

import org.layerlab.core.data.NumericColumn;

/**
 * Equal-width bins over a numeric column's range; missing values are counted apart. The bin count follows the
 * Freedman–Diaconis rule (bin width 2·IQR·n^(−1/3)), kept between 1 and {@link #MAX_BINS}; a column of whole numbers
 * with a small range gets one bin per value.
 *
 * @param edges  {@code counts.length + 1} bin edges, ascending; bin i is [edges[i], edges[i+1]) (the last one closed)
 */
public record Histogram(double[] edges, int[] counts, int missing) {
    public static final int MAX_BINS = 50;

    public static Histogram of(NumericColumn column) {
        double[] values = java.util.Arrays.stream(column.values()).filter(v -> !Double.isNaN(v)).toArray();
        int missing = column.size() - values.length;
        if (values.length == 0) {
            return new Histogram(new double[] {0, 1}, new int[] {0}, missing);
        }
        java.util.Arrays.sort(values);
        double min = values[0];
        double max = values[values.length - 1];
        if (min == max) {
            return new Histogram(new double[] {min - 0.5, max + 0.5}, new int[] {values.length}, missing);
        }
        int bins;
        boolean wholeNumbers = java.util.Arrays.stream(values).allMatch(v -> v == Math.rint(v));
        if (wholeNumbers && max - min < MAX_BINS) {
            bins = (int) (max - min) + 1;
            min -= 0.5;
            max += 0.5;
        } else {
            double iqr = quantile(values, 0.75) - quantile(values, 0.25);
            double width = 2 * iqr / Math.cbrt(values.length);
            bins = width > 0 ? (int) Math.ceil((max - min) / width) : (int) Math.ceil(Math.log(values.length) / Math.log(2)) + 1;
            bins = Math.max(1, Math.min(MAX_BINS, bins));
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        int[] counts = new int[bins];
        for (double v : values) {
            int bin = (int) ((v - min) / (max - min) * bins);
            counts[Math.min(bins - 1, Math.max(0, bin))]++;
        }
        return new Histogram(edges, counts, missing);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    public int binCount() {
        return counts.length;
    }
}
