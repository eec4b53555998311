package org.layerlab.core.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingResult;

/**
 * The JSON report of a run, as written by {@code layerlab train --report}. Its field names are a contract
 * with users' scripts: {@code task}, {@code backend}, {@code epochs}, {@code train_samples_per_second},
 * {@code network} ({@code layers} in one line, total {@code parameters}, {@code memory_estimate_bytes} and
 * {@code nodes} with each node's shape and parameters), {@code test} (accuracy, macro precision/recall/F1, classes,
 * confusion with rows = actual and columns = predicted; for {@code "task": "regression"} {@code mae}, {@code rmse},
 * {@code r2}, and from the app {@code points}: [actual, predicted] pairs), {@code training} (the settings), {@code best_epoch} (with early stopping: the epoch whose network was
 * kept) and {@code history} (one entry per epoch: {@code epoch}, {@code train_loss}, {@code val_loss},
 * {@code train_accuracy}, {@code val_accuracy} — {@code train_mae}/{@code val_mae} instead for regression —
 * and {@code learning_rate}).
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static ObjectNode toJson(PreparedExperiment experiment, TrainingResult result, Evaluation test) {
        return toJson(experiment.project(), experiment.data(), result, test);
    }

    /** The report of a classification run on any prepared data (a table's or an image folder's). */
    public static ObjectNode toJson(Project project, PreparedData data, TrainingResult result, Evaluation test) {
        ObjectNode root = common(project, data, result, "classification");
        putClassification(root.putObject("test"), test);
        putHistory(root, result);
        return root;
    }

    /** The report of a regression run: {@code test} holds {@code mae}, {@code rmse}, {@code r2} and {@code count}. */
    public static ObjectNode toJson(PreparedExperiment experiment, TrainingResult result, RegressionEvaluation test) {
        ObjectNode root = common(experiment.project(), experiment.data(), result, "regression");
        ObjectNode testNode = root.putObject("test");
        putFinite(testNode, "mae", test.meanAbsoluteError());
        putFinite(testNode, "rmse", test.rootMeanSquaredError());
        putFinite(testNode, "r2", test.r2());
        testNode.put("count", test.count());
        putHistory(root, result);
        return root;
    }

    /** At most this many predicted-vs-actual points go into a report (evenly spread over the test rows). */
    public static final int MAX_REPORTED_POINTS = 1_000;

    /**
     * The report of a regression run with each test row's {@code actual} and {@code predicted} value: {@code test}
     * also holds {@code points}, pairs {@code [actual, predicted]} (at most {@value #MAX_REPORTED_POINTS}, evenly
     * spread over the test rows), for a predicted-vs-actual plot.
     */
    public static ObjectNode toJson(PreparedExperiment experiment, TrainingResult result, RegressionEvaluation test,
                                    double[] actual, double[] predicted) {
        ObjectNode root = toJson(experiment, result, test);
        var points = ((ObjectNode) root.path("test")).putArray("points");
        int count = Math.min(actual.length, predicted.length);
        int step = Math.max(1, (count + MAX_REPORTED_POINTS - 1) / MAX_REPORTED_POINTS);
        for (int i = 0; i < count; i += step) {
            if (Double.isFinite(actual[i]) && Double.isFinite(predicted[i])) {
                points.addArray().add(actual[i]).add(predicted[i]);
            }
        }
        return root;
    }

    private static ObjectNode common(Project project, PreparedData data, TrainingResult result, String task) {
        ObjectNode root = JSON.createObjectNode();
        root.put("task", task);
        root.put("layerlab_version", org.layerlab.core.Version.current());
        root.put("created", Instant.now().toString());
        root.put("data", project.dataFile().toString());
        root.put("label", project.labelColumn());
        root.put("backend", result.backend());
        root.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        if (!result.message().isBlank()) {
            root.put("message", result.message());
        }
        root.put("epochs", result.epochsCompleted());
        root.put("train_samples_per_second", round(result.trainSamplesPerSecond(), 1));
        if (result.bestEpoch() > 0) {
            root.put("best_epoch", result.bestEpoch());
        }
        putTraining(root.putObject("training"), project.training());
        ObjectNode sizes = root.putObject("samples");
        sizes.put("train", data.train().rows());
        sizes.put("validation", data.validation().rows());
        sizes.put("test", data.test().rows());
        NetworkGraph graph = project.network();
        GraphAnalysis analysis = ShapeInference.analyse(graph, data.signature());
        ObjectNode network = root.putObject("network");
        network.put("layers", analysis.describe(graph));
        network.put("parameters", analysis.totalParameters());
        network.put("memory_estimate_bytes", analysis.memoryEstimateBytes());
        ArrayNode nodes = network.putArray("nodes");
        for (NodeId id : graph.topologicalOrder().orElseGet(() -> graph.nodes().stream().map(Node::id).toList())) {
            ObjectNode node = nodes.addObject();
            node.put("id", id.value());
            node.put("name", graph.node(id).name());
            node.put("kind", graph.node(id).spec().kind().label());
            node.put("shape", analysis.shapeOf(id).map(TensorShape::describe).orElse(null));
            node.put("parameters", analysis.parametersOf(id));
        }
        ArrayNode notes = root.putArray("notes");
        data.notes().forEach(notes::add);
        return root;
    }

    private static void putClassification(ObjectNode testNode, Evaluation test) {
        testNode.put("accuracy", round(test.accuracy(), 6));
        testNode.put("macro_precision", round(test.macroPrecision(), 6));
        testNode.put("macro_recall", round(test.macroRecall(), 6));
        testNode.put("macro_f1", round(test.macroF1(), 6));
        ArrayNode classes = testNode.putArray("classes");
        test.classes().forEach(classes::add);
        ArrayNode confusion = testNode.putArray("confusion");
        for (int[] row : test.confusion()) {
            ArrayNode rowNode = confusion.addArray();
            for (int count : row) {
                rowNode.add(count);
            }
        }
        ArrayNode perClass = testNode.putArray("per_class");
        for (int c = 0; c < test.classes().size(); c++) {
            ObjectNode node = perClass.addObject();
            node.put("class", test.classes().get(c));
            node.put("precision", round(test.precision(c), 6));
            node.put("recall", round(test.recall(c), 6));
            node.put("f1", round(test.f1(c), 6));
            node.put("support", test.support(c));
        }
    }

    private static void putHistory(ObjectNode root, TrainingResult result) {
        ArrayNode history = root.putArray("history");
        for (EpochEnded epoch : result.history()) {
            ObjectNode node = history.addObject();
            node.put("epoch", epoch.epoch());
            putFinite(node, "train_loss", epoch.trainLoss());
            putFinite(node, "val_loss", epoch.validationLoss());
            if (epoch.isRegression()) {
                putFinite(node, "train_mae", epoch.trainMeanAbsoluteError());
                putFinite(node, "val_mae", epoch.validationMeanAbsoluteError());
            } else {
                putFinite(node, "train_accuracy", epoch.trainAccuracy());
                putFinite(node, "val_accuracy", epoch.validationAccuracy());
            }
            if (Double.isFinite(epoch.learningRate())) {
                node.put("learning_rate", epoch.learningRate());
            }
        }
    }

    /** The settings the run trained with. */
    private static void putTraining(ObjectNode node, TrainingConfig config) {
        node.put("epochs", config.epochs());
        node.put("batch_size", config.batchSize());
        node.put("optimizer", config.optimizer().id());
        node.put("learning_rate", config.learningRate());
        node.put("schedule", config.schedule().describe());
        node.put("seed", config.seed());
        node.put("weight_init", config.weightInit().name().toLowerCase(java.util.Locale.ROOT));
        node.put("l1", config.l1());
        node.put("l2", config.l2());
        node.put("gradient_clip", config.gradientClip());
        if (config.earlyStopping().enabled()) {
            node.put("early_stopping_metric", config.earlyStopping().metric().id());
            node.put("early_stopping_patience", config.earlyStopping().patience());
        }
    }

    public static void write(ObjectNode report, Path file) throws IOException {
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(report).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode report", e);
        }
    }

    /** JSON has no NaN: a value that could not be measured (e.g. no validation rows) is written as null. */
    private static void putFinite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, round(value, 6));
        } else {
            node.putNull(field);
        }
    }

    private static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
