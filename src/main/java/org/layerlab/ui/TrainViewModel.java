package org.layerlab.ui;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.train.TrainedModel;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingEvent.RunFinished;
import org.layerlab.core.train.TrainingEvent.RunStarted;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;
import org.layerlab.core.train.TrainingRun;
import org.layerlab.core.train.TrainingService;

/**
 * The Train step: the training settings as typed, the Train/Stop intents, and what a run shows while it goes.
 *
 * <p>Training events arrive on the training thread; the listener only queues them. A {@link Ticker} on the UI
 * thread {@link #drain() drains} the queue a bounded number of times per second, appends to the chart series in
 * one batch and fires one change per chart. The ticker runs only while a run is going.
 */
public final class TrainViewModel {
    /** At most this many loss points per run; longer runs plot the average of each block of iterations. */
    static final int MAX_LOSS_POINTS = 2_000;
    /** The app drains events at most this often (ms): plenty for the eye, cheap for the CPU. */
    static final long DRAIN_INTERVAL_MILLIS = 100;

    private final ProjectViewModel shared;
    private final Ticker ticker;
    private final ConcurrentLinkedQueue<TrainingEvent> events = new ConcurrentLinkedQueue<>();

    private final XYSeries loss = new XYSeries("loss per iteration", false, true);
    private final XYSeries trainAccuracy = new XYSeries("training", false, true);
    private final XYSeries validationAccuracy = new XYSeries("validation", false, true);
    private final XYSeriesCollection lossData = new XYSeriesCollection(loss);
    private final XYSeriesCollection accuracyData = new XYSeriesCollection();

    private final StringProperty epochsText = new SimpleStringProperty(this, "epochsText");
    private final StringProperty batchSizeText = new SimpleStringProperty(this, "batchSizeText");
    private final StringProperty learningRateText = new SimpleStringProperty(this, "learningRateText");
    private final StringProperty seedText = new SimpleStringProperty(this, "seedText");
    private final ObjectProperty<Field> invalidField = new SimpleObjectProperty<>(this, "invalidField");
    private final ReadOnlyStringWrapper configProblem = new ReadOnlyStringWrapper(this, "configProblem", "");

    private final BooleanProperty stopping = new SimpleBooleanProperty(this, "stopping");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ReadOnlyStringWrapper epochText = new ReadOnlyStringWrapper(this, "epochText", "Not started");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    private final ReadOnlyStringWrapper metricsText = new ReadOnlyStringWrapper(this, "metricsText", "");
    private final ReadOnlyStringWrapper runStatus = new ReadOnlyStringWrapper(this, "runStatus", "");
    private final ObjectProperty<RunState> runState = new SimpleObjectProperty<>(this, "runState", RunState.IDLE);
    private final ReadOnlyStringWrapper testAccuracyText = new ReadOnlyStringWrapper(this, "testAccuracyText", "");

    private final StringBinding blockedReason;
    private final BooleanBinding trainDisabled;
    private final BooleanBinding stopDisabled;

    private TrainingRun run;
    /** The last run whose end was shown (its regression metrics may follow). */
    private TrainingRun finishedRun;
    private int epochs;
    private int iterationsPerEpoch;
    private int lossBlock = 1;
    private double blockSum;
    private int blockCount;
    private long lastIteration;
    private boolean syncing;

    /** What the run status line means, for its colour. */
    public enum RunState { IDLE, RUNNING, COMPLETED, STOPPED, FAILED }

    /** The settings fields, to mark the one that is wrong. */
    public enum Field { EPOCHS, BATCH_SIZE, LEARNING_RATE, SEED }

