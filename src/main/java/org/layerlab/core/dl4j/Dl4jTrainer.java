package org.layerlab.core.dl4j;

import java.math.BigDecimal;
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
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainedModel;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
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
 * a run is repeatable) into one contiguous matrix, which is then fitted minibatch by minibatch as row slices of
 * that matrix — no per-batch gathering. The {@link RunControl} is asked before every minibatch, so Stop and Pause
 * act within one iteration. After each epoch the loss and accuracy on the whole training and validation splits are
 * reported; that loss is the multi-class cross-entropy of the outputs read as class probabilities, whatever loss the
 * Output layer trains with (the same for softmax; comparable across networks). For regression (identity output,
 * standardized targets) the loss is the mean squared error on the standardized targets, and the mean absolute
 * error in the label's own units takes the place of accuracy.
 *
 * <p>A network that cannot train (see {@link ShapeInference}) is refused before anything is built, with its first
 * problem as the message.
 *
 * <p>Failures never escape: a loss that turns NaN or infinite, running out of memory, or any other error ends
 * the run with {@link Outcome#FAILED} and a message the user can act on. Exactly one {@link RunStarted} is
 * emitted first and exactly one {@link RunFinished} last.
 */
public final class Dl4jTrainer implements Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jTrainer.class);

    /** Rows per forward pass when measuring loss and accuracy on a whole split. */
    static final int EVALUATION_BATCH_ROWS = 4096;
    /** Probabilities are clipped here before the logarithm, as DL4J's {@code LossMCXENT} does. */
    private static final double PROBABILITY_FLOOR = 1e-10;

    /** Drawn afresh on the training rows every epoch; null for none. */
    private final TableAugmentation augmentation;

    public Dl4jTrainer() {
        this(null);
    }

    /**
     * A trainer that augments the training rows every epoch (noise, oversampling); the training metrics of an epoch
     * are then measured on that epoch's augmented rows.
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
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(config, "config");
        return new Run(data, network, config,
                listener == null ? TrainingListener.NONE : listener,
                control == null ? new RunControl() : control).execute();
    }

    /** The state of one training run; used once. */
    private final class Run {
        private final PreparedData data;
        private final NetworkGraph graph;
        private final TrainingConfig config;
        private final TrainingListener listener;
        private final RunControl control;
        private final long startNanos = System.nanoTime();
        private final List<EpochEnded> history = new ArrayList<>();

        private String backendSummary = "";
        private boolean started;
        private ComputationGraph network;
        private long fitNanos;
        private long samplesFitted;

        Run(PreparedData data, NetworkGraph graph, TrainingConfig config, TrainingListener listener,
            RunControl control) {
            this.data = data;
            this.graph = graph;
            this.config = config;
            this.listener = listener;
            this.control = control;
        }

        TrainingResult execute() {
            Outcome outcome;
            String message;
            try {
                BackendInfo backend = backend();
                backendSummary = backend.summary();
                String problem = !Nd4jBackend.isUsable() ? backend.explanation() : dataProblem();
                if (problem == null) {
                    problem = networkProblem();
                }
                if (problem != null) {
                    start(plannedParameters());
                    outcome = Outcome.FAILED;
                    message = problem;
                } else {
                    network = Dl4jNetworkFactory.create(graph, signature(), config);
                    start(network.numParams());
                    Finish finish = fitAllEpochs();
                    outcome = finish.outcome();
                    message = finish.message();
                }
            } catch (RuntimeException | Error failure) {
                outcome = Outcome.FAILED;
                if (isOutOfMemory(failure)) {
                    network = null; // let the memory go before anything else happens
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
            double fitSeconds = fitNanos / 1e9;
            TrainedModel model = network == null ? null : new Dl4jModel(network, data.train().columns());
            return new TrainingResult(model, history, outcome, message,
                    fitSeconds > 0 ? samplesFitted / fitSeconds : 0, backendSummary);
        }

        private void start(long parameterCount) {
            started = true;
            listener.on(new RunStarted(backendSummary, config.epochs(), iterationsPerEpoch(), data.train().rows(),
                    parameterCount));
        }

        private int iterationsPerEpoch() {
            return (data.train().rows() + config.batchSize() - 1) / config.batchSize();
        }

        private DataSignature signature() {
            return data.isRegression() ? DataSignature.regressionTable(data.train().columns())
                    : DataSignature.table(data.train().columns(), data.classCount());
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
            EncodedSet train = data.train();
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
            for (EncodedSet split : List.of(train, data.validation())) {
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
            for (EncodedSet split : List.of(data.train(), data.validation())) {
                for (float target : split.targets()) {
                    if (!Float.isFinite(target)) {
                        return "A row's value to predict is missing or not a finite number.";
                    }
                }
            }
            return null;
        }

        private Finish fitAllEpochs() {
            EncodedSet train = epochRows(1);
            int rows = train.rows();
            int columns = train.columns();
            int classes = data.classCount();
            int batchSize = config.batchSize();

            // Allocated once per run and refilled with a new shuffle each epoch. The same matrix also serves to
            // measure the whole training split after the epoch (the order does not matter there), so the training
            // features live only once in native memory.
            float[] shuffledFeatures = new float[rows * columns];
            float[] shuffledOneHot = new float[rows * classes];
            int[] shuffledClasses = new int[rows];
            INDArray epochFeatures = Nd4j.create(DataType.FLOAT, rows, columns);
            INDArray epochLabels = Nd4j.create(DataType.FLOAT, rows, classes);
            INDArray validationFeatures = data.validation().rows() > 0 ? matrix(data.validation()) : null;

            long globalIteration = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                if (epoch > 1 && augmentation != null) {
                    train = epochRows(epoch); // oversampling draws the same number of rows every epoch
                }
                shuffleInto(train, classes, new Random(config.seed() + epoch), shuffledFeatures, shuffledOneHot,
                        shuffledClasses);
                epochFeatures.data().setData(shuffledFeatures);
                epochLabels.data().setData(shuffledOneHot);

                long epochFitNanos = 0;
                int iteration = 0;
                for (int from = 0; from < rows; from += batchSize) {
                    if (!mayContinue()) {
                        return stopped();
                    }
                    int to = Math.min(rows, from + batchSize);
                    DataSet batch = new DataSet(
                            epochFeatures.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                            epochLabels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
                    long before = System.nanoTime();
                    network.fit(batch);
                    long spent = System.nanoTime() - before;
                    epochFitNanos += spent;
                    fitNanos += spent;
                    samplesFitted += to - from;
                    iteration++;
                    globalIteration++;
                    double loss = network.score();
                    if (!Double.isFinite(loss)) {
                        return diverged(loss, epoch);
                    }
                    listener.on(new IterationDone(epoch, iteration, globalIteration, loss));
                }
                network.incrementEpochCount();

                double[] trainMetrics = data.isRegression() ? squaredAndAbsoluteError(epochFeatures, shuffledOneHot)
                        : lossAndAccuracy(epochFeatures, shuffledClasses);
                if (!Double.isFinite(trainMetrics[0])) {
                    return diverged(trainMetrics[0], epoch);
                }
                double[] validationMetrics = validationFeatures == null ? new double[] {Double.NaN, Double.NaN}
                        : data.isRegression() ? squaredAndAbsoluteError(validationFeatures, data.validation().targets())
                        : lossAndAccuracy(validationFeatures, data.validation().labels());
                double epochSeconds = epochFitNanos / 1e9;
                double samplesPerSecond = epochSeconds > 0 ? rows / epochSeconds : 0;
                long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
                EpochEnded ended = data.isRegression()
                        ? new EpochEnded(epoch, config.epochs(), trainMetrics[0], Double.NaN, validationMetrics[0],
                                Double.NaN, samplesPerSecond, elapsedMillis, trainMetrics[1], validationMetrics[1])
                        : new EpochEnded(epoch, config.epochs(), trainMetrics[0], trainMetrics[1],
                                validationMetrics[0], validationMetrics[1], samplesPerSecond, elapsedMillis);
                history.add(ended);
                listener.on(ended);
            }
            return new Finish(Outcome.COMPLETED, completedMessage());
        }

        /** The training rows of one epoch: as prepared, or freshly augmented. */
        private EncodedSet epochRows(int epoch) {
            return augmentation == null ? data.train()
                    : augmentation.apply(data.train(), new Random(config.seed() * 31 + epoch));
        }

        /** Asks the run control; blocks while paused. An interrupt counts as Stop. */
        private boolean mayContinue() {
            try {
                return control.continueTraining();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private Finish stopped() {
            int epochs = history.size();
            return new Finish(Outcome.STOPPED, "Stopped by you after " + epochs + (epochs == 1 ? " epoch." : " epochs."));
        }

        private Finish diverged(double loss, int epoch) {
            String what = Double.isNaN(loss) ? "NaN" : "infinite";
            String smaller = BigDecimal.valueOf(config.learningRate()).divide(BigDecimal.TEN)
                    .stripTrailingZeros().toPlainString();
            return new Finish(Outcome.FAILED, "Training diverged: the loss became " + what + " in epoch " + epoch
                    + ". The learning rate is probably too high — try 10× smaller (e.g. " + smaller + ")."
                    + " If that does not help, look for extremely large values in the data.");
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
            double lossSum = 0;
            long correct = 0;
            for (int from = 0; from < labels.length; from += EVALUATION_BATCH_ROWS) {
                int to = Math.min(labels.length, from + EVALUATION_BATCH_ROWS);
                float[] probabilities = rowMajor(network.outputSingle(false,
                        features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())));
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
            }
            return new double[] {lossSum / labels.length, (double) correct / labels.length};
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
}
