package org.layerlab.core.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.LayerStats;
import org.layerlab.core.train.TrainingEvent.RunStarted;

/**
 * Reads a run's events and says in plain words what looks wrong and what to try, as a teacher looking at the charts
 * would. Pure logic over the event stream (no engine, no clock), so it can be fed a made-up history in a test.
 * Each kind of hint is given at most once per run, when its evidence first holds.
 *
 * <p>The signals: a training loss that rises (learning rate too high), a validation loss that climbs while the
 * training loss keeps falling (overfitting), a training loss that barely moves (learning rate too low), per-layer
 * update:parameter ratios far from the usual 1e-3 (Karpathy's rule of thumb from CS231n), and ReLU layers most of
 * whose units output 0 for every row ("dying ReLU", Maas et al. 2013 and CS231n).
 */
public final class TrainingDoctor {
    /** Epochs of flat loss before "too low" is said. */
    static final int FLAT_EPOCHS = 5;
    /** Epochs of validation loss above its best, with training loss still falling, before "overfitting" is said. */
    static final int OVERFIT_EPOCHS = 5;
    /** Above this update:parameter ratio a layer moves too much per step; below {@link #RATIO_LOW}, too little. */
    static final double RATIO_HIGH = 1e-2;
    static final double RATIO_LOW = 1e-5;
    /** Ratio samples per layer to take the median of (the first one, the very first step, is skipped). */
    static final int RATIO_SAMPLES = 5;
    /** Minibatches the smoothed loss needs before a rise within the first epochs is trusted. */
    static final int SMOOTHING_WARMUP = 30;
    /** Above this share of dead units a ReLU layer is called mostly dead ("most of its units"). */
    static final double DEAD_SHARE = 0.5;
    /**
     * Measurements in a row, per layer, that must all be above {@link #DEAD_SHARE}. One measurement looks at one
     * minibatch, and in a small one (16 rows) a unit that fires for few rows can be 0 for all of them by chance;
     * three different minibatches in a row make that unlikely.
     */
    static final int DEAD_SAMPLES = 3;

    /** What a hint is about. */
    public enum Kind {
        LEARNING_RATE_TOO_HIGH, OVERFITTING, LEARNING_RATE_TOO_LOW, UPDATES_TOO_LARGE, UPDATES_TOO_SMALL, DEAD_UNITS
    }

    /** One piece of advice, given after {@code epoch} epochs (0 = during the first epoch). */
    public record Hint(Kind kind, int epoch, String message) {
    }

    private final List<Hint> hints = new ArrayList<>();
    private final Set<Kind> given = EnumSet.noneOf(Kind.class);
    private final List<EpochEnded> epochs = new ArrayList<>();
    private final LayerWindows ratios = new LayerWindows(RATIO_SAMPLES);
    private final LayerWindows deadShares = new LayerWindows(DEAD_SAMPLES);
    private double smoothedLoss = Double.NaN;
    private double lowestSmoothedLoss = Double.NaN;
    private long iterations;
    private double learningRate = Double.NaN;

    /** Reads one event; returns the hints it gave rise to (usually none). */
    public List<Hint> on(TrainingEvent event) {
        List<Hint> added = new ArrayList<>();
        if (event instanceof RunStarted) {
            reset();
        } else if (event instanceof IterationDone iteration) {
            onIteration(iteration, added);
        } else if (event instanceof EpochEnded epoch) {
            onEpoch(epoch, added);
        } else if (event instanceof LayerStats stats) {
            onLayerStats(stats, added);
        } else if (event instanceof TrainingEvent.LayerDistributions distributions) {
            onLayerDistributions(distributions, added);
        } else if (event instanceof TrainingEvent.LearningRateChanged changed) {
            learningRate = changed.newRate();
        }
        return added;
    }

    /** Every hint given so far in this run, oldest first. */
    public List<Hint> hints() {
        return List.copyOf(hints);
    }

    private void reset() {
        hints.clear();
        given.clear();
        epochs.clear();
        ratios.clear();
        deadShares.clear();
        smoothedLoss = Double.NaN;
        lowestSmoothedLoss = Double.NaN;
        iterations = 0;
        learningRate = Double.NaN;
    }