    /**
     * @param tickers makes the ticker that drains events, given the drain task (the app: {@link FxPulseTicker})
     */
    public TrainViewModel(ProjectViewModel shared, Function<Runnable, Ticker> tickers) {
        this.shared = shared;
        this.ticker = tickers.apply(this::drain);
        accuracyData.addSeries(trainAccuracy);
        accuracyData.addSeries(validationAccuracy);

        showConfig(shared.trainingProperty().get());
        shared.trainingProperty().addListener((obs, old, config) -> {
            if (!syncing) {
                showConfig(config);
            }
        });
        for (StringProperty field : new StringProperty[] {epochsText, batchSizeText, learningRateText, seedText}) {
            field.addListener((obs, old, text) -> onConfigEdited());
        }
        shared.experimentProperty().addListener((obs, old, experiment) -> {
            if (experiment == null && !shared.trainingRunningProperty().get()) {
                clearRunDisplay();
            }
        });

        shared.imageExperimentProperty().addListener((obs, old, images) -> {
            if (!shared.trainingRunningProperty().get() && (images == null || old == null
                    || images.folder() != old.folder())) {
                clearRunDisplay();
            }
        });

        blockedReason = Bindings.createStringBinding(this::computeBlockedReason, shared.tableProperty(),
                shared.experimentProperty(), shared.imageExperimentProperty(), shared.preparingProperty(), shared.dataProblemProperty(),
                configProblem, shared.backendProperty(), shared.trainingRunningProperty(), shared.networkProperty());
        trainDisabled = shared.trainingRunningProperty().or(blockedReason.isNotEmpty());
        stopDisabled = shared.trainingRunningProperty().not().or(stopping);
    }

    // ---------------------------------------------------------------- user intents

    /** Starts a run with the current data, network and settings; does nothing when {@link #blockedReason} says why not. */
    public void train() {
        if (trainDisabled.get()) {
            return;
        }
        PreparedData data = shared.preparedData();
        // An image folder's experiment or a table's: both measure the model on their test split.
        Function<TrainedModel, Evaluation> evaluateOnTest = shared.getImageExperiment() != null
                ? shared.getImageExperiment()::evaluateOnTest : shared.getExperiment()::evaluateOnTest;
        NetworkGraph network = shared.networkProperty().get();
        TrainingConfig config = shared.trainingProperty().get();
        clearRunDisplay();
        events.clear();
        shared.evaluationProperty().set(null);
        shared.regressionResultProperty().set(null);
        shared.trainingResultProperty().set(null);
        shared.trainingRunningProperty().set(true);
        stopping.set(false);
        progress.set(-1); // indeterminate until the run reports its size
        epochText.set("Starting…");
        runState.set(RunState.RUNNING);
        runStatus.set("Starting the training…");
        shared.statusProperty().set("Training started.");

        TrainingRun started = new TrainingService(new DeferredTrainer(shared.trainerFactory()::get))
                .start(data, network, config, events::add);
        run = started;
        ticker.start();
        started.result().whenComplete((result, failure) -> {
            // Still on the training thread: evaluating uses the engine, so it stays off the UI thread too.
            Evaluation evaluation = null;
            RegressionResult regression = null;
            String evaluationProblem = "";
            if (failure == null && result != null && result.model() != null && result.outcome() != Outcome.FAILED
                    && result.epochsCompleted() > 0) {
                try {
                    if (data.isRegression()) {
                        regression = RegressionResult.of(shared.getExperiment(), result.model());
                    } else {
                        evaluation = evaluateOnTest.apply(result.model());
                    }
                } catch (RuntimeException | LinkageError problem) {
                    evaluationProblem = UserMessages.of(problem);
                }
            }
            Evaluation measured = evaluation;
            RegressionResult measuredValues = regression;
            String problem = evaluationProblem;
            shared.ui().execute(() -> {
                finish(started, result, failure, measured, problem);
                if (measuredValues != null && finishedRun == started) {
                    shared.regressionResultProperty().set(measuredValues);
                    testAccuracyText.set(String.format(Locale.ROOT, "Test R² %.3f · mean absolute error %.4g",
                            measuredValues.metrics().r2(), measuredValues.metrics().meanAbsoluteError()));
                }
            });
        });
    }

    /** Asks the run to stop after the current minibatch; the model as it stands is kept and evaluated. */
    public void stop() {
        if (run == null || stopping.get()) {
            return;
        }
        stopping.set(true);
        run.stop();
        runStatus.set("Stopping…");
        shared.statusProperty().set("Stopping the training…");
    }

    /** Stops a run without waiting, when the window closes. */
    public void shutdown() {
        if (run != null) {
            run.stop();
        }
        ticker.stop();
    }

