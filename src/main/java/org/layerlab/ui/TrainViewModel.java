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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.graph.WeightInit;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.CheckpointStore;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.Eta;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.LossSmoothing;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.TrainingCurves;
import org.layerlab.core.train.TrainingDoctor;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.preprocess.TableAugmentation;
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

    /** Each minibatch's loss (the average of each block of them in a long run), drawn light under the smoothed one. */
    private final XYSeries loss = new XYSeries("per batch", false, true);
    /** The smoothed loss ({@link LossSmoothing} over every minibatch) at the same iterations as {@link #loss}. */
    private final XYSeries smoothedLoss = new XYSeries("smoothed", false, true);
    /** Each epoch's loss on the whole training and validation splits, at the iteration that ended the epoch. */
    private final XYSeries trainLossPerEpoch = new XYSeries("training per epoch", false, true);
    private final XYSeries validationLoss = new XYSeries("validation per epoch", false, true);
    private final XYSeries trainAccuracy = new XYSeries("training", false, true);
    private final XYSeries validationAccuracy = new XYSeries("validation", false, true);
    /** In this order, which is also the order the loss chart draws and lists them: raw, smoothed, per epoch. */
    private final XYSeriesCollection lossData = new XYSeriesCollection(loss);
    /** The learning rate of each minibatch, thinned as the loss is: the rate of each block's last minibatch. */
    private final XYSeries learningRate = new XYSeries("learning rate", false, true);
    private final XYSeriesCollection learningRateData = new XYSeriesCollection(learningRate);
    private final XYSeriesCollection accuracyData = new XYSeriesCollection();
    /** One series per trainable layer: its update:parameter ratio, thinned like the loss. */
    private final XYSeriesCollection layerUpdateData = new XYSeriesCollection();
    private final java.util.Map<String, XYSeries> layerUpdates = new java.util.LinkedHashMap<>();
    private int layerStatsBlock = 1;
    private long layerStatsSeen;
    /** The latest weight and activation spreads of each layer; one layer at a time is drawn in "Layer detail". */
    private final java.util.Map<String, TrainingEvent.LayerDistributions> latestDistributions =
            new java.util.LinkedHashMap<>();
    private final javafx.collections.ObservableList<String> distributionLayers =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<String> distributionLayer = new SimpleObjectProperty<>(this, "distributionLayer");
    private final org.jfree.data.xy.XYIntervalSeries weightBins = new org.jfree.data.xy.XYIntervalSeries("weights");
    private final org.jfree.data.xy.XYIntervalSeries activationBins =
            new org.jfree.data.xy.XYIntervalSeries("activations");
    private final org.jfree.data.xy.XYIntervalSeriesCollection weightHistogramData =
            new org.jfree.data.xy.XYIntervalSeriesCollection();
    private final org.jfree.data.xy.XYIntervalSeriesCollection activationHistogramData =
            new org.jfree.data.xy.XYIntervalSeriesCollection();
    private final StringProperty activationText = new SimpleStringProperty(this, "activationText", "");
    /** When the chosen layer's distributions were measured, for the tooltip (the line beside the layer is short). */
    private final StringProperty distributionsMeasuredText =
            new SimpleStringProperty(this, "distributionsMeasuredText", "");

    private final StringProperty epochsText = new SimpleStringProperty(this, "epochsText");
    private final StringProperty batchSizeText = new SimpleStringProperty(this, "batchSizeText");
    private final StringProperty learningRateText = new SimpleStringProperty(this, "learningRateText");
    private final StringProperty seedText = new SimpleStringProperty(this, "seedText");
    private final ObjectProperty<Optimizer> optimizer = new SimpleObjectProperty<>(this, "optimizer", Optimizer.ADAM);
    private final ObjectProperty<LearningRateSchedule.Kind> scheduleKind =
            new SimpleObjectProperty<>(this, "scheduleKind", LearningRateSchedule.Kind.NONE);
    private final ObjectProperty<WeightInit> weightInit = new SimpleObjectProperty<>(this, "weightInit", WeightInit.AUTO);
    private final StringProperty warmupText = new SimpleStringProperty(this, "warmupText");
    private final StringProperty l2Text = new SimpleStringProperty(this, "l2Text");
    private final StringProperty clipText = new SimpleStringProperty(this, "clipText");
    private final StringProperty patienceText = new SimpleStringProperty(this, "patienceText");
    private final ObjectProperty<EarlyStopping.Metric> earlyStoppingMetric =
            new SimpleObjectProperty<>(this, "earlyStoppingMetric", EarlyStopping.Metric.VAL_LOSS);
    private final ObjectProperty<Field> invalidField = new SimpleObjectProperty<>(this, "invalidField");
    private final ReadOnlyStringWrapper configProblem = new ReadOnlyStringWrapper(this, "configProblem", "");

    private final BooleanProperty stopping = new SimpleBooleanProperty(this, "stopping");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ReadOnlyStringWrapper epochText = new ReadOnlyStringWrapper(this, "epochText", "Not started");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    private final ReadOnlyStringWrapper metricsText = new ReadOnlyStringWrapper(this, "metricsText", "");
    /** True while the epoch chart shows mean absolute error (a regression run) rather than accuracy. */
    private final BooleanProperty epochChartShowsError = new SimpleBooleanProperty(this, "epochChartShowsError");
    private final ReadOnlyStringWrapper runStatus = new ReadOnlyStringWrapper(this, "runStatus", "");
    private final ObjectProperty<RunState> runState = new SimpleObjectProperty<>(this, "runState", RunState.IDLE);
    private final ReadOnlyStringWrapper testAccuracyText = new ReadOnlyStringWrapper(this, "testAccuracyText", "");
    private final ReadOnlyStringWrapper iterationText = new ReadOnlyStringWrapper(this, "iterationText", "");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "");
    private final ReadOnlyStringWrapper bestEpochText = new ReadOnlyStringWrapper(this, "bestEpochText", "");
    private final ReadOnlyStringWrapper checkpointText = new ReadOnlyStringWrapper(this, "checkpointText", "");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final StringProperty liveLearningRateText = new SimpleStringProperty(this, "liveLearningRateText", "");
    private final ReadOnlyStringWrapper liveLearningRateProblem =
            new ReadOnlyStringWrapper(this, "liveLearningRateProblem", "");
    /** Plain-language advice from the {@link TrainingDoctor}, newest last. */
    private final ObservableList<String> hints = FXCollections.observableArrayList();
    /** Iterations (x on the loss chart) where the learning rate was changed by hand. */
    private final ObservableList<Double> learningRateMarks = FXCollections.observableArrayList();
    /** The latest complete checkpoint of the open project, if any: what "Resume" offers. */
    private final ObjectProperty<java.nio.file.Path> resumableCheckpoint =
            new SimpleObjectProperty<>(this, "resumableCheckpoint");
    private final ReadOnlyStringWrapper resumeText = new ReadOnlyStringWrapper(this, "resumeText", "");
    /** The state saved with {@link #resumableCheckpoint}: its settings are the ones a resumed run keeps. */
    private org.layerlab.core.train.Checkpoint resumableState;
    /** Said when a resumed run starts: which of the form's settings it does not take; "" for a fresh run. */
    private String resumeNote = "";
    private final TrainingDoctor doctor = new TrainingDoctor();
    private final TrainingCurves curves = new TrainingCurves();
    private final RunsViewModel runs;

    private final StringBinding blockedReason;
    private final BooleanBinding trainDisabled;
    private final BooleanBinding stopDisabled;
    private final BooleanBinding pauseDisabled;
    private final BooleanBinding resumeFromCheckpointDisabled;

    private TrainingRun run;
    /** The last run whose end was shown (its regression metrics may follow). */
    private TrainingRun finishedRun;
    private int epochs;
    private int iterationsPerEpoch;
    private int lossBlock = 1;
    private double blockSum;
    private int blockCount;
    /** Smooths every minibatch's loss, not only the block averages drawn, so the curve does not depend on thinning. */
    private LossSmoothing smoothing = LossSmoothing.forRun(0, 0);
    private double latestSmoothedLoss = Double.NaN;
    /** The learning rate of the latest minibatch of the block being summed; NaN if the trainer does not say. */
    private double blockLearningRate = Double.NaN;
    private long lastIteration;
    private double lastLearningRate = Double.NaN;
    private boolean syncing;

    /** What the run status line means, for its colour. */
    public enum RunState { IDLE, RUNNING, COMPLETED, STOPPED, FAILED }

    /** The settings fields, to mark the one that is wrong. */
    public enum Field { EPOCHS, BATCH_SIZE, LEARNING_RATE, SEED, WARMUP, L2, CLIP, PATIENCE }

    /**
     * @param tickers makes the ticker that drains events, given the drain task (the app: {@link FxPulseTicker})
     */
    public TrainViewModel(ProjectViewModel shared, Function<Runnable, Ticker> tickers) {
        this.shared = shared;
        this.ticker = tickers.apply(this::drain);
        this.runs = new RunsViewModel(shared.runs(), shared.ui());
        accuracyData.addSeries(trainAccuracy);
        accuracyData.addSeries(validationAccuracy);
        lossData.addSeries(smoothedLoss);
        lossData.addSeries(trainLossPerEpoch);
        lossData.addSeries(validationLoss);
        weightHistogramData.addSeries(weightBins);
        activationHistogramData.addSeries(activationBins);
        // Filling a histogram would redraw its chart once per bin; its redraws go through `redraws` instead.
        weightBins.setNotify(false);
        activationBins.setNotify(false);
        distributionLayer.addListener((obs, old, layer) -> showDistributions());

        showConfig(shared.trainingProperty().get());
        shared.trainingProperty().addListener((obs, old, config) -> {
            if (!syncing) {
                showConfig(config);
            }
        });
        for (StringProperty field : new StringProperty[] {epochsText, batchSizeText, learningRateText, seedText,
            warmupText, l2Text, clipText, patienceText}) {
            field.addListener((obs, old, text) -> onConfigEdited());
        }
        optimizer.addListener((obs, old, value) -> onConfigEdited());
        scheduleKind.addListener((obs, old, value) -> onConfigEdited());
        weightInit.addListener((obs, old, value) -> onConfigEdited());
        earlyStoppingMetric.addListener((obs, old, value) -> onConfigEdited());
        shared.projectFileProperty().addListener((obs, old, file) -> lookForCheckpoint());
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
        pauseDisabled = shared.trainingRunningProperty().not().or(stopping);
        resumeFromCheckpointDisabled = trainDisabled.or(resumableCheckpoint.isNull());
        lookForCheckpoint();
    }

    // ---------------------------------------------------------------- user intents

    /** Starts a run with the current data, network and settings; does nothing when {@link #blockedReason} says why not. */
    public void train() {
        start(null);
    }

    /**
     * Continues the project's last checkpointed run, if there is one, up to the epochs set now but otherwise with the
     * settings it was started with (as {@code layerlab train --resume} does): a run whose batch size, learning rate
     * or seed changed halfway would end differently from one that never stopped. When the form's settings differ,
     * the run status says which ones the resumed run keeps.
     */
    public void resumeFromCheckpoint() {
        if (resumableCheckpoint.get() == null || resumableState == null) {
            return;
        }
        TrainingConfig form = shared.trainingProperty().get();
        TrainingConfig kept = resumableState.config().withEpochs(form.epochs());
        start(resumableCheckpoint.get(), kept, resumedSettingsNote(kept, form));
    }

    /**
     * One sentence naming the settings of {@code kept} (the checkpoint's) that differ from {@code form}, e.g. "The
     * resumed run keeps its own batch size 16 and learning rate 0.01; the form's apply to new runs."; "" when
     * they are the same. Epochs are not compared: they come from the form.
     */
    static String resumedSettingsNote(TrainingConfig kept, TrainingConfig form) {
        java.util.List<String> differences = new java.util.ArrayList<>();
        if (kept.batchSize() != form.batchSize()) {
            differences.add("batch size " + kept.batchSize());
        }
        if (kept.learningRate() != form.learningRate()) {
            differences.add("learning rate " + plain(kept.learningRate()));
        }
        if (kept.seed() != form.seed()) {
            differences.add("seed " + kept.seed());
        }
        if (kept.optimizer() != form.optimizer()) {
            differences.add("optimizer " + kept.optimizer());
        }
        if (!kept.schedule().equals(form.schedule())) {
            differences.add("learning-rate schedule (" + kept.schedule().kind() + ")");
        }
        if (kept.weightInit() != form.weightInit()) {
            differences.add("weight initialisation");
        }
        if (kept.l1() != form.l1()) {
            differences.add("L1 " + (kept.l1() == 0 ? "off" : plain(kept.l1())));
        }
        if (kept.l2() != form.l2()) {
            differences.add("L2 " + (kept.l2() == 0 ? "off" : plain(kept.l2())));
        }
        if (kept.gradientClip() != form.gradientClip()) {
            differences.add("gradient clipping " + (kept.gradientClip() == 0 ? "off" : plain(kept.gradientClip())));
        }
        if (!kept.earlyStopping().equals(form.earlyStopping())) {
            differences.add("early stopping " + (kept.earlyStopping().enabled()
                    ? "after " + kept.earlyStopping().patience() + " epochs without progress" : "off"));
        }
        if (differences.isEmpty()) {
            return "";
        }
        String listed = differences.size() == 1 ? differences.get(0)
                : String.join(", ", differences.subList(0, differences.size() - 1)) + " and "
                + differences.get(differences.size() - 1);
        return "The resumed run keeps its own " + listed + "; the form's apply to new runs.";
    }

    /** Starts a fresh run with the settings in the form; checkpoints go beside the project file. */
    private void start(java.nio.file.Path checkpoint) {
        start(checkpoint, shared.trainingProperty().get(), "");
    }

    /** Starts a run with {@code config}, from a checkpoint when {@code checkpoint} is not null. */
    private void start(java.nio.file.Path checkpoint, TrainingConfig config, String note) {
        if (trainDisabled.get()) {
            return;
        }
        PreparedData data = shared.preparedData();
        // An image folder's experiment or a table's: both measure the model on their test split.
        Function<TrainedModel, Evaluation> evaluateOnTest = shared.getImageExperiment() != null
                ? shared.getImageExperiment()::evaluateOnTest : shared.getExperiment()::evaluateOnTest;
        NetworkGraph network = shared.networkProperty().get();
        java.time.Instant startedAt = java.time.Instant.now();
        clearRunDisplay(true);
        resumeNote = note;
        epochChartShowsError.set(data.isRegression());
        events.clear();
        shared.evaluationProperty().set(null);
        shared.regressionResultProperty().set(null);
        shared.trainingResultProperty().set(null);
        shared.trainingRunningProperty().set(true);
        stopping.set(false);
        progress.set(-1); // indeterminate until the run reports its size
        epochText.set("Starting…");
        runState.set(RunState.RUNNING);
        runStatus.set(note.isEmpty() ? "Starting the training…" : "Resuming the training. " + note);
        shared.statusProperty().set(note.isEmpty() ? "Training started." : "Training resumed. " + note);

        paused.set(false);
        java.nio.file.Path checkpoints = checkpointFolder();
        if (checkpoints == null) {
            checkpointText.set("Save the project (File › Save Project) to keep a checkpoint of every epoch, so a run "
                    + "can be continued after LayerLab is closed.");
        }
        // The window shares the cores with training: the run yields them to it (docs/decisions/0022).
        TrainingRun started = new TrainingService(new DeferredTrainer(shared.trainerFactory()::get), true)
                .start(data, network, config, events::add, new RunOptions(checkpoints, checkpoint, augmentation()));
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
                if (failure == null && result != null && finishedRun == started) {
                    shared.recordRun(startedAt, config, network, result, measured,
                            measuredValues == null ? null : measuredValues.metrics());
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

    /** Holds the run after the current minibatch; the optimizer's state stays as it is. */
    public void pause() {
        if (run == null || paused.get() || stopping.get()) {
            return;
        }
        run.pause();
        paused.set(true);
        liveLearningRateText.set(Double.isFinite(lastLearningRate) ? plain(lastLearningRate)
                : learningRateText.get());
        liveLearningRateProblem.set("");
        runStatus.set("Paused. You may change the learning rate, then press Resume.");
        shared.statusProperty().set("Training paused.");
    }

    /**
     * Continues a paused run where it stopped. A learning rate typed while paused applies from the next minibatch
     * (and is marked on the loss chart once the trainer confirms it); an invalid one keeps the run paused.
     */
    public void resume() {
        if (run == null || !paused.get()) {
            return;
        }
        String typed = liveLearningRateText.get() == null ? "" : liveLearningRateText.get().trim();
        if (!typed.isEmpty() && (!Double.isFinite(lastLearningRate) || !typed.equals(plain(lastLearningRate)))) {
            try {
                run.control().requestLearningRate(Double.parseDouble(typed.replace(',', '.')));
            } catch (IllegalArgumentException invalid) {
                liveLearningRateProblem.set(invalid instanceof NumberFormatException
                        ? "The learning rate must be a number, like 0.001." : invalid.getMessage());
                return;
            }
        }
        liveLearningRateProblem.set("");
        paused.set(false);
        run.resume();
        runStatus.set("Training…");
        shared.statusProperty().set("Training resumed.");
    }

    /** Pause when running, Resume when paused: one button. */
    public void togglePause() {
        if (paused.get()) {
            resume();
        } else {
            pause();
        }
    }

    /** Where this project's checkpoints go: beside the project file; none for a project not saved yet. */
    java.nio.file.Path checkpointFolder() {
        java.nio.file.Path file = shared.projectFileProperty().get();
        if (file == null || file.getParent() == null) {
            return null;
        }
        String name = file.getFileName().toString();
        String base = name.endsWith(org.layerlab.core.project.ProjectStore.EXTENSION)
                ? name.substring(0, name.length() - org.layerlab.core.project.ProjectStore.EXTENSION.length())
                : name;
        return file.getParent().resolve(base + ".checkpoints");
    }

    /** Looks (off the UI thread) for a checkpoint of the open project to offer resuming from. */
    private void lookForCheckpoint() {
        java.nio.file.Path folder = checkpointFolder();
        if (folder == null) {
            resumableState = null;
            resumableCheckpoint.set(null);
            resumeText.set("");
            return;
        }
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            java.util.Optional<java.nio.file.Path> latest = CheckpointStore.latest(folder);
            if (latest.isEmpty()) {
                return null;
            }
            try {
                return new Object[] {latest.get(), CheckpointStore.read(latest.get())};
            } catch (java.io.IOException damaged) {
                return null;
            }
        }).thenAccept(found -> shared.ui().execute(() -> {
            if (!folder.equals(checkpointFolder())) {
                return; // another project was opened meanwhile
            }
            if (found == null) {
                resumableState = null;
                resumableCheckpoint.set(null);
                resumeText.set("");
            } else {
                org.layerlab.core.train.Checkpoint checkpoint = (org.layerlab.core.train.Checkpoint) found[1];
                resumableState = checkpoint;
                resumableCheckpoint.set((java.nio.file.Path) found[0]);
                resumeText.set("A checkpoint of this project's last run was saved after epoch " + checkpoint.epoch()
                        + ". Resume continues from there, up to the epochs set above, with the settings that run "
                        + "was started with.");
            }
        }));
    }

    /** Writes the full curves (every minibatch and epoch) as CSV; call off the UI thread with {@link #curvesSnapshot}. */
    public static void writeCurves(TrainingCurves snapshot, java.nio.file.Path file) throws java.io.IOException {
        org.layerlab.core.io.AtomicFiles.write(file, snapshot.toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A copy of the run's full curves as they are now, for export on another thread. UI thread only. */
    public TrainingCurves curvesSnapshot() {
        return curves.copy();
    }

    /** Stops a run without waiting, when the window closes. */
    public void shutdown() {
        if (run != null) {
            run.stop();
        }
        ticker.stop();
    }

    // ---------------------------------------------------------------- events

    /**
     * Each chart is redrawn at most this often while a run goes on, and one chart per drain at most (labels follow
     * every drain): redrawing the charts together took over 100 ms of one FX pulse with software rendering on two
     * busy cores.
     */
    static final long CHART_REDRAW_NANOS = 400_000_000L;
    private final StaggeredRedraws redraws = new StaggeredRedraws(CHART_REDRAW_NANOS);
    /** True while the display is cleared for a run about to start: the charts wait for the run's ticker. */
    private boolean clearingForRun;
    /** The latest minibatch not shown yet (see {@link #showLatestIteration}). */
    private IterationDone latestIteration;

    /** Moves queued events into the charts and labels. UI thread only. */
    public void drain() {
        if (events.isEmpty() && !redraws.hasPending()) {
            return;
        }
        boolean lossChanged = false;
        int learningRatePoints = learningRate.getItemCount();
        boolean accuracyChanged = false;
        boolean layersChanged = false;
        boolean distributionsChanged = false;
        TrainingEvent event;
        while ((event = events.poll()) != null) {
            curves.add(event);
            for (TrainingDoctor.Hint hint : doctor.on(event)) {
                hints.add(hint.message());
            }
            if (event instanceof IterationDone iteration) {
                lossChanged |= onIteration(iteration);
            } else if (event instanceof EpochEnded epoch) {
                accuracyChanged |= onEpoch(epoch);
                // At the epoch's last minibatch, so that they line up with the loss of the batches that led there.
                if (Double.isFinite(epoch.trainLoss())) {
                    trainLossPerEpoch.add(lastIteration, epoch.trainLoss(), false);
                    lossChanged = true;
                }
                if (Double.isFinite(epoch.validationLoss())) {
                    validationLoss.add(lastIteration, epoch.validationLoss(), false);
                    lossChanged = true;
                }
            } else if (event instanceof RunStarted started) {
                onStarted(started);
            } else if (event instanceof RunFinished) {
                lossChanged |= flushLossBlock();
            } else if (event instanceof TrainingEvent.LearningRateChanged changed) {
                lastLearningRate = changed.newRate();
                learningRateMarks.add((double) changed.globalIteration());
                runStatus.set("Learning rate changed from " + plain(changed.oldRate()) + " to "
                        + plain(changed.newRate()) + " (marked on the loss chart).");
            } else if (event instanceof TrainingEvent.LayerStats stats) {
                layersChanged |= onLayerStats(stats);
            } else if (event instanceof TrainingEvent.LayerDistributions distributions) {
                if (latestDistributions.put(distributions.layer(), distributions) == null) {
                    distributionLayers.add(distributions.layer());
                }
                distributionsChanged = true;
            } else if (event instanceof TrainingEvent.CheckpointSaved saved) {
                checkpointText.set("Checkpoint saved after epoch " + saved.epoch() + ".");
            } else if (event instanceof TrainingEvent.CheckpointFailed failed) {
                checkpointText.set(failed.message());
            } else if (event instanceof TrainingEvent.BestEpochKept best) {
                bestEpochText.set(String.format(Locale.ROOT, "Kept the network of epoch %d, the best by %s (%.4f).",
                        best.bestEpoch(), best.metric(), best.value()));
            }
        }
        showLatestIteration();
        // Points were added without notification. A chart redraws itself, all its series, at once for every change
        // it hears of (and a redraw of a busy chart takes tens of milliseconds on the FX thread), so each chart is
        // told once: through one of its series, even if only another one got points.
        if (lossChanged) {
            redraws.request("loss", loss::fireSeriesChanged);
        }
        if (accuracyChanged) {
            redraws.request("accuracy", trainAccuracy::fireSeriesChanged);
        }
        if (learningRate.getItemCount() != learningRatePoints) {
            redraws.request("learningRate", learningRate::fireSeriesChanged);
        }
        if (layersChanged && !layerUpdates.isEmpty()) {
            XYSeries anyLayer = layerUpdates.values().iterator().next();
            redraws.request("layers", anyLayer::fireSeriesChanged);
        }
        if (distributionsChanged) {
            if (distributionLayer.get() == null) {
                distributionLayer.set(distributionLayers.get(0)); // fills the histograms, through the listener
            } else {
                showDistributions();
            }
        }
        if (run == null) {
            // The run is over: the last points go out one chart per pulse, then the ticker rests.
            redraws.drawOne(System.nanoTime());
            if (!redraws.hasPending()) {
                ticker.stop();
            }
        } else {
            redraws.drawOneDue(System.nanoTime());
        }
    }

    /** Whether every chart shows all its points (no redraw waits): for pictures of a finished run. UI thread only. */
    boolean chartsUpToDate() {
        return !redraws.hasPending();
    }

    /** Draws the chosen layer's latest histograms (or nothing), one redraw per chart. */
    private void showDistributions() {
        TrainingEvent.LayerDistributions latest =
                distributionLayer.get() == null ? null : latestDistributions.get(distributionLayer.get());
        fillBins(weightBins, latest == null ? null : latest.weightHistogram());
        fillBins(activationBins, latest == null ? null : latest.activationHistogram());
        redraws.request("weights", () -> weightHistogramData.seriesChanged(
                new org.jfree.data.general.SeriesChangeEvent(weightBins)));
        redraws.request("activations", () -> activationHistogramData.seriesChanged(
                new org.jfree.data.general.SeriesChangeEvent(activationBins)));
        if (run == null && !clearingForRun) {
            redraws.drawAll(System.nanoTime());
        }
        activationText.set(latest == null ? "" : String.format(Locale.ROOT,
                "activations: mean %s · std %s%s", plain(latest.activationMean()), plain(latest.activationStd()),
                Double.isFinite(latest.deadUnitFraction())
                        ? String.format(Locale.ROOT, " · dead units %.0f%%", 100 * latest.deadUnitFraction()) : ""));
        distributionsMeasuredText.set(latest == null ? "" : "Measured at iteration " + latest.globalIteration()
                + ", on the batch just fitted.");
    }

    /** Replaces the bins silently (the series never notify, see the constructor); the caller asks for the redraw. */
    private static void fillBins(org.jfree.data.xy.XYIntervalSeries series, org.layerlab.core.train.Histogram histogram) {
        series.clear();
        if (histogram != null && Double.isFinite(histogram.min())) {
            int[] counts = histogram.counts();
            for (int i = 0; i < counts.length; i++) {
                double start = histogram.binStart(i);
                double end = histogram.max() > histogram.min() ? histogram.binEnd(i) : start + 1e-6;
                series.add((start + end) / 2, start, end, counts[i], 0, counts[i]);
            }
        }
    }

    private void onStarted(RunStarted started) {
        latestIteration = null;
        epochs = started.epochs();
        iterationsPerEpoch = Math.max(1, started.iterationsPerEpoch());
        long total = (long) epochs * iterationsPerEpoch;
        lossBlock = (int) Math.max(1, (total + MAX_LOSS_POINTS - 1) / MAX_LOSS_POINTS);
        smoothing = LossSmoothing.forRun(epochs, iterationsPerEpoch);
        latestSmoothedLoss = Double.NaN;
        blockLearningRate = Double.NaN;
        long measurements = total / 20 + 1;
        layerStatsBlock = (int) Math.max(1, (measurements + MAX_LOSS_POINTS - 1) / MAX_LOSS_POINTS);
        blockSum = 0;
        blockCount = 0;
        progress.set(0);
        epochText.set("Epoch 0 / " + epochs);
        runStatus.set(String.format("Training on %,d rows with %,d parameters%s.", started.trainSamples(),
                started.parameterCount(), started.backend().isBlank() ? "" : ", on " + started.backend())
                + (resumeNote.isEmpty() ? "" : " " + resumeNote));
    }

    private boolean onIteration(IterationDone iteration) {
        latestIteration = iteration;
        if (Double.isFinite(iteration.learningRate())) {
            lastLearningRate = iteration.learningRate();
        }
        if (!Double.isFinite(iteration.loss())) {
            return false;
        }
        blockSum += iteration.loss();
        blockCount++;
        lastIteration = iteration.globalIteration();
        latestSmoothedLoss = smoothing.add(iteration.loss());
        blockLearningRate = iteration.learningRate();
        if (blockCount >= lossBlock) {
            return flushLossBlock();
        }
        return false;
    }

    /** Adds a layer's ratio to its series (a new series for a new layer); thinned so a long run stays light. */
    private boolean onLayerStats(TrainingEvent.LayerStats stats) {
        if (!(stats.updateRatio() > 0) || Double.isInfinite(stats.updateRatio())) {
            return false;
        }
        XYSeries series = layerUpdates.get(stats.layer());
        if (series == null) {
            series = new XYSeries(stats.layer(), false, true);
            layerUpdates.put(stats.layer(), series);
            layerUpdateData.addSeries(series);
        }
        if ((layerStatsSeen++ / Math.max(1, layerUpdates.size())) % layerStatsBlock != 0) {
            return false;
        }
        series.add(stats.globalIteration(), stats.updateRatio(), false);
        return true;
    }

    /**
     * Progress, iteration and time left as of the latest minibatch: once per drain, not once per event (a small
     * network reports a thousand minibatches a second, and only the last one is seen).
     */
    private void showLatestIteration() {
        IterationDone iteration = latestIteration;
        if (iteration == null) {
            return;
        }
        latestIteration = null;
        if (epochs > 0) {
            double done = (iteration.epoch() - 1) + Math.min(1.0, (double) iteration.iteration() / iterationsPerEpoch);
            progress.set(Math.min(1.0, done / epochs));
        }
        iterationText.set("Iteration " + iteration.iteration() + " / " + iterationsPerEpoch
                + (Double.isFinite(iteration.learningRate()) ? " · learning rate " + plain(iteration.learningRate()) : ""));
        showEta(iteration.remainingSeconds());
    }

    private void showEta(double remainingSeconds) {
        String eta = Eta.describe(remainingSeconds);
        if (!eta.isEmpty()) {
            etaText.set(remainingSeconds == 0 ? "" : eta.substring(0, 1).toUpperCase(Locale.ROOT) + eta.substring(1)
                    + " left");
        }
    }

    static String plain(double value) {
        return new BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * Adds the block's points: its average loss, the smoothed loss and the learning rate at its last minibatch (a
     * rate is not averaged: a block across a step would show a rate never used).
     */
    private boolean flushLossBlock() {
        if (blockCount == 0) {
            return false;
        }
        loss.add(lastIteration, blockSum / blockCount, false);
        smoothedLoss.add(lastIteration, latestSmoothedLoss, false);
        if (Double.isFinite(blockLearningRate)) {
            learningRate.add(lastIteration, blockLearningRate, false);
        }
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
        showEta(epoch.remainingSeconds());
        StringBuilder metrics = new StringBuilder();
        if (epoch.isRegression()) {
            metrics.append(String.format(Locale.ROOT, "Loss %.4f · training mean absolute error %.4g", epoch.trainLoss(),
                    epoch.trainMeanAbsoluteError()));
            if (Double.isFinite(epoch.validationMeanAbsoluteError())) {
                metrics.append(String.format(Locale.ROOT, " · validation %.4g", epoch.validationMeanAbsoluteError()));
            }
            metricsText.set(metrics.toString());
            // Same chart as accuracy, but the error of the predicted numbers (lower is better).
            epochChartShowsError.set(true);
            boolean changed = false;
            if (Double.isFinite(epoch.trainMeanAbsoluteError())) {
                trainAccuracy.add(epoch.epoch(), epoch.trainMeanAbsoluteError(), false);
                changed = true;
            }
            if (Double.isFinite(epoch.validationMeanAbsoluteError())) {
                validationAccuracy.add(epoch.epoch(), epoch.validationMeanAbsoluteError(), false);
                changed = true;
            }
            return changed;
        }
        epochChartShowsError.set(false);
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
        run = null;
        if (!redraws.hasPending()) {
            ticker.stop();
        }
        stopping.set(false);
        paused.set(false);
        etaText.set("");
        shared.trainingRunningProperty().set(false);
        lookForCheckpoint();
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
                runStatus.set("Finished " + done + (done == 1 ? " epoch" : " epochs") + "."
                        + (resumeNote.isEmpty() ? "" : " " + resumeNote));
                shared.statusProperty().set("Training finished: " + done + (done == 1 ? " epoch" : " epochs") + ".");
            }
            case STOPPED -> {
                runState.set(RunState.STOPPED);
                String text = "Stopped after " + done + " of " + Math.max(epochs, done) + " epochs.";
                runStatus.set(text + (evaluation == null ? "" : " The model as it stood is evaluated.")
                        + (resumeNote.isEmpty() ? "" : " " + resumeNote));
                shared.statusProperty().set("Training stopped after " + done + " of " + Math.max(epochs, done)
                        + " epochs.");
            }
            case FAILED -> {
                fail(result.message() == null || result.message().isBlank()
                        ? "The training failed." : result.message());
                return;
            }
        }
        if (result.bestEpoch() > 0 && bestEpochText.get().isEmpty()) {
            bestEpochText.set("Kept the network of epoch " + result.bestEpoch() + ".");
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
        clearRunDisplay(false);
    }

    /**
     * Empties the charts and labels. For a run about to start ({@code forRun}) the charts do not redraw now, all in
     * the pulse of the click (7 redraws, 20 ms of the 30 the click took): they redraw empty one per pulse as the run
     * begins (the run's ticker draws them).
     */
    private void clearRunDisplay(boolean forRun) {
        clearingForRun = forRun;
        if (forRun) {
            redraws.clear();
            lossData.setNotify(false);
            learningRateData.setNotify(false);
            accuracyData.setNotify(false);
            layerUpdateData.setNotify(false);
        }
        try {
            clearCurvesAndLabels();
        } finally {
            clearingForRun = false;
        }
        if (forRun) {
            redraws.request("loss", () -> lossData.setNotify(true)); // true again: the chart draws once
            redraws.request("learningRate", () -> learningRateData.setNotify(true));
            redraws.request("accuracy", () -> accuracyData.setNotify(true));
            redraws.request("layers", () -> layerUpdateData.setNotify(true));
        }
    }

    private void clearCurvesAndLabels() {
        loss.clear();
        smoothedLoss.clear();
        trainLossPerEpoch.clear();
        validationLoss.clear();
        learningRate.clear();
        smoothing.reset();
        latestSmoothedLoss = Double.NaN;
        blockLearningRate = Double.NaN;
        layerUpdateData.removeAllSeries();
        layerUpdates.clear();
        layerStatsSeen = 0;
        latestDistributions.clear();
        distributionLayers.clear();
        distributionLayer.set(null);
        showDistributions();
        trainAccuracy.clear();
        validationAccuracy.clear();
        progress.set(0);
        epochText.set("Not started");
        speedText.set("");
        metricsText.set("");
        runStatus.set("");
        runState.set(RunState.IDLE);
        testAccuracyText.set("");
        iterationText.set("");
        etaText.set("");
        bestEpochText.set("");
        checkpointText.set("");
        hints.clear();
        learningRateMarks.clear();
        curves.clear();
        lastLearningRate = Double.NaN;
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
            optimizer.set(config.optimizer());
            scheduleKind.set(config.schedule().kind());
            warmupText.set(Integer.toString(config.schedule().warmupEpochs()));
            weightInit.set(config.weightInit());
            l2Text.set(plainOrZero(config.l2()));
            clipText.set(plainOrZero(config.gradientClip()));
            patienceText.set(Integer.toString(config.earlyStopping().patience()));
            earlyStoppingMetric.set(config.earlyStopping().metric());
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
            TrainingConfig current = shared.trainingProperty().get();
            int warmup = parseInt(warmupText.get(), Field.WARMUP, "Warm-up epochs must be a whole number, like 0 or 2.");
            double l2 = parseOptional(l2Text.get(), Field.L2, "L2 must be a number, like 0.0001 (0 = off).");
            double clip = parseOptional(clipText.get(), Field.CLIP, "Gradient clipping must be a number, like 1.0 "
                    + "(0 = off).");
            int patience = parseInt(patienceText.get(), Field.PATIENCE, "Early stopping patience must be a whole "
                    + "number of epochs, like 5 (0 = off).");
            config = current.withBasics(epochCount, batch, rate, seed)
                    .withOptimizer(optimizer.get())
                    .withSchedule(schedule(current.schedule(), scheduleKind.get()).withWarmup(warmup))
                    .withWeightInit(weightInit.get())
                    .withRegularization(current.l1(), l2)
                    .withGradientClip(clip)
                    .withEarlyStopping(new EarlyStopping(earlyStoppingMetric.get(), patience));
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

    /** The schedule of {@code kind}: the current one's settings if it is already that kind, else that kind's usual. */
    private static LearningRateSchedule schedule(LearningRateSchedule current, LearningRateSchedule.Kind kind) {
        if (kind == null || kind == current.kind()) {
            return current;
        }
        return switch (kind) {
            case NONE -> LearningRateSchedule.none();
            case STEP -> LearningRateSchedule.step(0.5, 10);
            case EXPONENTIAL -> LearningRateSchedule.exponential(0.95);
            case COSINE -> LearningRateSchedule.cosine();
        };
    }

    private static String plainOrZero(double value) {
        return value == 0 ? "0" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A number where blank means 0 (off). */
    private static double parseOptional(String text, Field field, String message) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(text.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new FieldProblem(field, message);
        }
    }

    private static Field fieldNamedIn(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.startsWith("warm-up")) {
            return Field.WARMUP;
        }
        if (lower.startsWith("l2")) {
            return Field.L2;
        }
        if (lower.startsWith("gradient clipping")) {
            return Field.CLIP;
        }
        if (lower.startsWith("early-stopping")) {
            return Field.PATIENCE;
        }
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

    /** The table augmentation the Data step chose (none for an image folder, which augments as it reads). */
    private TableAugmentation augmentation() {
        org.layerlab.core.project.Project project = shared.getProject();
        return project == null || shared.getImageExperiment() != null ? TableAugmentation.NONE
                : project.preprocessing().augmentation();
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
        public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                    TrainingListener listener, RunControl control, RunOptions options) {
            return factory.get().train(data, network, config, listener, control, options);
        }

        @Override
        public BackendInfo backend() {
            return factory.get().backend();
        }
    }

    // ---------------------------------------------------------------- properties

    /** The finished runs of the session, to tick and overlay. */
    public RunsViewModel runs() {
        return runs;
    }

    /**
     * The loss chart's series, in drawing order: each minibatch's loss (block averages in a long run), the smoothed
     * loss, and each epoch's training and validation loss.
     */
    public XYSeriesCollection lossData() {
        return lossData;
    }

    /** The learning rate of each minibatch (of each block's last one in a long run). */
    public XYSeriesCollection learningRateData() {
        return learningRateData;
    }

    public XYSeriesCollection accuracyData() {
        return accuracyData;
    }

    /** True when {@link #accuracyData()} holds each epoch's mean absolute error (regression), not its accuracy. */
    public BooleanProperty epochChartShowsErrorProperty() {
        return epochChartShowsError;
    }

    public XYSeriesCollection layerUpdateData() {
        return layerUpdateData;
    }

    /** The layers with weight and activation histograms so far, in network order. */
    public javafx.collections.ObservableList<String> distributionLayers() {
        return distributionLayers;
    }

    /** The layer whose histograms {@link #weightHistogramData()} and {@link #activationHistogramData()} show. */
    public ObjectProperty<String> distributionLayerProperty() {
        return distributionLayer;
    }

    public org.jfree.data.xy.XYIntervalSeriesCollection weightHistogramData() {
        return weightHistogramData;
    }

    public org.jfree.data.xy.XYIntervalSeriesCollection activationHistogramData() {
        return activationHistogramData;
    }

    /**
     * "activations: mean … · std …" of the chosen layer, with "· dead units …%" for a ReLU layer, or empty before the
     * first measurement.
     */
    public StringProperty activationTextProperty() {
        return activationText;
    }

    /** "Measured at iteration …" for the chosen layer's histograms, or empty before the first measurement. */
    public StringProperty distributionsMeasuredTextProperty() {
        return distributionsMeasuredText;
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

    public ObjectProperty<Optimizer> optimizerProperty() {
        return optimizer;
    }

    public ObjectProperty<LearningRateSchedule.Kind> scheduleKindProperty() {
        return scheduleKind;
    }

    public ObjectProperty<WeightInit> weightInitProperty() {
        return weightInit;
    }

    public StringProperty warmupTextProperty() {
        return warmupText;
    }

    public StringProperty l2TextProperty() {
        return l2Text;
    }

    public StringProperty clipTextProperty() {
        return clipText;
    }

    public StringProperty patienceTextProperty() {
        return patienceText;
    }

    public ObjectProperty<EarlyStopping.Metric> earlyStoppingMetricProperty() {
        return earlyStoppingMetric;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanBinding pauseDisabledProperty() {
        return pauseDisabled;
    }

    public StringProperty liveLearningRateTextProperty() {
        return liveLearningRateText;
    }

    public ReadOnlyStringProperty liveLearningRateProblemProperty() {
        return liveLearningRateProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty iterationTextProperty() {
        return iterationText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bestEpochTextProperty() {
        return bestEpochText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkpointTextProperty() {
        return checkpointText.getReadOnlyProperty();
    }

    public ObservableList<String> hints() {
        return hints;
    }

    public ObservableList<Double> learningRateMarks() {
        return learningRateMarks;
    }

    public ObjectProperty<java.nio.file.Path> resumableCheckpointProperty() {
        return resumableCheckpoint;
    }

    public ReadOnlyStringProperty resumeTextProperty() {
        return resumeText.getReadOnlyProperty();
    }

    public BooleanBinding resumeFromCheckpointDisabledProperty() {
        return resumeFromCheckpointDisabled;
    }
}
