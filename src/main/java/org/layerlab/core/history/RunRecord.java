package org.layerlab.core.history;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;

/**
 * One finished run: what it was trained with, how it went epoch by epoch, how it ended and how it did on the test
 * split.
 *
 * @param number     counts from 1 within the session; {@link #name()} is "Run " + number
 * @param network    a one-line description of the network (see {@link RunHistory#describe})
 * @param epochs     one entry per finished epoch
 * @param evaluation the classification metrics on the test split; null for regression or when none were measured
 * @param regression the regression metrics on the test split; null for classification or when none were measured
 */
public record RunRecord(int number, Instant started, TrainingConfig config, String network, List<EpochEnded> epochs,
                        Outcome outcome, Evaluation evaluation, RegressionEvaluation regression) {
    public RunRecord {
        if (number < 1) {
            throw new IllegalArgumentException("Runs are numbered from 1; " + number + " is not possible.");
        }
        epochs = List.copyOf(epochs);
        network = network == null ? "" : network;
    }

    public String name() {
        return "Run " + number;
    }

    /** True when the run predicted numbers (its epochs measure mean absolute error instead of accuracy). */
    public boolean isRegression() {
        return regression != null || (!epochs.isEmpty() && epochs.get(epochs.size() - 1).isRegression());
    }

    /** True when test metrics were measured, so that the run can be compared. */
    public boolean hasTestMetrics() {
        return evaluation != null || regression != null;
    }

    /** The last epoch's validation accuracy (classification) or mean absolute error (regression); NaN if none. */
    public double finalValidationMetric() {
        if (epochs.isEmpty()) {
            return Double.NaN;
        }
        EpochEnded last = epochs.get(epochs.size() - 1);
        return last.isRegression() ? last.validationMeanAbsoluteError() : last.validationAccuracy();
    }

    /** The settings on one line, e.g. "ADAM, lr 0.01, batch 32, 5 epochs, seed 42 · Dense 16 → Output 3". */
    public String settingsSummary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s, lr %s, batch %d, %d epochs, seed %d",
                config.optimizer(), plain(config.learningRate()), config.batchSize(), config.epochs(), config.seed()));
        if (config.l2() > 0) {
            text.append(", L2 ").append(plain(config.l2()));
        }
        if (config.earlyStopping().patience() > 0) {
            text.append(", early stopping ").append(config.earlyStopping().patience());
        }
        if (!network.isBlank()) {
            text.append(" · ").append(network);
        }
        return text.toString();
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