    // ---------------------------------------------------------------- events

    /** Moves queued events into the charts and labels. UI thread only. */
    public void drain() {
        if (events.isEmpty()) {
            return;
        }
        boolean lossChanged = false;
        boolean accuracyChanged = false;
        TrainingEvent event;
        while ((event = events.poll()) != null) {
            if (event instanceof IterationDone iteration) {
                lossChanged |= onIteration(iteration);
            } else if (event instanceof EpochEnded epoch) {
                accuracyChanged |= onEpoch(epoch);
            } else if (event instanceof RunStarted started) {
                onStarted(started);
            } else if (event instanceof RunFinished) {
                lossChanged |= flushLossBlock();
            }
        }
        // Points were added without notification; one change per chart means one redraw per chart.
        if (lossChanged) {
            loss.fireSeriesChanged();
        }
        if (accuracyChanged) {
            trainAccuracy.fireSeriesChanged();
            validationAccuracy.fireSeriesChanged();
        }
    }

    private void onStarted(RunStarted started) {
        epochs = started.epochs();
        iterationsPerEpoch = Math.max(1, started.iterationsPerEpoch());
        long total = (long) epochs * iterationsPerEpoch;
        lossBlock = (int) Math.max(1, (total + MAX_LOSS_POINTS - 1) / MAX_LOSS_POINTS);
        blockSum = 0;
        blockCount = 0;
        progress.set(0);
        epochText.set("Epoch 0 / " + epochs);
        runStatus.set(String.format("Training on %,d rows with %,d parameters%s.", started.trainSamples(),
                started.parameterCount(), started.backend().isBlank() ? "" : ", on " + started.backend()));
    }

    private boolean onIteration(IterationDone iteration) {
        if (epochs > 0) {
            double done = (iteration.epoch() - 1) + Math.min(1.0, (double) iteration.iteration() / iterationsPerEpoch);
            progress.set(Math.min(1.0, done / epochs));
        }
        if (!Double.isFinite(iteration.loss())) {
            return false;
        }
        blockSum += iteration.loss();
        blockCount++;
        lastIteration = iteration.globalIteration();
        if (blockCount >= lossBlock) {
            return flushLossBlock();
        }
        return false;
    }

    private boolean flushLossBlock() {
        if (blockCount == 0) {
            return false;
        }
        loss.add(lastIteration, blockSum / blockCount, false);
        blockSum = 0;
        blockCount = 0;
        return true;
    }

    private boolean onEpoch(EpochEnded epoch) {
        epochs = epoch.epochs();
        progress.set(Math.min(1.0, (double) epoch.epoch() / epoch.epochs()));
        epochText.set("Epoch " + epoch.epoch() + " / " + epoch.epochs());
        if (shared.trainingRunningProperty().get() && !stopping.get()) {
            shared.statusProperty().set("Training: epoch " + epoch.epoch() + " of " + epoch.epochs() + ".");
        }
        speedText.set(String.format("%,.0f samples/s · %s", epoch.samplesPerSecond(), duration(epoch.elapsedMillis())));
        StringBuilder metrics = new StringBuilder();
        if (epoch.isRegression()) {
            metrics.append(String.format(Locale.ROOT, "Loss %.4f · training mean absolute error %.4g", epoch.trainLoss(),
                    epoch.trainMeanAbsoluteError()));
            if (Double.isFinite(epoch.validationMeanAbsoluteError())) {
                metrics.append(String.format(Locale.ROOT, " · validation %.4g", epoch.validationMeanAbsoluteError()));
            }
            metricsText.set(metrics.toString());
            return false;
        }
        metrics.append(String.format(Locale.ROOT, "Loss %.4f · training accuracy %.3f", epoch.trainLoss(),
                epoch.trainAccuracy()));
        if (Double.isFinite(epoch.validationAccuracy())) {
            metrics.append(String.format(Locale.ROOT, " · validation accuracy %.3f", epoch.validationAccuracy()));
        }
        metricsText.set(metrics.toString());
        boolean changed = false;
        if (Double.isFinite(epoch.trainAccuracy())) {
            trainAccuracy.add(epoch.epoch(), epoch.trainAccuracy(), false);
            changed = true;
        }
        if (Double.isFinite(epoch.validationAccuracy())) {
            validationAccuracy.add(epoch.epoch(), epoch.validationAccuracy(), false);
            changed = true;
        }
        return changed;
    }

