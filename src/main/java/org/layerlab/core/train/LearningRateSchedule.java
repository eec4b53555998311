package org.layerlab.core.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the learning rate changes during a run: a shape ({@link Kind}) over the epochs, optionally after a linear
 * warm-up. The rate is a pure function of the position in the run ({@link #rateAt}), which the DL4J adapter asks
 * at every iteration, so a resumed run continues the schedule where it was.
 *
 * @param kind         the shape after the warm-up
 * @param decay        STEP: the factor applied every {@code stepEpochs} epochs (e.g. 0.5); EXPONENTIAL: the factor
 *                     applied every epoch (e.g. 0.95); ignored otherwise
 * @param stepEpochs   STEP: epochs between two drops
 * @param warmupEpochs epochs over which the rate rises linearly from almost 0 to the base rate first; 0 = none
 */
public record LearningRateSchedule(Kind kind, double decay, int stepEpochs, int warmupEpochs) {

    /** The shapes a schedule can take. */
    public enum Kind {
        NONE("none", "constant", "The learning rate stays the same for the whole run."),
        STEP("step", "step", "The learning rate drops by a factor every few epochs."),
        EXPONENTIAL("exponential", "exponential", "The learning rate shrinks a little every epoch."),
        COSINE("cosine", "cosine", "The learning rate falls smoothly along a cosine curve to almost 0 by the last "
                + "epoch (Loshchilov & Hutter, 2017, without restarts).");

        private final String id;
        private final String label;
        private final String explanation;

        Kind(String id, String label, String explanation) {
            this.id = id;
            this.label = label;
            this.explanation = explanation;
        }

        public String id() {
            return id;
        }

        public String explanation() {
            return explanation;
        }

        public static Optional<Kind> byId(String id) {
            String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public LearningRateSchedule {
        if (kind == null) {
            kind = Kind.NONE;
        }
        if (!(decay > 0) || decay > 1) {
            throw new IllegalArgumentException("The learning-rate decay factor must be above 0 and at most 1 (e.g. 0.5); "
                    + decay + " is not possible.");
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("The learning rate can drop every 1 or more epochs; " + stepEpochs
                    + " is not possible.");
        }
        if (warmupEpochs < 0 || warmupEpochs > TrainingConfig.MAX_EPOCHS) {
            throw new IllegalArgumentException("Warm-up epochs must be 0 (no warm-up) or more; " + warmupEpochs
                    + " is not possible.");
        }
    }

    /** A constant learning rate. */
    public static LearningRateSchedule none() {
        return new LearningRateSchedule(Kind.NONE, 0.5, 10, 0);
    }

    /** Halves (or multiplies by {@code factor}) the rate every {@code everyEpochs} epochs. */
    public static LearningRateSchedule step(double factor, int everyEpochs) {
        return new LearningRateSchedule(Kind.STEP, factor, everyEpochs, 0);
    }

    /** Multiplies the rate by {@code factor} every epoch. */
    public static LearningRateSchedule exponential(double factor) {
        return new LearningRateSchedule(Kind.EXPONENTIAL, factor, 10, 0);
    }

    /** Cosine decay to almost 0 over the run. */
    public static LearningRateSchedule cosine() {
        return new LearningRateSchedule(Kind.COSINE, 0.5, 10, 0);
    }

    /**
     * Reads a schedule as typed on the command line: {@code none}, {@code step[:FACTOR[:EVERY_EPOCHS]]} (default
     * 0.5 every 10), {@code exponential[:FACTOR]} (default 0.95), {@code cosine}, or {@code warmup[:EPOCHS]} (a
     * constant rate after a warm-up, default 1 epoch). A warm-up can be added to any shape with {@code +}, e.g.
     * {@code cosine+warmup:2}.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static LearningRateSchedule parse(String text) {
        String usage = " Use none, step[:FACTOR[:EVERY]], exponential[:FACTOR], cosine or warmup[:EPOCHS], "
                + "e.g. step:0.5:10 or cosine+warmup:2.";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The learning-rate schedule is empty." + usage);
        }
        LearningRateSchedule schedule = none();
        int warmup = 0;
        for (String part : text.trim().toLowerCase(Locale.ROOT).split("\\+")) {
            String[] pieces = part.trim().split(":");
            try {
                switch (pieces[0]) {
                    case "none", "constant" -> schedule = new LearningRateSchedule(Kind.NONE, schedule.decay,
                            schedule.stepEpochs, 0);
                    case "step" -> schedule = step(pieces.length > 1 ? Double.parseDouble(pieces[1]) : 0.5,
                            pieces.length > 2 ? Integer.parseInt(pieces[2]) : 10);
                    case "exponential" -> schedule = exponential(pieces.length > 1 ? Double.parseDouble(pieces[1])
                            : 0.95);
                    case "cosine" -> schedule = cosine();
                    case "warmup", "warm-up" -> warmup = pieces.length > 1 ? Integer.parseInt(pieces[1]) : 1;
                    default -> throw new IllegalArgumentException("'" + pieces[0]
                            + "' is not a learning-rate schedule." + usage);
                }
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("'" + part + "' has a value that is not a number." + usage,
                        notANumber);
            }
        }
        return schedule.withWarmup(warmup);
    }

    public LearningRateSchedule withWarmup(int epochs) {
        return new LearningRateSchedule(kind, decay, stepEpochs, epochs);
    }

    /** Whether the rate never changes. */
    public boolean isConstant() {
        return kind == Kind.NONE && warmupEpochs == 0;
    }

    /**
     * The learning rate at a position in the run.
     *
     * @param baseRate      the configured learning rate
     * @param iteration     minibatches fitted before this one in the whole run, from 0
     * @param epoch         epochs finished before this one, from 0
     * @param totalEpochs   epochs the run has in all (cosine ends there)
     * @param iterationsPerEpoch minibatches per epoch (the warm-up rises per minibatch)
     */
    public double rateAt(double baseRate, long iteration, int epoch, int totalEpochs, int iterationsPerEpoch) {
        long warmupIterations = (long) warmupEpochs * Math.max(1, iterationsPerEpoch);
        if (iteration < warmupIterations) {
            return baseRate * (iteration + 1) / warmupIterations;
        }
        int afterWarmup = Math.max(0, epoch - warmupEpochs);
        return switch (kind) {
            case NONE -> baseRate;
            case STEP -> baseRate * Math.pow(decay, afterWarmup / stepEpochs);
            case EXPONENTIAL -> baseRate * Math.pow(decay, afterWarmup);
            case COSINE -> {
                int span = Math.max(1, totalEpochs - warmupEpochs);
                yield baseRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(afterWarmup, span) / span));
            }
        };
    }

    /** A short description such as "step ×0.5 every 10 epochs, after 2 warm-up epochs". */
    public String describe() {
        String shape = switch (kind) {
            case NONE -> "constant";
            case STEP -> String.format(Locale.ROOT, "step ×%s every %d epoch%s", trim(decay), stepEpochs,
                    stepEpochs == 1 ? "" : "s");
            case EXPONENTIAL -> String.format(Locale.ROOT, "exponential ×%s per epoch", trim(decay));
            case COSINE -> "cosine";
        };
        return warmupEpochs == 0 ? shape : shape + ", after " + warmupEpochs + " warm-up epoch"
                + (warmupEpochs == 1 ? "" : "s");
    }

    private static String trim(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
