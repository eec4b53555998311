package org.layerlab.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every number a run's charts are drawn from, kept in full (the charts show a thinned-out copy): the loss and
 * learning rate of each minibatch, each epoch's metrics, and where the learning rate was changed by hand. Written
 * out as one CSV table for a spreadsheet, with the smoothed loss the chart draws ({@link LossSmoothing}, worked out
 * again as the table is written rather than kept: it follows from the losses). Not thread-safe: fill it from one
 * thread.
 */
public final class TrainingCurves {
    private long[] iterations = new long[1024];
    private int[] epochNumbers = new int[1024];
    private double[] losses = new double[1024];
    private double[] rates = new double[1024];
    private int size;
    private final List<TrainingEvent.EpochEnded> epochs = new ArrayList<>();
    private final List<TrainingEvent.LearningRateChanged> changes = new ArrayList<>();
    /** The global iteration at which each epoch in {@link #epochs} ended. */
    private final List<Long> epochEnds = new ArrayList<>();
    /** The smoothing of the run's length, as the loss chart uses (set by {@link TrainingEvent.RunStarted}). */
    private double smoothingWeight = LossSmoothing.weightFor(0);

    /** Takes in the events that carry curve points; others are ignored. */
    public void add(TrainingEvent event) {
        if (event instanceof TrainingEvent.RunStarted started) {
            clear();
            smoothingWeight = LossSmoothing.forRun(started.epochs(), started.iterationsPerEpoch()).weight();
        } else if (event instanceof TrainingEvent.IterationDone done) {
            if (size == iterations.length) {
                int grown = size * 2;
                iterations = Arrays.copyOf(iterations, grown);
                epochNumbers = Arrays.copyOf(epochNumbers, grown);
                losses = Arrays.copyOf(losses, grown);
                rates = Arrays.copyOf(rates, grown);
            }
            iterations[size] = done.globalIteration();
            epochNumbers[size] = done.epoch();
            losses[size] = done.loss();
            rates[size] = done.learningRate();
            size++;
        } else if (event instanceof TrainingEvent.EpochEnded ended) {
            epochs.add(ended);
            epochEnds.add(size > 0 ? iterations[size - 1] : 0L);
        } else if (event instanceof TrainingEvent.LearningRateChanged changed) {
            changes.add(changed);
        }
    }

    public void clear() {
        size = 0;
        epochs.clear();
        epochEnds.clear();
        changes.clear();
    }

    public int iterationCount() {
        return size;
    }

    public List<TrainingEvent.EpochEnded> epochs() {
        return List.copyOf(epochs);
    }

    /** A copy that can be written out on another thread while this one keeps filling. */
    public TrainingCurves copy() {
        TrainingCurves copy = new TrainingCurves();
        copy.iterations = Arrays.copyOf(iterations, Math.max(1, size));
        copy.epochNumbers = Arrays.copyOf(epochNumbers, Math.max(1, size));
        copy.epochEnds.addAll(epochEnds);
        copy.losses = Arrays.copyOf(losses, Math.max(1, size));
        copy.rates = Arrays.copyOf(rates, Math.max(1, size));
        copy.size = size;
        copy.smoothingWeight = smoothingWeight;
        copy.epochs.addAll(epochs);
        copy.changes.addAll(changes);
        return copy;
    }

    /**
     * The curves as CSV: a header, then one row per minibatch ({@code kind} = iteration), one per epoch
     * ({@code kind} = epoch, at the minibatch that ended it; a regression run has {@code train_mae,val_mae} where a
     * classification run has {@code train_accuracy,val_accuracy}) and one per learning-rate change ({@code kind} =
     * learning_rate_change, at the last minibatch before it), in the order they happened. Unmeasured values are empty.
     * The last column, {@code smoothed_loss}, is the smoothed loss of each minibatch row as the loss chart draws it;
     * it comes last so that tables read by column position before it was added still read the same.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(64 + size * 40 + epochs.size() * 80);
        // A regression run measures mean absolute error where a classification run measures accuracy.
        boolean regression = !epochs.isEmpty() && epochs.get(0).isRegression();
        csv.append("kind,iteration,epoch,loss,learning_rate,train_loss,val_loss,")
                .append(regression ? "train_mae,val_mae" : "train_accuracy,val_accuracy").append(",smoothed_loss\n");
        LossSmoothing smoothing = new LossSmoothing(smoothingWeight);
        int epochIndex = 0;
        int changeIndex = 0;
        for (int i = 0; i <= size; i++) {
            long upTo = i < size ? iterations[i] : Long.MAX_VALUE;
            // Rows that happened after the previous minibatch and before this one.
            while (true) {
                long epochAt = epochIndex < epochs.size() ? epochEnds.get(epochIndex) : Long.MAX_VALUE;
                long changeAt = changeIndex < changes.size() ? changes.get(changeIndex).globalIteration()
                        : Long.MAX_VALUE;
                if (Math.min(epochAt, changeAt) >= upTo || Math.min(epochAt, changeAt) == Long.MAX_VALUE) {
                    break;
                }
                if (epochAt <= changeAt) {
                    TrainingEvent.EpochEnded epoch = epochs.get(epochIndex++);
                    csv.append("epoch,").append(epochAt).append(',').append(epoch.epoch()).append(",,")
                            .append(number(epoch.learningRate())).append(',').append(number(epoch.trainLoss()))
                            .append(',').append(number(epoch.validationLoss())).append(',')
                            .append(number(regression ? epoch.trainMeanAbsoluteError() : epoch.trainAccuracy()))
                            .append(',').append(number(regression ? epoch.validationMeanAbsoluteError()
                                    : epoch.validationAccuracy())).append(",\n");
                } else {
                    TrainingEvent.LearningRateChanged change = changes.get(changeIndex++);
                    csv.append("learning_rate_change,").append(changeAt).append(',').append(change.epoch())
                            .append(",,").append(number(change.newRate())).append(",,,,,\n");
                }
            }
            if (i < size) {
                csv.append("iteration,").append(iterations[i]).append(',').append(epochNumbers[i]).append(',')
                        .append(number(losses[i])).append(',').append(number(rates[i])).append(",,,,,")
                        .append(number(Double.isFinite(losses[i]) ? smoothing.add(losses[i]) : Double.NaN))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.8g", value).trim() : "";
    }
}