    private void finish(TrainingRun finished, TrainingResult result, Throwable failure, Evaluation evaluation,
                        String evaluationProblem) {
        if (finished != run) {
            return;
        }
        finishedRun = finished;
        drain();
        ticker.stop();
        run = null;
        stopping.set(false);
        shared.trainingRunningProperty().set(false);
        if (failure != null || result == null) {
            String message = failure == null ? "The training ended without a result." : UserMessages.of(failure);
            fail(message);
            return;
        }
        shared.trainingResultProperty().set(result);
        int done = result.epochsCompleted();
        switch (result.outcome()) {
            case COMPLETED -> {
                progress.set(1);
                runState.set(RunState.COMPLETED);
                runStatus.set("Finished " + done + (done == 1 ? " epoch" : " epochs") + ".");
                shared.statusProperty().set("Training finished: " + done + (done == 1 ? " epoch" : " epochs") + ".");
            }
            case STOPPED -> {
                runState.set(RunState.STOPPED);
                String text = "Stopped after " + done + " of " + Math.max(epochs, done) + " epochs.";
                runStatus.set(text + (evaluation == null ? "" : " The model as it stood is evaluated."));
                shared.statusProperty().set("Training stopped after " + done + " of " + Math.max(epochs, done)
                        + " epochs.");
            }
            case FAILED -> {
                fail(result.message() == null || result.message().isBlank()
                        ? "The training failed." : result.message());
                return;
            }
        }
        if (evaluation != null) {
            shared.evaluationProperty().set(evaluation);
            testAccuracyText.set(String.format(Locale.ROOT, "Test accuracy: %.3f", evaluation.accuracy()));
        } else if (!evaluationProblem.isBlank()) {
            shared.showError("The model could not be measured on the test rows. " + evaluationProblem);
        }
    }

    private void fail(String message) {
        runState.set(RunState.FAILED);
        runStatus.set(message);
        shared.statusProperty().set("Training failed.");
        shared.showError(message);
    }

    private void clearRunDisplay() {
        loss.clear();
        trainAccuracy.clear();
        validationAccuracy.clear();
        progress.set(0);
        epochText.set("Not started");
        speedText.set("");
        metricsText.set("");
        runStatus.set("");
        runState.set(RunState.IDLE);
        testAccuracyText.set("");
        lastIteration = 0;
        blockSum = 0;
        blockCount = 0;
    }

    // ---------------------------------------------------------------- settings

    private void showConfig(TrainingConfig config) {
        syncing = true;
        try {
            epochsText.set(Integer.toString(config.epochs()));
            batchSizeText.set(Integer.toString(config.batchSize()));
            learningRateText.set(BigDecimal.valueOf(config.learningRate()).stripTrailingZeros().toPlainString());
            seedText.set(Long.toString(config.seed()));
            configProblem.set("");
            invalidField.set(null);
        } finally {
            syncing = false;
        }
    }

    private void onConfigEdited() {
        if (syncing) {
            return;
        }
        TrainingConfig config;
        try {
            int epochCount = parseInt(epochsText.get(), Field.EPOCHS, "Epochs must be a whole number, like 100.");
            int batch = parseInt(batchSizeText.get(), Field.BATCH_SIZE, "Batch size must be a whole number, like 32.");
            double rate = parseDouble(learningRateText.get());
            long seed = parseLong(seedText.get());
            config = shared.trainingProperty().get().withBasics(epochCount, batch, rate, seed);
        } catch (FieldProblem problem) {
            invalidField.set(problem.field);
            configProblem.set(problem.getMessage());
            return;
        } catch (IllegalArgumentException invalid) {
            invalidField.set(fieldNamedIn(invalid.getMessage()));
            configProblem.set(invalid.getMessage());
            return;
        }
        invalidField.set(null);
        configProblem.set("");
        syncing = true;
        try {
            shared.trainingProperty().set(config);
        } finally {
            syncing = false;
        }
    }

