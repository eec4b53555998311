package org.layerlab.core.train;

/**
 * The smoothed loss drawn over the noisy loss of each minibatch: an exponential moving average with bias correction,
 * as TensorBoard smooths its scalars. The average starts at 0, so its first values would lean towards 0; dividing by
 * {@code 1 - weight^n} (the weight all values so far carry together) removes that lean, and the first smoothed value is
 * the first loss itself.
 *
 * <p>How much it smooths depends on the run's length ({@link #forRun}): about 1% of the planned minibatches, and at
 * least {@value #MIN_WINDOW}. A fixed weight reads well for one length only: TensorBoard's default of 0.6 averages
 * about 2.5 values, which hides nothing in a run of 20,000 minibatches, while 0.99 lags far behind the loss in a run
 * of 400. Tying the window to the run means the curve is averaged over the same share of the chart's width
 * (about 20 of its at most 2,000 points) whether the run is short or long; the minimum keeps short runs from
 * following every noisy batch (a batch of 16 rows can cost twice its neighbour).
 *
 * <p>Not thread-safe. Values that are not finite are skipped.
 */
public final class LossSmoothing {
    /** The fewest minibatches the average spans. */
    static final int MIN_WINDOW = 10;
    /** The share of the planned minibatches the average spans in longer runs. */
    static final int RUN_SHARE = 100;

    private final double weight;
    private double average;
    private double carried;

    /**
     * @param weight how much of the previous average each new value keeps, in [0, 1): 0 = no smoothing; 1 - 1/N
     *               averages about the last N values
     */
    public LossSmoothing(double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("The smoothing weight must be at least 0 and below 1; " + weight
                    + " is not possible.");
        }
        this.weight = weight;
    }

    /** The smoothing a run of {@code epochs × iterationsPerEpoch} minibatches is drawn with (see the class comment). */
    public static LossSmoothing forRun(int epochs, int iterationsPerEpoch) {
        return new LossSmoothing(weightFor((long) Math.max(0, epochs) * Math.max(0, iterationsPerEpoch)));
    }

    /** The weight for a run of {@code plannedIterations} minibatches: 1 - 1/N, N = max(10, 1% of them). */
    public static double weightFor(long plannedIterations) {
        long window = Math.max(MIN_WINDOW, plannedIterations / RUN_SHARE);
        return 1 - 1.0 / window;
    }

    public double weight() {
        return weight;
    }

    /** Takes in the next loss and returns the smoothed loss up to it (NaN before the first finite one). */
    public double add(double loss) {
        if (Double.isFinite(loss)) {
            average = weight * average + (1 - weight) * loss;
            carried = weight * carried + (1 - weight);
        }
        return value();
    }

    /** The smoothed loss so far; NaN before the first finite value. */
    public double value() {
        return carried > 0 ? average / carried : Double.NaN;
    }

    /** Forgets every value (a new run). */
    public void reset() {
        average = 0;
        carried = 0;
    }
}
