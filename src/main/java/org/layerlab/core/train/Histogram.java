package org.layerlab.core.train;

import java.util.Arrays;

/**
 * How a set of numbers is spread: {@code counts[i]} values fell in the i-th of equal-width bins between {@code min}
 * and {@code max} (the last bin includes {@code max}). Non-finite values are left out. Immutable: the counts are
 * copied in and out, so a histogram is safe to hand to another thread inside a {@link TrainingEvent}.
 */
public record Histogram(double min, double max, int[] counts) {

    /** The number of bins {@link #of(float[])} uses: enough to see a shape, few enough to draw small. */
    public static final int BINS = 30;

    public Histogram {
        counts = counts.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    /** How many values were counted. */
    public long total() {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    /** The lower edge of bin {@code i}. */
    public double binStart(int i) {
        return min + (max - min) * i / counts.length;
    }

    /** The upper edge of bin {@code i}. */
    public double binEnd(int i) {
        return min + (max - min) * (i + 1) / counts.length;
    }

    /** The histogram of {@code values} over {@link #BINS} bins. */
    public static Histogram of(float[] values) {
        return of(values, BINS);
    }

    /** The histogram of {@code values} over {@code bins} equal bins from their smallest to their largest. */
    public static Histogram of(float[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("A histogram needs at least one bin, not " + bins + ".");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float value : values) {
            if (Float.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        int[] counts = new int[bins];
        if (min > max) {
            return new Histogram(Double.NaN, Double.NaN, counts);
        }
        double width = (max - min) / bins;
        for (float value : values) {
            if (Float.isFinite(value)) {
                int bin = width > 0 ? (int) ((value - min) / width) : 0;
                counts[Math.min(bins - 1, Math.max(0, bin))]++;
            }
        }
        return new Histogram(min, max, counts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram that && Double.compare(min, that.min) == 0
                && Double.compare(max, that.max) == 0 && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(min) + Double.hashCode(max)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[min=" + min + ", max=" + max + ", counts=" + Arrays.toString(counts) + "]";
    }
}