    private static Field fieldNamedIn(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.startsWith("epochs")) {
            return Field.EPOCHS;
        }
        if (lower.startsWith("batch")) {
            return Field.BATCH_SIZE;
        }
        if (lower.contains("learning rate")) {
            return Field.LEARNING_RATE;
        }
        return null;
    }

    private static int parseInt(String text, Field field, String message) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new FieldProblem(field, message);
        }
    }

    private static double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.trim().replace(',', '.'));
            if (Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new FieldProblem(Field.LEARNING_RATE, "The learning rate must be a number, like 0.01.");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new FieldProblem(Field.SEED, "The seed must be a whole number, like 42. The same seed gives the "
                    + "same starting weights.");
        }
    }

    private static final class FieldProblem extends RuntimeException {
        private final Field field;

        FieldProblem(Field field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private String computeBlockedReason() {
        if (shared.trainingRunningProperty().get()) {
            return "";
        }
        if (shared.getTable() == null && shared.getImageExperiment() == null) {
            return "Open a data file first (step 1, Data).";
        }
        if (shared.preparingProperty().get()) {
            return "Preparing the data…";
        }
        if (shared.preparedData() == null) {
            String problem = shared.dataProblemProperty().get();
            return "The data is not ready yet" + (problem == null || problem.isBlank() ? "." : ": " + problem);
        }
        if (!configProblem.get().isEmpty()) {
            return configProblem.get();
        }
        // Shape inference is cheap (well under a millisecond for a few dozen layers), so it can run on each change.
        PreparedData prepared = shared.preparedData();
        if (prepared.inputCount() > 0 && prepared.classCount() > 0) {
            String networkProblem = ShapeInference.analyse(shared.networkProperty().get(), prepared.signature())
                    .firstError().orElse("");
            if (!networkProblem.isEmpty()) {
                return "The network cannot train yet (step 2, Network): " + networkProblem;
            }
        }
        BackendInfo backend = shared.backendProperty().get();
        if (backend != null && "none".equals(backend.kind())) {
            return "Training is not possible on this computer. " + backend.explanation();
        }
        return "";
    }

    static String duration(long millis) {
        long seconds = millis / 1000;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /**
     * Makes the real trainer on the training thread, so that nothing engine-related (class loading, native
     * start-up) happens on the UI thread when Train is pressed.
     */
    private record DeferredTrainer(java.util.function.Supplier<Trainer> factory) implements Trainer {
        @Override
        public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                    TrainingListener listener, RunControl control) {
            return factory.get().train(data, network, config, listener, control);
        }

        @Override
        public BackendInfo backend() {
            return factory.get().backend();
        }
    }

    // ---------------------------------------------------------------- properties

    public XYSeriesCollection lossData() {
        return lossData;
    }

    public XYSeriesCollection accuracyData() {
        return accuracyData;
    }

    public StringProperty epochsTextProperty() {
        return epochsText;
    }

    public StringProperty batchSizeTextProperty() {
        return batchSizeText;
    }

    public StringProperty learningRateTextProperty() {
        return learningRateText;
    }

    public StringProperty seedTextProperty() {
        return seedText;
    }

    public ObjectProperty<Field> invalidFieldProperty() {
        return invalidField;
    }

    public ReadOnlyStringProperty configProblemProperty() {
        return configProblem.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty epochTextProperty() {
        return epochText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty metricsTextProperty() {
        return metricsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runStatusProperty() {
        return runStatus.getReadOnlyProperty();
    }

    public ObjectProperty<RunState> runStateProperty() {
        return runState;
    }

    public ReadOnlyStringProperty testAccuracyTextProperty() {
        return testAccuracyText.getReadOnlyProperty();
    }

    /** Why Train is off (for its tooltip and the hint beside it); empty when training can start. */
    public StringBinding blockedReasonProperty() {
        return blockedReason;
    }

    public BooleanBinding trainDisabledProperty() {
        return trainDisabled;
    }

    public BooleanBinding stopDisabledProperty() {
        return stopDisabled;
    }

    public BooleanProperty stoppingProperty() {
        return stopping;
    }

    public ProjectViewModel shared() {
        return shared;
    }
}
