package org.layerlab.core.dl4j;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.core.Failures;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.ExampleSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.Checkpoint;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.Histogram;
import org.layerlab.core.train.Eta;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainedModel;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.BestEpochKept;
import org.layerlab.core.train.TrainingEvent.CheckpointFailed;
import org.layerlab.core.train.TrainingEvent.CheckpointSaved;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.LayerDistributions;
import org.layerlab.core.train.TrainingEvent.LayerStats;
import org.layerlab.core.train.TrainingEvent.LearningRateChanged;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingEvent.RunFinished;
import org.layerlab.core.train.TrainingEvent.RunStarted;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link NetworkGraph} with DL4J on the calling thread (the {@link org.layerlab.core.train.TrainingService}
 * gives it its own thread).
 *
 * <p>Each epoch the training rows are shuffled (a {@link Random} seeded from the config's seed plus the epoch, so
 * a run is repeatable); a {@link BatchFeed} hands out the minibatches — row slices of one contiguous matrix for a
 * table in memory (no per-batch gathering), batches read on a background thread for images. The {@link RunControl} is asked before every minibatch, so Stop and Pause
 * act within one iteration. After each epoch the loss and accuracy on the whole training and validation splits are
 * reported; that loss is the multi-class cross-entropy of the outputs read as class probabilities, whatever loss the
 * Output layer trains with (the same for softmax; comparable across networks). For regression (identity output,
 * standardized targets) the loss is the mean squared error on the standardized targets, and the mean absolute
 * error in the label's own units takes the place of accuracy.
 *
 * <p>Every epoch the state can be checkpointed ({@link RunOptions}; see {@link Dl4jCheckpoints}), and a run resumed
 * from a checkpoint goes on exactly as if it had not stopped: the optimizer state and DL4J's iteration and epoch
 * counters come back with the network, the shuffle of epoch {@code e} depends only on the seed and {@code e}, and
 * ND4J's generator (dropout) is reseeded the same way each epoch. A checkpoint that cannot be written is reported
 * ({@link CheckpointFailed}) and training goes on. With early stopping, a copy of the best epoch's parameters is kept
 * and put back at the end. A learning rate asked for through the {@link RunControl} applies from the next minibatch.
 *
 * <p>A network that cannot train (see {@link ShapeInference}) is refused before anything is built, with its first
 * problem as the message.
 *
 * <p>Failures never escape: a loss that turns NaN or infinite or explodes (see {@link #EXPLODED_LOSS_FACTOR}),
 * running out of memory, or any other error ends
 * the run with {@link Outcome#FAILED} and a message the user can act on. Exactly one {@link RunStarted} is
 * emitted first and exactly one {@link RunFinished} last.
 */
public final class Dl4jTrainer implements Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jTrainer.class);

    /** Layer statistics are measured before the first minibatch and then every this many (a copy of the weights). */
    static final int LAYER_STATS_EVERY = 20;
    /** Rows per forward pass when measuring loss and accuracy on a whole split. */
    static final int EVALUATION_BATCH_ROWS = 4096;
    /**
     * At most this many values per forward pass over a split read from image files (16 MB of floats): 4,096 rows of
     * MNIST's 784 values, but fewer of larger colour images, so that a batch never needs gigabytes.
     */
    static final int EVALUATION_BATCH_VALUES = 4 << 20;
    /**
     * The loss has exploded when a minibatch's loss is this many times the untrained network's (the first minibatch's
     * loss: what the network costs before it has learnt anything, e.g. ln 3 ≈ 1.1 for three classes, about 1 for
     * standardized regression targets). Learning can only lower the loss; a run that makes it 10,000 times worse than
     * guessing is diverging, and waits only for the numbers to overflow into infinity or NaN. A healthy run's noisy
     * minibatches stay within a small factor of the start.
     */
    static final double EXPLODED_LOSS_FACTOR = 1e4;
    /**
     * ... and above this in absolute terms, so that a network whose untrained loss is tiny is not stopped for a
     * harmless wobble. With softmax, DL4J clips probabilities at 1e-10, so a cross-entropy loss stays below about 23
     * (plus any L1/L2 penalty): for classifiers this rule rarely fires and NaN is the usual sign; it is there for
     * regression (mean squared error), whose loss grows without bound when the learning rate is too high.
     */
    static final double EXPLODED_LOSS_FLOOR = 1e3;
    /** Probabilities are clipped here before the logarithm, as DL4J's {@code LossMCXENT} does. */
    private static final double PROBABILITY_FLOOR = 1e-10;

    /** Drawn afresh on the training rows every epoch; null for none. */
    private final TableAugmentation augmentation;

    public Dl4jTrainer() {
        this(null);
    }

    /**
     * A trainer that augments the training rows every epoch (noise, oversampling) in runs whose {@link RunOptions}
     * name no augmentation of their own; the training metrics of an epoch are then measured on that epoch's augmented
     * rows. The app and the command line pass the project's augmentation in the run options instead.
     */
    public Dl4jTrainer(TableAugmentation augmentation) {
        this.augmentation = augmentation == null || augmentation.isNone() ? null : augmentation;
    }

    @Override
    public BackendInfo backend() {
        return Nd4jBackend.detect();
    }

    @Override
    public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                TrainingListener listener, RunControl control) {
        return train(data, network, config, listener, control, RunOptions.none());
    }

    @Override
    public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                TrainingListener listener, RunControl control, RunOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(config, "config");
        return new Run(data, network, config,
                listener == null ? TrainingListener.NONE : listener,
                control == null ? new RunControl() : control,
                options == null ? RunOptions.none() : options).execute();
    }

    /** The state of one training run; used once. */
    private final class Run {
        private final PreparedData data;
        private final NetworkGraph graph;
        private final TrainingConfig config;
        private final TrainingListener listener;
        private final RunControl control;
        private final RunOptions options;
        /** Drawn afresh on the training rows every epoch; null for none. */
        private final TableAugmentation augmentation;
        private final long startNanos = System.nanoTime();
        private final List<EpochEnded> history = new ArrayList<>();

        private String backendSummary = "";
        private boolean started;
        private ComputationGraph network;
        private long fitNanos;
        private long samplesFitted;
        /** Time spent waiting while paused, so that estimates of the time left count only training. */
        private long pausedNanos;
        /** Where this process took over: 0 for a fresh run, the checkpoint's values for a resumed one. */
        private int firstEpoch = 1;
        private long startIteration;
        private long elapsedMillisBefore;
        private long globalIteration;
        private double currentRate = Double.NaN;
        /** The loss of this process's first minibatch (the untrained network's, for a fresh run): NaN before it. */
        private double firstLoss = Double.NaN;
        /** Recent epochs' durations, for the estimate of the time left. */
        private final Eta.Pace pace = new Eta.Pace();
        private String outputLayer;
        /** Early stopping: the best epoch so far, its watched value, a copy of its parameters. */
        private int bestEpoch;
        private double bestValue = Double.NaN;
        private int epochsSinceBest;
        private INDArray bestParameters;

        Run(PreparedData data, NetworkGraph graph, TrainingConfig config, TrainingListener listener,
            RunControl control, RunOptions options) {
            this.data = data;
            this.graph = graph;
            this.config = config;
            this.listener = listener;
            this.control = control;
            this.options = options;
            TableAugmentation chosen = options.augmentation().isNone() ? Dl4jTrainer.this.augmentation
                    : options.augmentation();
            // Only a table's rows are augmented here; an image folder augments its images as it reads them.
            this.augmentation = chosen != null && data.train() instanceof EncodedSet ? chosen : null;
        }

        TrainingResult execute() {
            Outcome outcome;
            String message;
            try {
                BackendInfo backend = backend();
                backendSummary = backend.summary();
                String problem = !Nd4jBackend.isUsable() ? backend.explanation() : dataProblem();
                if (problem == null && options.resumeFrom() == null) {
                    problem = networkProblem();
                }
                if (problem == null && options.resumeFrom() != null) {
                    problem = resume();
                }
                if (problem != null) {
                    network = null;
                    start(plannedParameters());
                    outcome = Outcome.FAILED;
                    message = problem;
                } else {
                    if (network == null) {
                        network = Dl4jNetworkFactory.create(graph, signature(), config, iterationsPerEpoch());
                    }
                    outputLayer = network.getConfiguration().getNetworkOutputs().get(0);
                    start(network.numParams());
                    Finish finish = fitAllEpochs();
                    outcome = finish.outcome();
                    message = keepBestEpoch(finish);
                }
            } catch (RuntimeException | Error failure) {
                outcome = Outcome.FAILED;
                if (isOutOfMemory(failure)) {
                    network = null; // let the memory go before anything else happens
                    bestParameters = null;
                    message = "Training ran out of memory. Try a smaller batch size (now " + config.batchSize()
                            + ") or fewer units per layer.";
                } else {
                    message = "Training failed: " + describe(failure);
                }
                LOG.warn("Training failed", failure);
            }
            if (!started) {
                try {
                    start(plannedParameters());
                } catch (RuntimeException listenerFailure) {
                    LOG.warn("The training listener failed on RunStarted", listenerFailure);
                }
            }
            try {
                listener.on(new RunFinished(outcome, history.size(), message));
            } catch (RuntimeException listenerFailure) {
                LOG.warn("The training listener failed on RunFinished", listenerFailure);
            }
            releaseWorkspaces();
            double fitSeconds = fitNanos / 1e9;
            TrainedModel model = network == null ? null : new Dl4jModel(network, data.train().columns());
            return new TrainingResult(model, history, outcome, message,
                    fitSeconds > 0 ? samplesFitted / fitSeconds : 0, backendSummary,
                    config.earlyStopping().enabled() ? bestEpoch : 0);
        }

        /**
         * Frees the memory of the ND4J workspaces this thread trained in (activations, gradients) now, rather than
         * whenever the garbage collector finds them: the {@link org.layerlab.core.train.TrainingService} gives each
         * run a new thread, and a stopped run should hand its native memory back at once. Later work on this thread
         * (e.g. predictions) simply opens new workspaces.
         *
         * <p>Each workspace is destroyed on its own rather than with {@code destroyAllWorkspacesForCurrentThread()},
         * which ends with a {@code System.gc()}: a full collection of 200–300 ms that froze the window at the end of
         * every run. The workspaces' memory is freed directly either way.
         */
        private void releaseWorkspaces() {
            try {
                org.nd4j.linalg.api.memory.MemoryWorkspaceManager workspaces = Nd4j.getWorkspaceManager();
                for (org.nd4j.linalg.api.memory.MemoryWorkspace workspace
                        : new ArrayList<>(workspaces.getAllWorkspacesForCurrentThread())) {
                    workspaces.destroyWorkspace(workspace);
                }
            } catch (RuntimeException failure) {
                LOG.warn("Could not release the training thread's ND4J workspaces", failure);
            }
        }

        /**
         * Restores the network, its optimizer state and the run's progress from the checkpoint; returns why that is
         * impossible, or null.
         */
        private String resume() {
            Dl4jCheckpoints.Restored restored;
            try {
                restored = Dl4jCheckpoints.read(options.resumeFrom());
            } catch (IOException | RuntimeException unreadable) {
                return "LayerLab could not resume from " + options.resumeFrom() + ": " + describe(unreadable);
            }
            ComputationGraph candidate = restored.network();
            Checkpoint state = restored.state();
            int classes = Math.toIntExact(((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) candidate
                    .getOutputLayer(0).conf().getLayer()).getNOut());
            if (classes != data.classCount()) {
                return "The checkpoint's network tells " + classes + " classes apart, but this data has "
                        + data.classCount() + ". Resume with the data the run was started on.";
            }
            if (!acceptsColumns(candidate, data.train().columns())) {
                return "The checkpoint's network does not take rows of " + data.train().columns()
                        + " input values, as this data has. Resume with the data the run was started on.";
            }
            network = candidate;
            firstEpoch = state.epoch() + 1;
            history.addAll(state.history());
            globalIteration = state.globalIteration();
            startIteration = globalIteration;
            fitNanos = state.fitNanos();
            samplesFitted = state.samplesFitted();
            elapsedMillisBefore = state.elapsedMillis();
            bestEpoch = state.bestEpoch();
            epochsSinceBest = state.epochsSinceBest();
            if (bestEpoch > 0 && bestEpoch <= history.size()) {
                bestValue = config.earlyStopping().valueOf(history.get(bestEpoch - 1));
                bestParameters = restored.bestParameters() != null ? restored.bestParameters()
                        : bestEpoch == state.epoch() ? network.params().dup() : null;
            }
            if (!config.schedule().isConstant() && state.config().epochs() != config.epochs()) {
                // A schedule that ends with the run (cosine) must end with the new number of epochs.
                network.setLearningRate(ScheduledLearningRate.of(config.schedule(), config.learningRate(),
                        config.epochs(), iterationsPerEpoch()));
            }
            return null;
        }

        /** Whether the network takes rows of {@code columns} values: one forward pass of a zero row tells. */
        private boolean acceptsColumns(ComputationGraph candidate, int columns) {
            try {
                candidate.outputSingle(false, Nd4j.zeros(DataType.FLOAT, 1, columns));
                return true;
            } catch (RuntimeException mismatch) {
                return false;
            }
        }

        private void start(long parameterCount) {
            started = true;
            listener.on(new RunStarted(backendSummary, config.epochs(), iterationsPerEpoch(), trainRowsPerEpoch(),
                    parameterCount));
        }

        private int iterationsPerEpoch() {
            return (trainRowsPerEpoch() + config.batchSize() - 1) / config.batchSize();
        }

        /** The rows an epoch fits: more than the training split when oversampling fills up the smaller classes. */
        private int trainRowsPerEpoch() {
            return augmentation == null ? data.train().rows() : augmentation.rowsPerEpoch((EncodedSet) data.train());
        }

        private DataSignature signature() {
            return data.signature();
        }

        /** The parameters the network will have, as shape inference counts them; 0 when the data is unusable. */
        private long plannedParameters() {
            if (data.train().columns() < 1 || data.classCount() < 1) {
                return 0;
            }
            return ShapeInference.analyse(graph, signature()).totalParameters();
        }

        /** The network's first error in plain words (e.g. a layer with no input), or null if it can train. */
        private String networkProblem() {
            GraphAnalysis analysis = ShapeInference.analyse(graph, signature());
            return analysis.firstError().map(error -> "The network cannot be trained yet: " + error).orElse(null);
        }

        /** A plain-language reason why the data cannot be trained on, or null if it can. */
        private String dataProblem() {
            ExampleSet train = data.train();
            if (train.rows() == 0) {
                return "There are no training rows, so there is nothing to learn from.";
            }
            if (train.columns() == 0) {
                return "There are no input columns: choose at least one feature.";
            }
            if (data.isRegression()) {
                return targetProblem();
            }
            if (data.classCount() < 2) {
                return "The label has " + data.classCount() + " class" + (data.classCount() == 1 ? "" : "es")
                        + "; a classifier needs at least two.";
            }
            for (ExampleSet split : List.of(train, data.validation())) {
                if (split.rows() > 0 && split.columns() != train.columns()) {
                    return "The validation data has " + split.columns() + " input columns but the training data has "
                            + train.columns() + ".";
                }
                for (int label : split.labels()) {
                    if (label < 0 || label >= data.classCount()) {
                        return "A row has class number " + label + ", but there are only " + data.classCount()
                                + " classes.";
                    }
                }
            }
            return null;
        }

        /** Regression: every target must be a finite number. */
        private String targetProblem() {
            for (EncodedSet split : List.of((EncodedSet) data.train(), data.validationTable())) {
                for (float target : split.targets()) {
                    if (!Float.isFinite(target)) {
                        return "A row's value to predict is missing or not a finite number.";
                    }
                }
            }
            return null;
        }

        private Finish fitAllEpochs() {
            if (firstEpoch > config.epochs()) {
                return new Finish(Outcome.COMPLETED, "The checkpoint already has " + history.size()
                        + " epochs, as many as asked for. Ask for more epochs to continue training.");
            }
            if (earlyStopDue()) {
                return earlyStopped();
            }
            // A table's validation rows are in memory already and go to native memory once; an image folder's are
            // decoded batch by batch every epoch (bytes while they fit the budget), never held whole as floats.
            INDArray validationFeatures = data.validation() instanceof EncodedSet table && table.rows() > 0
                    ? matrix(table) : null;
            long plannedIterations = (long) config.epochs() * iterationsPerEpoch();
            // The same step as network.fit(batch), taken the fastest exact way this network allows (ADR 0021).
            TrainingStep step = TrainingStep.of(network);
            LOG.debug("Training steps: {}", step.path());

            try (BatchFeed feed = augmentation != null
                    ? new MatrixBatchFeed(this::epochRows, data.classCount(), config.batchSize(), config.seed())
                    : BatchFeed.of(data.train(), data.classCount(), config.batchSize(), config.seed())) {
                for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                    feed.startEpoch(epoch);
                    // Dropout draws from ND4J's generator: seeding it per epoch makes an epoch's masks the same
                    // whether the run went straight through or was resumed from a checkpoint.
                    Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + epoch);

                    long epochFitNanos = 0;
                    long epochSamples = 0;
                    int iteration = 0;
                    double epochStartSeconds = activeSeconds();
                    for (DataSet batch = feed.next(); batch != null; batch = feed.next()) {
                        if (!mayContinue()) {
                            return stopped();
                        }
                        applyRequestedLearningRate(epoch);
                        double rate = learningRate();
                        boolean measureLayers = (globalIteration % LAYER_STATS_EVERY) == 0;
                        List<INDArray> parametersBefore = measureLayers ? layerParameters() : null;
                        long before = System.nanoTime();
                        step.fit(batch);
                        long spent = System.nanoTime() - before;
                        epochFitNanos += spent;
                        fitNanos += spent;
                        samplesFitted += batch.numExamples();
                        epochSamples += batch.numExamples();
                        iteration++;
                        globalIteration++;
                        double loss = network.score();
                        if (!Double.isFinite(loss)) {
                            return diverged(loss, epoch);
                        }
                        if (Double.isNaN(firstLoss)) {
                            firstLoss = loss;
                        } else if (hasExploded(loss)) {
                            return exploded(loss, epoch);
                        }
                        double remaining = Double.isNaN(pace.secondsPerEpoch())
                                ? Eta.remainingSeconds(globalIteration - startIteration,
                                        plannedIterations - startIteration, activeSeconds())
                                : pace.remainingSeconds(1 - (double) iteration / iterationsPerEpoch(),
                                        config.epochs() - epoch);
                        listener.on(new IterationDone(epoch, iteration, globalIteration, loss, rate, remaining));
                        if (measureLayers) {
                            reportLayerStats(parametersBefore, batch.getFeatures());
                        }
                    }
                    network.incrementEpochCount();
                    pace.epochDone(activeSeconds() - epochStartSeconds);

                    double[] trainMetrics = data.isRegression() ? feed.regressionErrors(this::squaredAndAbsoluteError)
                            : feed.lossAndAccuracy(this::lossAndAccuracy);
                    if (!Double.isFinite(trainMetrics[0])) {
                        return diverged(trainMetrics[0], epoch);
                    }
                    double[] validationMetrics = data.validation().rows() == 0
                            ? new double[] {Double.NaN, Double.NaN}
                            : validationFeatures == null ? lossAndAccuracy(data.validation())
                            : data.isRegression()
                            ? squaredAndAbsoluteError(validationFeatures, data.validationTable().targets())
                            : lossAndAccuracy(validationFeatures, data.validation().labels());
                    double epochSeconds = epochFitNanos / 1e9;
                    boolean regression = data.isRegression();
                    EpochEnded ended = new EpochEnded(epoch, config.epochs(), trainMetrics[0],
                            regression ? Double.NaN : trainMetrics[1], validationMetrics[0],
                            regression ? Double.NaN : validationMetrics[1],
                            epochSeconds > 0 ? epochSamples / epochSeconds : 0, elapsedMillis(), currentRate,
                            pace.remainingSeconds(0, config.epochs() - epoch),
                            regression ? trainMetrics[1] : Double.NaN, regression ? validationMetrics[1] : Double.NaN);
                    history.add(ended);
                    trackBestEpoch(ended);
                    listener.on(ended);
                    saveCheckpoint(epoch);
                    if (earlyStopDue()) {
                        return earlyStopped();
                    }
                }
            }
            return new Finish(Outcome.COMPLETED, completedMessage());
        }

        /** A copy of each trainable layer's parameters (in {@code network.getLayers()} order), before a minibatch. */
        private List<INDArray> layerParameters() {
            List<INDArray> copies = new ArrayList<>();
            for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
                copies.add(layer.numParams() > 0 ? layer.params().dup() : null);
            }
            return copies;
        }

        /**
         * Emits each trainable layer's update:parameter ratio for the minibatch just fitted: mean |update| over mean
         * |parameter|, i.e. the L1 norm of the change over the L1 norm of the parameters before it. Scalars only.
         */
        private void reportLayerStats(List<INDArray> before, INDArray features) {
            org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
            java.util.Map<String, INDArray> activations = activationsOf(features);
            for (int i = 0; i < layers.length; i++) {
                INDArray old = before.get(i);
                if (old == null) {
                    continue;
                }
                double parameterSum = old.norm1Number().doubleValue();
                double updateSum = layers[i].params().sub(old).norm1Number().doubleValue();
                listener.on(new LayerStats(globalIteration, layers[i].conf().getLayer().getLayerName(),
                        parameterSum > 0 ? updateSum / parameterSum : Double.NaN, parameterSum / old.length()));
                reportDistributions(layers[i], activations);
            }
        }

        /** Rows of the minibatch the layer distributions are measured on: enough for a shape, cheap to infer. */
        private static final int DISTRIBUTION_ROWS = 256;

        /**
         * Every vertex's output for (at most {@link #DISTRIBUTION_ROWS} rows of) {@code features}, by name, from one
         * inference pass (no dropout, no updates); empty if that pass fails, so the distributions are skipped and
         * training goes on.
         */
        private java.util.Map<String, INDArray> activationsOf(INDArray features) {
            try {
                INDArray rows = features;
                if (features.size(0) > DISTRIBUTION_ROWS) {
                    org.nd4j.linalg.indexing.INDArrayIndex[] index =
                            new org.nd4j.linalg.indexing.INDArrayIndex[features.rank()];
                    Arrays.fill(index, NDArrayIndex.all());
                    index[0] = NDArrayIndex.interval(0, DISTRIBUTION_ROWS);
                    rows = features.get(index);
                }
                return network.feedForward(rows, false);
            } catch (RuntimeException e) {
                LOG.warn("Could not measure the layers' activations; leaving them out", e);
                return java.util.Map.of();
            }
        }

        /** Emits how {@code layer}'s weights and its activations are spread (see {@link LayerDistributions}). */
        private void reportDistributions(org.deeplearning4j.nn.api.Layer layer,
                                         java.util.Map<String, INDArray> activations) {
            String name = layer.conf().getLayer().getLayerName();
            INDArray output = activations.get(name);
            if (output == null) {
                return;
            }
            INDArray weights = layer.paramTable().containsKey("W") ? layer.getParam("W") : layer.params();
            float[] values = flat(output);
            double sum = 0;
            double squares = 0;
            int finite = 0;
            for (float value : values) {
                if (Float.isFinite(value)) {
                    sum += value;
                    squares += (double) value * value;
                    finite++;
                }
            }
            double mean = finite > 0 ? sum / finite : Double.NaN;
            double std = finite > 0 ? Math.sqrt(Math.max(0, squares / finite - mean * mean)) : Double.NaN;
            listener.on(new LayerDistributions(globalIteration, name, Histogram.of(flat(weights)), mean, std,
                    Histogram.of(values), deadUnitFraction(layer.conf().getLayer(), output.shape(), values)));
        }

        private static float[] flat(INDArray array) {
            return array.dup('c').reshape(array.length()).toFloatVector();
        }

        /** The learning rate the next minibatch is fitted with, as DL4J computes it (schedule included). */
        private double learningRate() {
            Double rate = network.getLearningRate(outputLayer);
            currentRate = rate == null ? Double.NaN : rate;
            return currentRate;
        }

        /** A learning rate the user asked for (e.g. while paused) replaces the current one and any schedule. */
        private void applyRequestedLearningRate(int epoch) {
            java.util.OptionalDouble requested = control.takeRequestedLearningRate();
            if (requested.isPresent()) {
                double old = learningRate();
                network.setLearningRate(requested.getAsDouble());
                listener.on(new LearningRateChanged(epoch, globalIteration, old, requested.getAsDouble()));
            }
        }

        /** Seconds spent on this process's part of the run, without pauses. */
        private double activeSeconds() {
            return (System.nanoTime() - startNanos - pausedNanos) / 1e9;
        }

        private long elapsedMillis() {
            return elapsedMillisBefore + (System.nanoTime() - startNanos) / 1_000_000;
        }

        /** Early stopping: remembers the epoch (and a copy of its parameters) if it is the best so far. */
        private void trackBestEpoch(EpochEnded ended) {
            EarlyStopping stopping = config.earlyStopping();
            if (!stopping.enabled()) {
                return;
            }
            double value = stopping.valueOf(ended);
            if (stopping.isImprovement(value, bestValue)) {
                bestValue = value;
                bestEpoch = ended.epoch();
                epochsSinceBest = 0;
                bestParameters = network.params().dup();
            } else {
                epochsSinceBest++;
            }
        }

        private boolean earlyStopDue() {
            return config.earlyStopping().enabled() && bestEpoch > 0
                    && epochsSinceBest >= config.earlyStopping().patience();
        }

        private Finish earlyStopped() {
            EarlyStopping stopping = config.earlyStopping();
            return new Finish(Outcome.COMPLETED, String.format(Locale.ROOT,
                    "Stopped early after %d epochs: the %s did not improve for %d epoch%s.", history.size(),
                    watched(), stopping.patience(), stopping.patience() == 1 ? "" : "s"));
        }

        /** The watched metric's name, saying when the training split stands in for a missing validation split. */
        private String watched() {
            String metric = config.earlyStopping().metric().toString();
            return data.validation().rows() > 0 ? metric
                    : metric.replace("validation", "training") + " (there are no validation rows)";
        }

        /**
         * With early stopping on, puts the best epoch's parameters back into the network and says so; returns the
         * run's final message.
         */
        private String keepBestEpoch(Finish finish) {
            if (!config.earlyStopping().enabled() || bestEpoch == 0 || finish.outcome() == Outcome.FAILED) {
                return finish.message();
            }
            if (bestEpoch != history.size() && bestParameters != null) {
                network.setParams(bestParameters);
            }
            listener.on(new BestEpochKept(bestEpoch, watched(), bestValue));
            return finish.message() + String.format(Locale.ROOT, " Kept the network of epoch %d (%s %.4f).",
                    bestEpoch, watched(), bestValue);
        }

        /** Writes the checkpoint after {@code epoch}, if asked to; a failure is reported and training goes on. */
        private void saveCheckpoint(int epoch) {
            if (options.checkpointFolder() == null) {
                return;
            }
            Checkpoint state = new Checkpoint(options.checkpointFolder(), epoch, globalIteration, config, history,
                    bestEpoch, epochsSinceBest, fitNanos, samplesFitted, elapsedMillis());
            try {
                Path written = Dl4jCheckpoints.write(options.checkpointFolder(), state, network,
                        bestEpoch != epoch ? bestParameters : null);
                listener.on(new CheckpointSaved(epoch, written.toString()));
            } catch (IOException | RuntimeException failure) {
                LOG.warn("Checkpoint after epoch {} failed", epoch, failure);
                listener.on(new CheckpointFailed(epoch, "The checkpoint after epoch " + epoch
                        + " could not be written to " + options.checkpointFolder() + " (" + describe(failure)
                        + "). Training goes on; check that the folder can be written to and the disk is not full."));
            }
        }

        /** The training rows of one epoch, freshly augmented (the same epoch always draws the same rows). */
        private EncodedSet epochRows(int epoch) {
            return augmentation.apply((EncodedSet) data.train(), new Random(config.seed() * 31 + epoch));
        }

        /** Asks the run control; blocks while paused. An interrupt counts as Stop. */
        private boolean mayContinue() {
            long before = System.nanoTime();
            try {
                return control.continueTraining();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                pausedNanos += System.nanoTime() - before;
            }
        }

        private Finish stopped() {
            int epochs = history.size();
            return new Finish(Outcome.STOPPED, "Stopped by you after " + epochs + (epochs == 1 ? " epoch." : " epochs."));
        }

        private Finish diverged(double loss, int epoch) {
            String what = Double.isNaN(loss) ? "NaN" : "infinite";
            return new Finish(Outcome.FAILED, "Training diverged: the loss became " + what + " in epoch " + epoch
                    + ". " + divergenceAdvice());
        }

        /** See {@link #EXPLODED_LOSS_FACTOR} and {@link #EXPLODED_LOSS_FLOOR}. */
        private boolean hasExploded(double loss) {
            return loss > EXPLODED_LOSS_FLOOR && loss > EXPLODED_LOSS_FACTOR * firstLoss;
        }

        private Finish exploded(double loss, int epoch) {
            return new Finish(Outcome.FAILED, String.format(Locale.ROOT, "Training diverged: the loss exploded to "
                    + "%.3g in epoch %d, over %,.0f times the %.3g it started at. ", loss, epoch, EXPLODED_LOSS_FACTOR,
                    firstLoss) + divergenceAdvice());
        }

        private String divergenceAdvice() {
            double rate = Double.isFinite(currentRate) ? currentRate : config.learningRate();
            String smaller = BigDecimal.valueOf(rate).divide(BigDecimal.TEN)
                    .stripTrailingZeros().toPlainString();
            return "The learning rate is probably too high — try 10× smaller (e.g. " + smaller + ")."
                    + " If that does not help, look for extremely large values in the data.";
        }

        private String completedMessage() {
            EpochEnded last = history.get(history.size() - 1);
            if (last.isRegression()) {
                boolean hasValidation = !Double.isNaN(last.validationMeanAbsoluteError());
                return String.format(Locale.ROOT, "Finished %d epoch%s: %s mean absolute error %.4g.", history.size(),
                        history.size() == 1 ? "" : "s", hasValidation ? "validation" : "training",
                        hasValidation ? last.validationMeanAbsoluteError() : last.trainMeanAbsoluteError());
            }
            boolean hasValidation = !Double.isNaN(last.validationAccuracy());
            return String.format(Locale.ROOT, "Finished %d epoch%s: %s accuracy %.1f%%.", history.size(),
                    history.size() == 1 ? "" : "s", hasValidation ? "validation" : "training",
                    100 * (hasValidation ? last.validationAccuracy() : last.trainAccuracy()));
        }

        /**
         * Regression: the mean squared error on standardized targets (what the network minimises) and the mean
         * absolute error in the label's own units, on a whole split.
         */
        private double[] squaredAndAbsoluteError(INDArray features, float[] targets) {
            double squared = 0;
            double absolute = 0;
            for (int from = 0; from < targets.length; from += EVALUATION_BATCH_ROWS) {
                int to = Math.min(targets.length, from + EVALUATION_BATCH_ROWS);
                float[] outputs = rowMajor(network.outputSingle(false,
                        features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())));
                for (int row = 0; row < to - from; row++) {
                    double error = outputs[row] - targets[from + row];
                    squared += error * error;
                    absolute += Math.abs(error);
                }
            }
            return new double[] {squared / targets.length, absolute / targets.length * data.target().scale()};
        }

        /** Mean cross-entropy and accuracy of the network on a whole split, in slices of the feature matrix. */
        private double[] lossAndAccuracy(INDArray features, int[] labels) {
            double[] sums = {0, 0};
            for (int from = 0; from < labels.length; from += EVALUATION_BATCH_ROWS) {
                int to = Math.min(labels.length, from + EVALUATION_BATCH_ROWS);
                float[] probabilities = rowMajor(network.outputSingle(false,
                        features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())));
                sums = addLossAndHits(probabilities, labels, from, to, sums);
            }
            return new double[] {sums[0] / labels.length, sums[1] / labels.length};
        }

        /**
         * The same as {@link #lossAndAccuracy(INDArray, int[])} for a split whose examples are read on demand (an
         * image folder's): each batch is copied out of the set, so only one batch is ever held as floats.
         */
        private double[] lossAndAccuracy(ExampleSet split) {
            int[] labels = split.labels();
            double[][] sums = {{0, 0}};
            forEachBatch(split, rowsPerEvaluationBatch(split.columns()), (features, from, to) -> sums[0] =
                    addLossAndHits(rowMajor(network.outputSingle(false, features)), labels, from, to, sums[0]));
            return new double[] {sums[0][0] / labels.length, sums[0][1] / labels.length};
        }

        /** Adds the cross-entropy and the count of right answers of rows {@code from}..{@code to} to the sums. */
        private static double[] addLossAndHits(float[] probabilities, int[] labels, int from, int to, double[] sums) {
            double lossSum = sums[0];
            long correct = (long) sums[1];
            int classes = probabilities.length / (to - from);
            for (int row = 0; row < to - from; row++) {
                int offset = row * classes;
                int label = labels[from + row];
                lossSum -= Math.log(Math.max(probabilities[offset + label], PROBABILITY_FLOOR));
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (probabilities[offset + c] > probabilities[offset + best]) {
                        best = c;
                    }
                }
                if (best == label) {
                    correct++;
                }
            }
            return new double[] {lossSum, correct};
        }
    }

    /** How the epoch loop ended. */
    private record Finish(Outcome outcome, String message) {
    }

    /**
     * The values of a matrix in row-major order, copied in one go ({@code INDArray.toFloatMatrix()} reads element by
     * element and took longer than the forward pass itself).
     */
    static float[] rowMajor(INDArray matrix) {
        return matrix.dup('c').data().asFloat();
    }

    /** Rows per forward pass over a split read on demand: up to {@link #EVALUATION_BATCH_ROWS}, fewer for big images. */
    static int rowsPerEvaluationBatch(int columns) {
        return Math.max(1, Math.min(EVALUATION_BATCH_ROWS, EVALUATION_BATCH_VALUES / Math.max(1, columns)));
    }

    /** What is done with one batch of {@link #forEachBatch}: rows {@code from}..{@code to} as a float matrix. */
    interface BatchAction {
        void accept(INDArray features, int from, int to);
    }

    /**
     * Goes through a whole split in its own order, unaugmented, {@code batchRows} rows at a time: each batch is
     * copied out of the set into a new matrix, so a set that decodes its examples on demand (an image folder's) is
     * never held whole as floats.
     */
    static void forEachBatch(ExampleSet set, int batchRows, BatchAction action) {
        int rows = set.rows();
        int columns = set.columns();
        int[] inOrder = new int[rows];
        Arrays.setAll(inOrder, i -> i);
        for (int from = 0; from < rows; from += batchRows) {
            int to = Math.min(rows, from + batchRows);
            float[] values = new float[(to - from) * columns];
            set.copyRows(inOrder, from, to, values, 0);
            action.accept(Nd4j.create(values, new long[] {to - from, columns}, 'c'), from, to);
        }
    }

    /** The split's features as a {@code rows × columns} float matrix (one copy into native memory). */
    private static INDArray matrix(EncodedSet set) {
        return Nd4j.create(set.features(), new long[] {set.rows(), set.columns()}, 'c');
    }

    /**
     * Writes the rows of {@code set} in a random order into {@code features} (row-major), their one-hot labels
     * (for regression: their targets, one per row) into {@code oneHot} and their class indices into {@code labelsOut}: the contiguous copy that an epoch's
     * minibatches are sliced from.
     */
    static void shuffleInto(EncodedSet set, int classes, Random random, float[] features, float[] oneHot,
                            int[] labelsOut) {
        int rows = set.rows();
        int columns = set.columns();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) { // Fisher–Yates
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        Arrays.fill(oneHot, 0f);
        float[] source = set.features();
        int[] labels = set.labels();
        float[] targets = set.targets();
        for (int i = 0; i < rows; i++) {
            System.arraycopy(source, order[i] * columns, features, i * columns, columns);
            labelsOut[i] = labels[order[i]];
            if (targets != null) {
                oneHot[i] = targets[order[i]]; // regression: one column, the number itself
            } else {
                oneHot[i * classes + labelsOut[i]] = 1f;
            }
        }
    }

    /**
     * Whether {@code failure} means memory ran out: the JVM heap ({@link OutOfMemoryError}, also thrown by JavaCPP
     * when off-heap memory passes {@code org.bytedeco.javacpp.maxbytes}) or the native allocator, which ND4J
     * reports as a {@code RuntimeException} such as "Allocation failed: [std::bad_alloc]".
     */
    static boolean isOutOfMemory(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("bad_alloc") || message.contains("allocation failed")
                    || message.contains("cannot allocate") || message.contains("out of memory")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable cause = Failures.rootCause(failure);
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /**
     * The share of a layer's units that output 0 in every measured row: "dead" ReLU units (see
     * {@link LayerDistributions#deadUnitFraction()}). A ReLU outputs exactly 0 for every input at or below 0, and then
     * passes no gradient back, so a unit whose input is negative for every row has stopped learning; one that is
     * positive for even one row is alive. Only plain ReLU (and ReLU6) qualify: leaky ReLU, ELU, tanh and the others
     * are never stuck at 0, so their share is NaN.
     *
     * @param layer  the layer's configuration (its activation, and where its units lie in its output)
     * @param shape  the shape of the layer's output: rows first, then units (Dense), channels and positions
     *               (convolution, NCHW or NHWC as configured) or units and time steps (recurrent, NCW or NWC)
     * @param values that output flattened in C order
     */
    static double deadUnitFraction(org.deeplearning4j.nn.conf.layers.Layer layer, long[] shape, float[] values) {
        if (!(layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) || !stopsAtZero(base.getActivationFn())
                || shape.length < 2 || values.length == 0) {
            return Double.NaN;
        }
        int axis = unitAxis(layer, shape.length);
        int units = (int) shape[axis];
        long stride = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        if (units <= 0 || stride <= 0) {
            return Double.NaN;
        }
        boolean[] alive = new boolean[units];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] <= 0f)) { // NaN counts as alive: the run fails on it anyway, not a dead unit
                alive[(int) ((i / stride) % units)] = true;
            }
        }
        int dead = 0;
        for (boolean unitAlive : alive) {
            dead += unitAlive ? 0 : 1;
        }
        return (double) dead / units;
    }

    /** Whether the activation outputs exactly 0 for all negative inputs (plain ReLU and ReLU6). */
    private static boolean stopsAtZero(org.nd4j.linalg.activations.IActivation activation) {
        if (activation instanceof org.nd4j.linalg.activations.impl.ActivationReLU relu) {
            return (relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0)
                    && (relu.getThreshold() == null || relu.getThreshold() >= 0);
        }
        return activation instanceof org.nd4j.linalg.activations.impl.ActivationReLU6;
    }

    /** Which axis of a layer's output counts its units: channels for images and sequences, as the layer lays them out. */
    private static int unitAxis(org.deeplearning4j.nn.conf.layers.Layer layer, int rank) {
        if (rank == 4 && layer instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer convolution) {
            return convolution.getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC ? 3 : 1;
        }
        if (rank == 4 && layer instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization normalization) {
            return normalization.getCnn2DFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC ? 3 : 1;
        }
        if (rank == 3 && layer instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer recurrent) {
            return recurrent.getRnnDataFormat() == org.deeplearning4j.nn.conf.RNNFormat.NWC ? 2 : 1;
        }
        return 1;
    }
}