    private void onIteration(IterationDone iteration, List<Hint> added) {
        if (Double.isFinite(iteration.learningRate())) {
            learningRate = iteration.learningRate();
        }
        if (!Double.isFinite(iteration.loss())) {
            return;
        }
        iterations++;
        // An exponential moving average over about 20 minibatches: single noisy batches do not count.
        smoothedLoss = Double.isNaN(smoothedLoss) ? iteration.loss() : 0.95 * smoothedLoss + 0.05 * iteration.loss();
        if (iterations < SMOOTHING_WARMUP) {
            return;
        }
        if (Double.isNaN(lowestSmoothedLoss) || smoothedLoss < lowestSmoothedLoss) {
            lowestSmoothedLoss = smoothedLoss;
        } else if (smoothedLoss > 2 * lowestSmoothedLoss && smoothedLoss - lowestSmoothedLoss > 0.05) {
            give(Kind.LEARNING_RATE_TOO_HIGH, epochs.size(), String.format(Locale.ROOT,
                    "The loss is rising (from %.3f to %.3f, averaged over recent batches): the learning rate is "
                            + "probably too high. %s", lowestSmoothedLoss, smoothedLoss, tryLower()), added);
        }
    }

    private void onEpoch(EpochEnded epoch, List<Hint> added) {
        epochs.add(epoch);
        if (Double.isFinite(epoch.learningRate())) {
            learningRate = epoch.learningRate();
        }
        int n = epochs.size();
        if (n >= 3) {
            double before = epochs.get(n - 3).trainLoss();
            double middle = epochs.get(n - 2).trainLoss();
            double now = epochs.get(n - 1).trainLoss();
            double lowest = epochs.stream().mapToDouble(EpochEnded::trainLoss).min().orElse(now);
            if (before < middle && middle < now && now > 1.05 * lowest) {
                give(Kind.LEARNING_RATE_TOO_HIGH, epoch.epoch(), String.format(Locale.ROOT,
                        "The training loss has risen for two epochs in a row (now %.3f, lowest %.3f): the learning "
                                + "rate is probably too high. %s", now, lowest, tryLower()), added);
            }
        }
        checkOverfitting(epoch, added);
        if (n >= FLAT_EPOCHS) {
            double first = epochs.get(0).trainLoss();
            double windowStart = epochs.get(n - FLAT_EPOCHS).trainLoss();
            double now = epochs.get(n - 1).trainLoss();
            boolean flat = Math.abs(windowStart - now) < 0.01 * windowStart;
            double lowest = epochs.stream().mapToDouble(EpochEnded::trainLoss).min().orElse(now);
            // Stuck where it started, not stuck after a too-high rate threw it off (that is the other hint).
            boolean barelyLearned = now > 0.9 * first && now < 1.05 * lowest;
            if (flat && barelyLearned && !given.contains(Kind.LEARNING_RATE_TOO_HIGH)) {
                give(Kind.LEARNING_RATE_TOO_LOW, epoch.epoch(), String.format(Locale.ROOT,
                        "The training loss has hardly moved for %d epochs (%.3f) and is still close to where it "
                                + "started: the learning rate is probably too low. %s", FLAT_EPOCHS, now, tryHigher()),
                        added);
            }
        }
    }

    private void checkOverfitting(EpochEnded epoch, List<Hint> added) {
        int bestIndex = -1;
        for (int i = 0; i < epochs.size(); i++) {
            double loss = epochs.get(i).validationLoss();
            if (Double.isFinite(loss) && (bestIndex < 0 || loss < epochs.get(bestIndex).validationLoss())) {
                bestIndex = i;
            }
        }
        if (bestIndex < 0 || epochs.size() - 1 - bestIndex < OVERFIT_EPOCHS) {
            return;
        }
        EpochEnded best = epochs.get(bestIndex);
        double trainNow = epoch.trainLoss();
        boolean trainStillFalling = trainNow < 0.95 * best.trainLoss();
        boolean validationClearlyWorse = epoch.validationLoss() > 1.1 * best.validationLoss();
        if (trainStillFalling && validationClearlyWorse) {
            give(Kind.OVERFITTING, epoch.epoch(), String.format(Locale.ROOT,
                    "The validation loss has risen since epoch %d (%.3f → %.3f) while the training loss keeps falling: "
                            + "the network is memorising the training rows instead of learning the pattern "
                            + "(overfitting). Try early stopping, dropout between the layers, an L2 penalty such as "
                            + "0.0001, or a smaller network.", best.epoch(), best.validationLoss(),
                    epoch.validationLoss()), added);
        }
    }

