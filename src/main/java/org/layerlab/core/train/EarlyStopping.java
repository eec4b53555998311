package org.layerlab.core.train;

/**
 * Stops a run once the watched validation metric has not improved for {@code patience} epochs in a row, and keeps
 * the network as it was at its best epoch. Patience 0 turns it off. Without validation rows the training split's
 * metric is watched instead.
 */
public record EarlyStopping(Metric metric, int patience) {

    /** What "better" is measured by. */
    public enum Metric {
        VAL_LOSS("val_loss", "validation loss"),
        VAL_ACCURACY("val_accuracy", "validation accuracy");

        private final String id;
        private final String label;

        Metric(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public static java.util.Optional<Metric> byId(String id) {
            for (Metric metric : values()) {
                if (metric.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                    return java.util.Optional.of(metric);
                }
            }
            return java.util.Optional.empty();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public EarlyStopping {
        if (metric == null) {
            metric = Metric.VAL_LOSS;
        }
        if (patience < 0 || patience > TrainingConfig.MAX_EPOCHS) {
            throw new IllegalArgumentException("Early-stopping patience is a number of epochs: 0 (off) or more, such "
                    + "as 5; " + patience + " is not possible.");
        }
    }

    public static EarlyStopping off() {
        return new EarlyStopping(Metric.VAL_LOSS, 0);
    }

    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Metric.VAL_LOSS, patience);
    }

    public boolean enabled() {
        return patience > 0;
    }

    /** Whether {@code candidate} is better than {@code best} for this metric (NaN is never better). */
    public boolean isImprovement(double candidate, double best) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return metric == Metric.VAL_LOSS ? candidate < best : candidate > best;
    }

    /** The watched value of an epoch; the training split's when there is no validation. */
    public double valueOf(TrainingEvent.EpochEnded epoch) {
        return switch (metric) {
            case VAL_LOSS -> Double.isNaN(epoch.validationLoss()) ? epoch.trainLoss() : epoch.validationLoss();
            case VAL_ACCURACY -> Double.isNaN(epoch.validationAccuracy()) ? epoch.trainAccuracy()
                    : epoch.validationAccuracy();
        };
    }
}
