package org.layerlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
import org.layerlab.core.train.RunControl;
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

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PROJECT_FILE",
            description = "A LayerLab project file (" + ProjectStore.EXTENSION + ") to train as saved.")
    Path projectFile;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "The data table (CSV or TSV).")
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

        TableAugmentation augmentation = new TableAugmentation(noise == null ? 0 : noise, oversample);
        if (!augmentation.isNone()) {
            out.println("Augmentation of the training rows each epoch:"
                    + (augmentation.noise() > 0 ? " noise " + augmentation.noise() : "")
                    + (oversample ? " oversampling of the smaller classes" : ""));
        }
        Dl4jTrainer trainer = new Dl4jTrainer(augmentation);
        out.println("Backend: " + trainer.backend().summary());
        if (!trainer.backend().explanation().isBlank()) {
            out.println("         " + trainer.backend().explanation());
        }
        out.flush();
        TrainingResult result = trainer.train(experiment.data(), project.network(), project.training(),
                new ProgressPrinter(out, project.training().epochs()), new RunControl());
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

    private Project buildProject(PrintWriter out) {
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
            String labelColumn = label;
            if (labelColumn == null) {
                Table table = TableReader.read(dataFile);
                labelColumn = LabelGuesser.guess(table).orElseThrow(() -> new DataProblem(
                        "LayerLab could not guess which column to predict. Name it with --label COLUMN."));
                out.println("Label column guessed: '" + labelColumn + "' (choose another with --label)");
            }
            project = Project.withDefaults(dataFile.toAbsolutePath(), labelColumn);
        }
        if (label != null) {
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
        if (hidden != null) {
            project = project.withNetwork(NetworkGraph.mlp(hidden, Activation.RELU));
        }
        TrainingConfig config = project.training();
        project = project.withTraining(new TrainingConfig(
                epochs != null ? epochs : config.epochs(),
                batch != null ? batch : config.batchSize(),
                learningRate != null ? learningRate : config.learningRate(),
                seed != null ? seed : config.seed()));
        if (seed != null) {
            SplitSettings split = project.split();
            project = project.withSplit(split.withSeed(seed));
        }
        return project;
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
        if (result.outcome() == TrainingEvent.Outcome.STOPPED) {
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

        ProgressPrinter(PrintWriter out, int epochs) {
            this.out = out;
            this.step = Math.max(1, (epochs + 19) / 20);
        }

        @Override
        public void on(TrainingEvent event) {
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
