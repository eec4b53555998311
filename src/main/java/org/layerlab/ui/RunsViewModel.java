package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layerlab.core.history.RunRecord;
import org.layerlab.core.train.TrainingEvent.EpochEnded;

/**
 * The project's runs as a list to tick, and the curves of the ticked runs overlaid: validation loss, and validation
 * accuracy (or mean absolute error for regression) per epoch, one series per run named after it.
 *
 * <p>The series are built off the UI thread (a run may have up to {@value org.layerlab.core.train.TrainingConfig#MAX_EPOCHS}
 * epochs; longer runs are thinned to {@value #MAX_POINTS_PER_RUN} points) and swapped in on the UI thread in one go.
 */
public final class RunsViewModel {
    /** More points than this per run would not show on a chart a few hundred pixels wide. */
    static final int MAX_POINTS_PER_RUN = 1_000;

    private final Executor ui;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final XYSeriesCollection lossOverlay = new XYSeriesCollection();
    private final XYSeriesCollection metricOverlay = new XYSeriesCollection();
    /** Bumped on every change of the ticks, so that series built for an older choice are dropped. */
    private long generation;

    /** One run in the list, with its tick. */
    public static final class Row {
        private final RunRecord run;
        private final BooleanProperty ticked = new SimpleBooleanProperty(this, "ticked");

        Row(RunRecord run) {
            this.run = run;
        }

        public RunRecord run() {
            return run;
        }

        public BooleanProperty tickedProperty() {
            return ticked;
        }

        /** The last epoch's validation accuracy or mean absolute error, for the list. */
        public String finalMetricText() {
            double value = run.finalValidationMetric();
            if (Double.isNaN(value)) {
                return "–";
            }
            return String.format(Locale.ROOT, run.isRegression() ? "MAE %.4g" : "%.3f", value);
        }

        public String outcomeText() {
            return switch (run.outcome()) {
                case COMPLETED -> "completed";
                case STOPPED -> "stopped";
                case FAILED -> "failed";
            };
        }
    }

    /**
     * @param runs the project's runs: added to as runs finish, replaced when a project is opened
     * @param ui   runs the swap of the series on the UI thread
     */
    public RunsViewModel(ObservableList<RunRecord> runs, Executor ui) {
        this.ui = ui;
        runs.forEach(this::addRow);
        runs.addListener((ListChangeListener<RunRecord>) change -> {
            boolean onlyAdded = true;
            while (change.next()) {
                onlyAdded &= !change.wasRemoved() && !change.wasPermutated() && !change.wasUpdated();
            }
            change.reset();
            if (onlyAdded) {
                while (change.next()) {
                    change.getAddedSubList().forEach(this::addRow);
                }
            } else {
                // Another project's runs: start the list afresh, with nothing ticked.
                rows.clear();
                runs.forEach(this::addRow);
                refreshOverlay();
            }
        });
    }

    private void addRow(RunRecord run) {
        Row row = new Row(run);
        row.tickedProperty().addListener((obs, old, ticked) -> refreshOverlay());
        rows.add(row);
    }

    /** Ticks or unticks a run by its number (as a tick box in the list does). */
    public void setTicked(int runNumber, boolean ticked) {
        rows.stream().filter(row -> row.run().number() == runNumber).forEach(row -> row.tickedProperty().set(ticked));
    }

    private void refreshOverlay() {
        long current = ++generation;
        List<RunRecord> ticked = rows.stream().filter(row -> row.tickedProperty().get()).map(Row::run).toList();
        CompletableFuture.supplyAsync(() -> Overlay.of(ticked)).thenAccept(overlay -> ui.execute(() -> {
            if (current == generation) {
                show(overlay);
            }
        }));
    }

    private void show(Overlay overlay) {
        lossOverlay.removeAllSeries();
        metricOverlay.removeAllSeries();
        overlay.loss().forEach(lossOverlay::addSeries);
        overlay.metric().forEach(metricOverlay::addSeries);
    }

    /** Series built off the UI thread; not yet part of any chart, so nobody listens to them. */
    record Overlay(List<XYSeries> loss, List<XYSeries> metric) {
        static Overlay of(List<RunRecord> runs) {
            List<XYSeries> loss = new ArrayList<>();
            List<XYSeries> metric = new ArrayList<>();
            for (RunRecord run : runs) {
                XYSeries runLoss = new XYSeries(run.name(), false, true);
                XYSeries runMetric = new XYSeries(run.name(), false, true);
                List<EpochEnded> epochs = run.epochs();
                int step = Math.max(1, (epochs.size() + MAX_POINTS_PER_RUN - 1) / MAX_POINTS_PER_RUN);
                for (int i = 0; i < epochs.size(); i++) {
                    // Thinning keeps every step-th epoch and always the last, where the run ended.
                    if (i % step != 0 && i != epochs.size() - 1) {
                        continue;
                    }
                    EpochEnded epoch = epochs.get(i);
                    if (Double.isFinite(epoch.validationLoss())) {
                        runLoss.add(epoch.epoch(), epoch.validationLoss(), false);
                    }
                    double value = epoch.isRegression() ? epoch.validationMeanAbsoluteError()
                            : epoch.validationAccuracy();
                    if (Double.isFinite(value)) {
                        runMetric.add(epoch.epoch(), value, false);
                    }
                }
                loss.add(runLoss);
                metric.add(runMetric);
            }
            return new Overlay(loss, metric);
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Validation loss per epoch, one series per ticked run, in the order of the list. */
    public XYSeriesCollection lossOverlay() {
        return lossOverlay;
    }

    /** Validation accuracy (or MAE) per epoch, one series per ticked run, in the order of the list. */
    public XYSeriesCollection metricOverlay() {
        return metricOverlay;
    }
}
