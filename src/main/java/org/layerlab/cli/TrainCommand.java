package org.layerlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.LabelGuesser;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TableReader;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.experiment.RunReport;
import org.layerlab.core.export.HtmlReport;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;
import org.layerlab.core.train.Checkpoint;
import org.layerlab.core.train.CheckpointStore;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code layerlab train}: trains a network — the default MLP, {@code --hidden} Dense layers, a {@code --template},
 * or whatever network a saved project holds, branching ones included — on a CSV file (or as a saved project says),
 * prints progress, evaluates on the test split and optionally writes a JSON report and the model. A network that
 * cannot train is refused before training, with each problem and its suggested fix (exit code 2).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on a CSV file or a saved project, then evaluate it on the test split.")
public final class TrainCommand implements Callable<Integer> {
    /** "28x28", "28 x 28" or "28×28": width, then height (nine digits at most, so that they fit an int). */
    private static final Pattern IMAGE_SIZE = Pattern.compile("(\\d{1,9})\\s*[xX×]\\s*(\\d{1,9})");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PROJECT_FILE",
            description = "A LayerLab project file (" + ProjectStore.EXTENSION + ") to train as saved.")
    Path projectFile;

    @Option(names = "--data", paramLabel = "FILE.csv|FOLDER",
            description = "The data table (CSV or TSV), or a folder of images with one subfolder per class.")
    Path dataFile;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The column to predict (default: guessed from the column names).")
    String label;

    @Option(names = "--task", paramLabel = "classification|regression",
            description = "Predict classes or a number (default: guessed from the label column).")
    String task;

    @Option(names = "--exclude", paramLabel = "COLUMN", split = ",",
            description = "Columns to leave out of the features, e.g. name,ticket (IDs, or columns that give the "
                    + "answer away).")
    List<String> exclude;

    @Option(names = "--noise", paramLabel = "X",
            description = "Augment the training rows every epoch with Gaussian noise of this spread on the number "
                    + "inputs (standardized units, e.g. 0.1).")
    Double noise;

    @Option(names = "--oversample",
            description = "Draw rows of the smaller classes again every epoch until each class is as large as the "
                    + "largest (training rows only).")
    boolean oversample;

    @Option(names = "--hidden", paramLabel = "64,32", split = ",",
            description = "Units of each hidden Dense layer (ReLU), e.g. 64,32 (default: 64,32).")
    List<Integer> hidden;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Train a ready-made network, adapted to the data (see: layerlab templates).")
    String template;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: 100).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Rows per training step (default: 32).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate (default: 0.01).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed for the split and the training (default: 42).")
    Long seed;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "How the weights are moved: sgd, nesterov, adam, adamw, rmsprop or adagrad (default: adam).")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "SCHEDULE",
            description = "How the learning rate changes: none, step[:FACTOR[:EVERY]], exponential[:FACTOR], cosine "
                    + "or warmup[:EPOCHS]; add a warm-up with +, e.g. cosine+warmup:2 (default: none).")
    String schedule;

    @Option(names = "--l2", paramLabel = "X",
            description = "L2 penalty on the weights of layers that have none of their own, e.g. 0.0001 (default: 0).")
    Double l2;

    @Option(names = "--clip", paramLabel = "X",
            description = "Clip each layer's gradient to this size before each step, e.g. 1.0 (default: off).")
    Double clip;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop once the validation loss has not improved for this many epochs, and keep the best "
                    + "epoch's network (default: off).")
    Integer earlyStopping;

    @Option(names = "--early-stopping-metric", paramLabel = "METRIC",
            description = "What early stopping watches: val_loss or val_accuracy (default: val_loss).")
    String earlyStoppingMetric;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Save a checkpoint of the run here after every epoch, to resume from with --resume.")
    Path checkpointDir;

    @Option(names = "--resume", paramLabel = "CHECKPOINT_DIR",
            description = "Continue the run checkpointed in this folder, up to --epochs epochs in total, with its "
                    + "settings (give the same data or project). It keeps checkpointing there unless --checkpoint-dir "
                    + "says otherwise.")
    Path resume;

    @Option(names = "--image-size", paramLabel = "WxH",
            description = "Image folders: resize every image to this width × height in pixels, e.g. 28x28 "
                    + "(default: from the images).")
    String imageSize;

    @Option(names = "--grayscale", description = "Image folders: read the images in grayscale, 1 channel "
            + "(default: from the images).")
    boolean grayscale;

    @Option(names = {"--colour", "--color"}, description = "Image folders: read the images in colour, 3 channels "
            + "(default: from the images).")
    boolean colour;

    @Option(names = "--report", paramLabel = "REPORT.json", description = "Write a JSON report of the run here.")
    Path report;

    @Option(names = "--html", paramLabel = "REPORT.html",
            description = "Write a report of the run (settings, curves, metrics, confusion matrix) as a web page.")
    Path html;

    @Option(names = "--save-model", paramLabel = "MODEL.zip",
            description = "Save the trained model (network, preprocessing, classes) here, for predict and serve.")
    Path saveModel;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Project project = buildProject(out);
        if (project.isImageFolder()) {
            return trainOnImages(project, out);
        }
        Table table = TableReader.read(project.dataFile());
        out.printf(Locale.ROOT, "Data: %s (%d rows, %d columns), label '%s'%n", project.dataFile().getFileName(),
                table.rowCount(), table.columnCount(), project.labelColumn());
        PreparedExperiment experiment = PreparedExperiment.prepare(project, table);
        out.println("Task: " + experiment.task().plainName()
                + (project.task() == null ? " (guessed from the label; choose with --task)" : ""));
        experiment.data().notes().forEach(note -> out.println("Note: " + note));
        if (template != null) {
            // A template adapts to the data, so it is built once the data's shape and classes are known.
            Template chosen = Templates.find(template).orElseThrow();
            experiment = experiment.withNetwork(chosen.buildFor(experiment.data().signature()));
            project = experiment.project();
            out.println("Template: " + chosen.name() + " (" + chosen.id() + ")");
        }
        out.printf(Locale.ROOT, "Split: %d train / %d validation / %d test rows (seed %d)%n",
                experiment.data().train().rows(), experiment.data().validation().rows(),
                experiment.data().test().rows(), project.split().seed());
        GraphAnalysis analysis = ShapeInference.analyse(project.network(), experiment.data().signature());
        out.printf(Locale.ROOT, "Network: %s, %,d parameters%n", analysis.describe(project.network()),
                analysis.totalParameters());
        out.flush();
        if (!analysis.trainable()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Error: the network cannot be trained yet.");
            NetworkReport.printProblems(err, project.network(), analysis);
            if (projectFile != null && template == null && hidden == null) {
                err.println("(See every layer's shape with: layerlab validate " + projectFile + ")");
            }
            return UserErrorHandler.BAD_INPUT;
        }

        // The project's augmentation, with what the options say on top.
        TableAugmentation saved = project.preprocessing().augmentation();
        TableAugmentation augmentation = new TableAugmentation(noise == null ? saved.noise() : noise,
                oversample || saved.oversample());
        if (!augmentation.isNone()) {
            List<String> parts = new java.util.ArrayList<>();
            if (augmentation.noise() > 0) {
                parts.add("noise " + augmentation.noise());
            }
            if (augmentation.oversample()) {
                parts.add(experiment.task() == TaskType.REGRESSION ? "no oversampling (it needs classes)"
                        : String.format(Locale.ROOT, "oversampling of the smaller classes (%,d rows per epoch)",
                                augmentation.rowsPerEpoch(experiment.data().trainTable())));
            }
            out.println("Augmentation of the training rows each epoch: " + String.join("; ", parts));
        }
        Dl4jTrainer trainer = new Dl4jTrainer();
        out.println("Backend: " + trainer.backend().summary());
        if (!trainer.backend().explanation().isBlank()) {
            out.println("         " + trainer.backend().explanation());
        }
        if (resume != null) {
            out.printf(Locale.ROOT, "Resuming from %s after epoch %d%n", resumedFrom.folder(), resumedFrom.epoch());
        }
        out.flush();
        // A resumed run goes on checkpointing where it came from, so it can be resumed again.
        Path checkpoints = checkpointDir != null ? checkpointDir
                : resumedFrom != null ? resumedFrom.folder().toAbsolutePath().getParent() : null;
        RunOptions options = new RunOptions(checkpoints, resume, augmentation);
        TrainingResult result = trainer.train(experiment.data(), project.network(), project.training(),
                new ProgressPrinter(out, project.training().epochs()), new RunControl(), options);
        if (result.outcome() == TrainingEvent.Outcome.FAILED) {
            spec.commandLine().getErr().println("Error: " + result.message());
            return 1;
        }
        ObjectNode json;
        ModelBundle bundle;
        if (experiment.task() == TaskType.REGRESSION) {
            RegressionEvaluation test = experiment.evaluateRegressionOnTest(result.model());
            printRegression(out, test, result);
            json = RunReport.toJson(experiment, result, test);
            bundle = experiment.bundle(result.model(), test);
        } else {
            Evaluation test = experiment.evaluateOnTest(result.model());
            printEvaluation(out, test, result);
            json = RunReport.toJson(experiment, result, test);
            bundle = experiment.bundle(result.model(), test);
        }
        if (report != null) {
            RunReport.write(json, report);
            out.println("Report written to " + report);
        }
        if (html != null) {
            AtomicFiles.write(html, HtmlReport.of(json,
                    "LayerLab run: predicting '" + project.labelColumn() + "' from "
                            + project.dataFile().getFileName()).getBytes(StandardCharsets.UTF_8));
            out.println("Web page report written to " + html);
        }
        if (saveModel != null) {
            ModelBundleStore.save(bundle, saveModel);
            out.println("Model saved to " + saveModel);
        }
        out.flush();
        return 0;
    }

    private int trainOnImages(Project project, PrintWriter out) throws IOException {
        if (label != null) {
            throw new IllegalArgumentException("An image folder has no label column: each image's class is its "
                    + "folder's name. Leave out --label.");
        }
        out.printf(Locale.ROOT, "Data: image folder %s%n", project.dataFile());
        out.flush();
        ImageExperiment experiment = ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false);
        out.printf(Locale.ROOT, "Classes: %d (%s), %,d images%n", experiment.folder().classNames().size(),
                String.join(", ", experiment.folder().classNames().subList(0,
                        Math.min(12, experiment.folder().classNames().size())))
                        + (experiment.folder().classNames().size() > 12 ? ", …" : ""),
                experiment.folder().imageCount());
        boolean automaticShape = project.images().automaticSize() && project.images().automaticChannels();
        experiment.data().notes().forEach(note -> out.println("Note: " + note
                + (automaticShape && note.startsWith("Images are read as")
                ? " Choose another size or colour with --image-size WxH, --grayscale or --colour." : "")));
        boolean defaultNetwork = projectFile == null && hidden == null;
        String templateId = template != null ? template : defaultNetwork ? ImageExperiment.DEFAULT_TEMPLATE : null;
        if (templateId != null) {
            Template chosen = Templates.find(templateId).orElseThrow();
            experiment = experiment.withNetwork(chosen.buildFor(experiment.data().signature()));
            out.println("Template: " + chosen.name() + " (" + chosen.id() + ")"
                    + (template == null ? " — the default for images; choose another with --template" : ""));
        }
        project = experiment.project();
        out.printf(Locale.ROOT, "Split: %d train / %d validation / %d test images (%s)%n",
                experiment.data().train().rows(), experiment.data().validation().rows(),
                experiment.data().test().rows(), experiment.folder().preSplit() ? "as the folder has them"
                        : "seed " + project.split().seed());
        GraphAnalysis analysis = ShapeInference.analyse(project.network(), experiment.data().signature());
        out.printf(Locale.ROOT, "Network: %s, %,d parameters%n", analysis.describe(project.network()),
                analysis.totalParameters());
        out.flush();
        if (!analysis.trainable()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Error: the network cannot be trained on these images yet.");
            NetworkReport.printProblems(err, project.network(), analysis);
            return UserErrorHandler.BAD_INPUT;
        }
        Dl4jTrainer trainer = new Dl4jTrainer();
        out.println("Backend: " + trainer.backend().summary());
        out.flush();
        TrainingResult result = trainer.train(experiment.data(), project.network(), project.training(),
                new ProgressPrinter(out, project.training().epochs()), new RunControl());
        if (result.outcome() == TrainingEvent.Outcome.FAILED) {
            spec.commandLine().getErr().println("Error: " + result.message());
            return 1;
        }
        Evaluation test = experiment.evaluateOnTest(result.model());
        printEvaluation(out, test, result);
        ObjectNode json = RunReport.toJson(project, experiment.data(), result, test);
        if (report != null) {
            RunReport.write(json, report);
            out.println("Report written to " + report);
        }
        if (html != null) {
            AtomicFiles.write(html, HtmlReport.of(json, "LayerLab run: classifying the images of "
                    + project.dataFile().getFileName()).getBytes(StandardCharsets.UTF_8));
            out.println("Web page report written to " + html);
        }
        if (saveModel != null) {
            ModelBundleStore.save(experiment.bundle(result.model(), test), saveModel);
            out.println("Model saved to " + saveModel);
        }
        out.flush();
        return 0;
    }

    /** The checkpoint given with --resume, read before anything else so that its settings apply. */
    private Checkpoint resumedFrom;

    private Project buildProject(PrintWriter out) throws IOException {
        if (resume != null) {
            try {
                resumedFrom = CheckpointStore.read(resume);
            } catch (IOException unreadable) {
                throw new IllegalArgumentException(unreadable.getMessage(), unreadable);
            }
        }
        Project project;
        if (projectFile != null) {
            if (dataFile != null) {
                throw new IllegalArgumentException("Give either a project file or --data, not both.");
            }
            project = ProjectStore.load(projectFile);
            if (!Files.exists(project.dataFile())) {
                throw new DataProblem("The project's data file '" + project.dataFile() + "' does not exist. "
                        + "Move it back, or open the project in the app and choose the file again.");
            }
        } else {
            if (dataFile == null) {
                throw new IllegalArgumentException("Tell LayerLab what to train on: --data FILE.csv, or a project file.");
            }
            if (Files.isDirectory(dataFile)) {
                return withCommandLineSettings(Project.forImageFolder(dataFile.toAbsolutePath())
                        .withTraining(ImageExperiment.defaultTraining()));
            }
            String labelColumn = label;
            if (labelColumn == null) {
                Table table = TableReader.read(dataFile);
                labelColumn = LabelGuesser.guess(table).orElseThrow(() -> new DataProblem(
                        "LayerLab could not guess which column to predict. Name it with --label COLUMN."));
                out.println("Label column guessed: '" + labelColumn + "' (choose another with --label)");
            }
            project = Project.withDefaults(dataFile.toAbsolutePath(), labelColumn);
        }
        return withCommandLineSettings(project);
    }

    private Project withCommandLineSettings(Project project) {
        if (label != null && !project.isImageFolder()) {
            project = project.withLabel(label);
        }
        if (exclude != null) {
            project = project.withPreprocessing(project.preprocessing().withExcludedColumns(exclude));
        }
        if (task != null) {
            TaskType chosen = TaskType.fromName(task);
            if (chosen == null) {
                throw new IllegalArgumentException("There is no task '" + task + "'. Choose classification or "
                        + "regression.");
            }
            project = project.withTask(chosen);
        }
        if (hidden != null && template != null) {
            throw new IllegalArgumentException("Give either --hidden or --template, not both.");
        }
        if (template != null && Templates.find(template).isEmpty()) {
            throw new IllegalArgumentException("There is no template '" + template + "'. Choose one of "
                    + Templates.ids() + ".");
        }
        project = withImageShape(project);
        if (hidden != null) {
            project = project.withNetwork(NetworkGraph.mlp(hidden, Activation.RELU));
        }
        // A resumed run keeps the settings it was started with, unless told otherwise.
        TrainingConfig config = resumedFrom != null ? resumedFrom.config() : project.training();
        config = config.withBasics(
                epochs != null ? epochs : config.epochs(),
                batch != null ? batch : config.batchSize(),
                learningRate != null ? learningRate : config.learningRate(),
                seed != null ? seed : config.seed());
        project = project.withTraining(withOptions(config));
        if (seed != null) {
            SplitSettings split = project.split();
            project = project.withSplit(split.withSeed(seed));
        } else if (resumedFrom != null && projectFile == null) {
            // Without a project file the split's seed is the training seed (--seed sets both), so the resumed run
            // must split with the seed the checkpointed run had.
            project = project.withSplit(project.split().withSeed(config.seed()));
        }
        return project;
    }

    /** --image-size, --grayscale and --colour, checked as the app's image settings are; for image folders only. */
    private Project withImageShape(Project project) {
        if (imageSize == null && !grayscale && !colour) {
            return project;
        }
        if (!project.isImageFolder()) {
            throw new IllegalArgumentException("--image-size, --grayscale and --colour are for a folder of images, "
                    + "not a table. Leave them out, or give --data a folder with one subfolder per class.");
        }
        if (grayscale && colour) {
            throw new IllegalArgumentException("Give either --grayscale or --colour, not both.");
        }
        ImageOptions images = project.images();
        int channels = grayscale ? 1 : colour ? 3 : images.channels();
        int height = images.height();
        int width = images.width();
        if (imageSize != null) {
            Matcher size = IMAGE_SIZE.matcher(imageSize.strip());
            if (!size.matches()) {
                throw new IllegalArgumentException("The image size must be width x height in pixels, e.g. "
                        + "--image-size 28x28; '" + imageSize + "' is not.");
            }
            width = Integer.parseInt(size.group(1));
            height = Integer.parseInt(size.group(2));
        }
        Optional<String> problem = ImageOptions.problem(channels, height, width);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return project.withImages(images.withSize(channels, height, width));
    }

    /** The settings beyond the basics, from their flags; unknown names are refused with the accepted ones. */
    private TrainingConfig withOptions(TrainingConfig config) {
        if (optimizer != null) {
            config = config.withOptimizer(Optimizer.byId(optimizer).orElseThrow(() -> new IllegalArgumentException(
                    "There is no optimizer '" + optimizer + "'. Choose one of " + Optimizer.ids() + ".")));
        }
        if (schedule != null) {
            config = config.withSchedule(LearningRateSchedule.parse(schedule));
        }
        if (l2 != null) {
            config = config.withRegularization(config.l1(), l2);
        }
        if (clip != null) {
            config = config.withGradientClip(clip);
        }
        if (earlyStopping != null || earlyStoppingMetric != null) {
            EarlyStopping.Metric metric = config.earlyStopping().metric();
            if (earlyStoppingMetric != null) {
                metric = EarlyStopping.Metric.byId(earlyStoppingMetric).orElseThrow(() -> new IllegalArgumentException(
                        "Early stopping can watch val_loss or val_accuracy, not '" + earlyStoppingMetric + "'."));
            }
            int patience = earlyStopping != null ? earlyStopping : Math.max(1, config.earlyStopping().patience());
            config = config.withEarlyStopping(new EarlyStopping(metric, patience));
        }
        return config;
    }

    private static void printRegression(PrintWriter out, RegressionEvaluation test, TrainingResult result) {
        out.println();
        if (result.outcome() == TrainingEvent.Outcome.STOPPED) {
            out.println(result.message());
        }
        out.printf(Locale.ROOT, "Test MAE %.4f   RMSE %.4f   R² %.4f   (%d rows)%n", test.meanAbsoluteError(),
                test.rootMeanSquaredError(), test.r2(), test.count());
        out.printf(Locale.ROOT, "Training speed: %,.0f samples/s on %s%n", result.trainSamplesPerSecond(),
                result.backend());
    }

    private static void printEvaluation(PrintWriter out, Evaluation test, TrainingResult result) {
        out.println();
        if (result.outcome() == TrainingEvent.Outcome.STOPPED || result.bestEpoch() > 0) {
            out.println(result.message());
        }
        out.printf(Locale.ROOT, "Test accuracy %.4f   macro precision %.4f   macro recall %.4f   macro F1 %.4f%n",
                test.accuracy(), test.macroPrecision(), test.macroRecall(), test.macroF1());
        int width = Math.max(8, test.classes().stream().mapToInt(String::length).max().orElse(8));
        out.printf(Locale.ROOT, "%-" + width + "s  precision  recall      f1  support%n", "class");
        for (int c = 0; c < test.classes().size(); c++) {
            out.printf(Locale.ROOT, "%-" + width + "s  %9.4f  %6.4f  %6.4f  %7d%n", test.classes().get(c),
                    test.precision(c), test.recall(c), test.f1(c), test.support(c));
        }
        out.printf(Locale.ROOT, "Training speed: %,.0f samples/s on %s%n", result.trainSamplesPerSecond(),
                result.backend());
    }

    /** Prints about twenty progress lines per run, whatever the number of epochs. */
    private static final class ProgressPrinter implements TrainingListener {
        private final PrintWriter out;
        private final int step;
        private boolean checkpointFailureShown;

        ProgressPrinter(PrintWriter out, int epochs) {
            this.out = out;
            this.step = Math.max(1, (epochs + 19) / 20);
        }

        @Override
        public void on(TrainingEvent event) {
            if (event instanceof TrainingEvent.CheckpointFailed failed && !checkpointFailureShown) {
                checkpointFailureShown = true; // once is enough: the next epochs would fail the same way
                out.println("Note: " + failed.message());
                out.flush();
            } else if (event instanceof TrainingEvent.BestEpochKept best) {
                out.printf(Locale.ROOT, "Best epoch: %d (%s %.4f)%n", best.bestEpoch(), best.metric(), best.value());
                out.flush();
            }
            if (event instanceof TrainingEvent.EpochEnded e && e.isRegression()
                    && (e.epoch() == 1 || e.epoch() % step == 0 || e.epoch() == e.epochs())) {
                out.printf(Locale.ROOT, "Epoch %d/%d  train loss %.4f  train MAE %.4f  val loss %s  val MAE %s  "
                                + "(%,.0f samples/s)%n", e.epoch(), e.epochs(), e.trainLoss(), e.trainMeanAbsoluteError(),
                        format(e.validationLoss()), format(e.validationMeanAbsoluteError()), e.samplesPerSecond());
                out.flush();
            } else if (event instanceof TrainingEvent.EpochEnded e
                    && (e.epoch() == 1 || e.epoch() % step == 0 || e.epoch() == e.epochs())) {
                out.printf(Locale.ROOT, "Epoch %d/%d  train loss %.4f  train acc %.4f  val loss %s  val acc %s  "
                                + "(%,.0f samples/s)%n", e.epoch(), e.epochs(), e.trainLoss(), e.trainAccuracy(),
                        format(e.validationLoss()), format(e.validationAccuracy()), e.samplesPerSecond());
                out.flush();
            }
        }

        private static String format(double value) {
            return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
        }
    }
}