    private void onLayerStats(LayerStats stats, List<Hint> added) {
        if (!Double.isFinite(stats.updateRatio())) {
            return;
        }
        // The very first step of an adaptive optimizer is large by design: LayerWindows leaves it out.
        Deque<Double> recent = ratios.add(stats.layer(), stats.updateRatio());
        if (recent == null) {
            return;
        }
        double median = recent.stream().sorted().skip(RATIO_SAMPLES / 2).findFirst().orElseThrow();
        if (median > RATIO_HIGH) {
            give(Kind.UPDATES_TOO_LARGE, epochs.size(), String.format(Locale.ROOT,
                    "Layer '%s' changes its weights by about %s of their size at every step; about 0.001 is "
                            + "healthy. Such big steps make training jumpy. %s", stats.layer(), percent(median),
                    tryLower()), added);
        } else if (median < RATIO_LOW) {
            give(Kind.UPDATES_TOO_SMALL, epochs.size(), String.format(Locale.ROOT,
                    "Layer '%s' barely changes (its weights move by about %.1e of their size per step; about 0.001 is "
                            + "healthy), so it learns very slowly. %s If it uses ReLU, its units may have died: "
                            + "try leaky ReLU.", stats.layer(), median, tryHigher()), added);
        }
    }

    /**
     * A ReLU layer most of whose units output 0 for every row in {@link #DEAD_SAMPLES} measurements in a row. The
     * layer's first measurement (after the very first minibatch) is left out, as {@link #onLayerStats} does: it shows
     * the starting weights, and an unlucky start that training soon mends is not worth a hint.
     */
    private void onLayerDistributions(TrainingEvent.LayerDistributions distributions, List<Hint> added) {
        if (!Double.isFinite(distributions.deadUnitFraction())) {
            return; // not a ReLU layer
        }
        Deque<Double> recent = deadShares.add(distributions.layer(), distributions.deadUnitFraction());
        if (recent == null || recent.stream().anyMatch(share -> share <= DEAD_SHARE)) {
            return;
        }
        give(Kind.DEAD_UNITS, epochs.size(), String.format(Locale.ROOT,
                "%s of the units in layer '%s' have “died”: they output 0 for every row. A ReLU unit "
                        + "outputs 0 whenever its input is negative, and then its weights are not corrected any more, "
                        + "so a unit whose input has become negative for every row stops learning for good. The usual "
                        + "cause is a learning rate that is too high. "
                        + "%s Or, in step 2 (Network), give this layer the Leaky ReLU activation, which lets a little "
                        + "of negative values through so that units can recover; or try other initial weights (He "
                        + "suits ReLU).", wholePercent(distributions.deadUnitFraction()),
                distributions.layer(), tryLower()), added);
    }

    /**
     * Each layer's latest measurements of one signal, its first measurement left out (it shows the starting weights, or
     * an adaptive optimizer's first step, which is large by design).
     */
    private static final class LayerWindows {
        private final int size;
        private final Map<String, Integer> seen = new HashMap<>();
        private final Map<String, Deque<Double>> recent = new HashMap<>();

        LayerWindows(int size) {
            this.size = size;
        }

        /** Adds a measurement; returns the layer's last {@code size} measurements once it has that many, else null. */
        Deque<Double> add(String layer, double value) {
            if (seen.merge(layer, 1, Integer::sum) == 1) {
                return null;
            }
            Deque<Double> window = recent.computeIfAbsent(layer, name -> new ArrayDeque<>());
            window.addLast(value);
            if (window.size() > size) {
                window.removeFirst();
            }
            return window.size() < size ? null : window;
        }

        void clear() {
            seen.clear();
            recent.clear();
        }
    }

    private void give(Kind kind, int epoch, String message, List<Hint> added) {
        if (given.add(kind)) {
            Hint hint = new Hint(kind, epoch, message);
            hints.add(hint);
            added.add(hint);
        }
    }

    private String tryLower() {
        return Double.isFinite(learningRate) ? "Try a learning rate 10× smaller (" + plain(learningRate / 10) + ")."
                : "Try a learning rate 10× smaller.";
    }

    private String tryHigher() {
        return Double.isFinite(learningRate) ? "Try a learning rate 10× larger (" + plain(learningRate * 10) + ")."
                : "Try a learning rate 10× larger.";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    private static String wholePercent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String plain(double value) {
        return new BigDecimal(value).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
