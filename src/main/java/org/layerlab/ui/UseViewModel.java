package org.layerlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.category.DefaultCategoryDataset;
import org.layerlab.core.bundle.BatchPredictor;
import org.layerlab.core.bundle.ImagePredictor;
import org.layerlab.core.bundle.InputField;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Prediction;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.data.Table;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.OcclusionSaliency;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.serve.PredictionServer;
import org.layerlab.core.train.TrainingResult;

/**
 * The Use step: a model to try — the one just trained, or one opened from a file — with a form built from its
 * inputs, the prediction for the values typed in, predictions for a whole file, and saving the model.
 *
 * <p>Everything that calls the engine or touches files runs on the shared worker thread.
 */
public final class UseViewModel {
    /** Served on this computer only: a student's model is not meant to be reachable from the network. */
    static final String HOST = "127.0.0.1";

    private final ProjectViewModel shared;
    private final ModelBundleStore.NetworkLoader networkLoader;

    private final ReadOnlyObjectWrapper<ModelBundle> bundle = new ReadOnlyObjectWrapper<>(this, "bundle");
    private final ReadOnlyStringWrapper modelSource = new ReadOnlyStringWrapper(this, "modelSource", "");
    private final ObservableList<FormField> fields = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper predictedText = new ReadOnlyStringWrapper(this, "predictedText", "");
    private final ReadOnlyStringWrapper inputProblem = new ReadOnlyStringWrapper(this, "inputProblem", "");
    private final ReadOnlyStringWrapper batchStatus = new ReadOnlyStringWrapper(this, "batchStatus", "");
    private final DefaultCategoryDataset probabilityData = new DefaultCategoryDataset();
    private final StringProperty portText = new SimpleStringProperty(this, "portText", "8080");
    private final ReadOnlyBooleanWrapper serving = new ReadOnlyBooleanWrapper(this, "serving");
    private final ReadOnlyBooleanWrapper serverBusy = new ReadOnlyBooleanWrapper(this, "serverBusy");
    private final ReadOnlyStringWrapper serverUrl = new ReadOnlyStringWrapper(this, "serverUrl", "");
    private final ReadOnlyStringWrapper curlExample = new ReadOnlyStringWrapper(this, "curlExample", "");
    private final ReadOnlyStringWrapper serveStatus = new ReadOnlyStringWrapper(this, "serveStatus", "");
    private final ReadOnlyObjectWrapper<TriedImage> triedImage = new ReadOnlyObjectWrapper<>(this, "triedImage");
    /** The running server; touched on the UI thread only (started and closed on the worker). */
    private PredictionServer server;
    /** True while the bundle is the one made from the last training (not one opened from a file). */
    private boolean fromTraining;
    /** Bumped whenever the model changes, so that an answer of the previous model is dropped. */
    private long generation;

    public UseViewModel(ProjectViewModel shared, ModelBundleStore.NetworkLoader networkLoader) {
        this.shared = shared;
        this.networkLoader = networkLoader;
        shared.evaluationProperty().addListener((obs, old, evaluation) -> followTraining(evaluation));
        shared.regressionResultProperty().addListener((obs, old, result) -> followRegression(result));
    }

    // ---------------------------------------------------------------- user intents

    /** Predicts the values in the form; a value the model cannot use is explained in {@link #inputProblemProperty}. */
    public void predict() {
        ModelBundle current = bundle.get();
        if (current == null) {
            inputProblem.set("There is no model yet: train one, or open a saved model (File › Open Model…).");
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FormField field : fields) {
            String text = field.value().get() == null ? "" : field.value().get().trim();
            values.put(field.input().name(), text.isEmpty() ? null : text);
        }
        long asked = generation;
        shared.inBackground(() -> new Predictor(current).predict(values), prediction -> {
            if (asked == generation) {
                show(prediction);
            }
        }, failure -> {
            if (asked == generation) {
                predictedText.set("");
                probabilityData.clear();
                inputProblem.set(UserMessages.of(failure));
            }
        });
    }

    /**
     * Predicts one image file with a model of images, in the background, and measures where the model looked
     * (occlusion saliency); a file that is not an image is explained in {@link #inputProblemProperty}.
     */
    public void predictImage(Path file) {
        ModelBundle current = bundle.get();
        if (current == null || !current.takesImages()) {
            inputProblem.set(current == null
                    ? "There is no model yet: train one, or open a saved model (File › Open Model…)."
                    : "This model was trained on a table: type the values of a row instead.");
            return;
        }
        long asked = generation;
        shared.inBackground(() -> {
            ImagePredictor predictor = new ImagePredictor(current);
            float[] pixels = predictor.read(file);
            Prediction prediction = predictor.predictPixels(List.of(pixels)).get(0);
            float[] saliency = OcclusionSaliency.map(current.model(), pixels, predictor.shape(),
                    current.classNames().indexOf(prediction.label()));
            return new TriedImage(file, pixels, predictor.shape(), saliency, prediction);
        }, tried -> {
            if (asked == generation) {
                triedImage.set(tried);
                show(tried.prediction());
            }
        }, failure -> {
            if (asked == generation) {
                triedImage.set(null);
                predictedText.set("");
                probabilityData.clear();
                inputProblem.set(UserMessages.of(failure));
            }
        });
    }

    /**
     * An image tried on a model of images: the pixels as the model read them, where it looked, and its answer.
     *
     * @param saliency one score 0..1 per pixel (height × width): how much hiding that part lowers the answer's
     *                 probability
     */
    public record TriedImage(Path file, float[] pixels, TensorShape.Image shape, float[] saliency,
                             Prediction prediction) {
    }

    /** Predicts every row of {@code data} and writes the predictions as CSV to {@code out}, in the background. */
    public void predictFile(Path data, Path out) {
        ModelBundle current = bundle.get();
        if (current == null) {
            batchStatus.set("There is no model yet: train one, or open a saved model (File › Open Model…).");
            return;
        }
        if (current.takesImages()) {
            batchStatus.set("Predicting the images of " + name(data) + "…");
            shared.inBackground(() -> new ImagePredictor(current).predictFolder(data, out,
                    (done, total) -> shared.ui().execute(() -> batchStatus.set(String.format(Locale.ROOT,
                            "Predicting the images of %s… %,d of %,d done.", name(data), done, total)))), result -> {
                                String text = String.format(Locale.ROOT, "Predicted %,d images of %s; wrote %s.%s",
                                        result.predicted(), name(data), out, result.unreadable().isEmpty() ? ""
                                                : " " + result.unreadable().size() + " could not be read as images.");
                                batchStatus.set(text);
                                shared.statusProperty().set(text);
                            }, failure -> batchStatus.set("No predictions were written. " + UserMessages.of(failure)));
            return;
        }
        batchStatus.set("Predicting the rows of " + name(data) + "…");
        shared.inBackground(() -> BatchPredictor.predictFile(new Predictor(current), data, out,
                (done, total) -> shared.ui().execute(() -> batchStatus.set(String.format(Locale.ROOT,
                        "Predicting the rows of %s… %,d of %,d done.", name(data), done, total)))), rows -> {
                            String text = String.format(Locale.ROOT, "Predicted %,d rows of %s; wrote %s.", rows,
                                    name(data), out);
                            batchStatus.set(text);
                            shared.statusProperty().set(text);
                        }, failure -> {
                            batchStatus.set("No predictions were written. " + UserMessages.of(failure));
                        });
    }

    /** Saves the model being used (with its preprocessing and classes) to {@code file}, atomically, in the background. */
    public void exportModel(Path file) {
        ModelBundle current = bundle.get();
        if (current == null) {
            shared.showError("There is no model to export yet: train one first (step 3).");
            return;
        }
        Path target = withModelExtension(file);
        shared.statusProperty().set("Saving the model to " + name(target) + "…");
        shared.inBackground(() -> {
            ModelBundleStore.save(current, target);
            return target;
        }, saved -> shared.statusProperty().set("Saved the model to " + saved + "."), failure -> {
            shared.statusProperty().set("The model was not saved.");
            shared.showError(failure);
        });
    }

    /** Opens a saved model in the background; the Use step then works from it, without data or training. */
    public void openModel(Path file) {
        shared.statusProperty().set("Opening the model " + name(file) + "…");
        shared.inBackground(() -> ModelBundleStore.load(file, networkLoader), opened -> {
            fromTraining = false;
            // With data open, the form starts from its first test row (where the columns match).
            PreparedExperiment experiment = shared.getExperiment();
            use(opened, "Model opened from " + name(file) + describe(opened) + ".",
                    experiment == null || opened.takesImages() ? Map.of() : firstTestRow(experiment));
            shared.statusProperty().set("Opened the model " + name(file) + ".");
            shared.stepProperty().set(Step.USE);
            shared.clearError();
        }, failure -> {
            shared.statusProperty().set("Could not open " + name(file) + ".");
            shared.showError(failure);
        });
    }

    /**
     * Starts answering {@code POST /predict} on 127.0.0.1 at the port in {@link #portTextProperty} (0: any free
     * port), in the background. Only this computer can reach it.
     */
    public void startServing() {
        ModelBundle current = bundle.get();
        if (current == null || server != null || serverBusy.get()) {
            return;
        }
        int port;
        try {
            port = Integer.parseInt(portText.get().trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            serveStatus.set("The port must be a whole number from 0 to 65535 (0 picks a free port). 8080 is usual.");
            return;
        }
        int asked = port;
        long forModel = generation;
        serverBusy.set(true);
        serveStatus.set("Starting the server…");
        shared.inBackground(() -> {
            try {
                return PredictionServer.start(current, HOST, asked, PredictionServer.DEFAULT_MAX_BODY_BYTES);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The server could not listen on port " + asked + ". Another "
                        + "program may be using it: choose another port, or 0 for a free one.", e);
            }
        }, started -> {
            serverBusy.set(false);
            if (forModel != generation) {
                // The model changed while the server started: it would answer with the old one.
                shared.inBackground(() -> {
                    started.close();
                    return null;
                }, ignored -> { }, ignored -> { });
                serveStatus.set("The model changed; press Serve again to serve the new one.");
                return;
            }
            server = started;
            serving.set(true);
            String url = "http://" + HOST + ":" + started.port() + "/predict";
            serverUrl.set(url);
            curlExample.set(current.takesImages()
                    ? "curl -X POST " + url + " -H 'Content-Type: image/png' --data-binary @image.png"
                    : "curl -X POST " + url + " -H 'Content-Type: application/json' -d '" + exampleJson() + "'");
            serveStatus.set("Serving. Programs on this computer can send rows to the URL below and get predictions "
                    + "back. Stop ends it; so does closing LayerLab.");
            shared.statusProperty().set("Serving the model at " + url + ".");
        }, failure -> {
            serverBusy.set(false);
            serveStatus.set(UserMessages.of(failure));
        });
    }

    /** Stops the server (in the background); requests in flight are answered first. */
    public void stopServing() {
        PredictionServer running = server;
        if (running == null) {
            return;
        }
        server = null;
        serverBusy.set(true);
        shared.inBackground(() -> {
            running.close();
            return null;
        }, done -> {
            serverBusy.set(false);
            afterStop("Stopped serving.");
        }, failure -> {
            serverBusy.set(false);
            afterStop("Stopped serving. " + UserMessages.of(failure));
        });
    }

    private void afterStop(String message) {
        serving.set(false);
        serverUrl.set("");
        curlExample.set("");
        serveStatus.set(message);
        shared.statusProperty().set(message);
    }

    /** The form's values as the JSON object the server expects: numbers bare, categories quoted, blanks null. */
    private String exampleJson() {
        StringBuilder json = new StringBuilder("{");
        for (FormField field : fields) {
            if (json.length() > 1) {
                json.append(", ");
            }
            String value = field.value().get() == null ? "" : field.value().get().trim();
            json.append('"').append(jsonText(field.input().name())).append("\": ");
            if (value.isEmpty()) {
                json.append("null");
            } else if (field.input().type() == ColumnType.NUMERIC && value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                json.append(value);
            } else {
                json.append('"').append(jsonText(value)).append('"');
            }
        }
        return json.append('}').toString();
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\u0027");
    }

    // ---------------------------------------------------------------- helpers

    private void followTraining(Evaluation evaluation) {
        TrainingResult result = shared.trainingResultProperty().get();
        ImageExperiment images = shared.getImageExperiment();
        if (evaluation != null && result != null && result.model() != null && images != null) {
            fromTraining = true;
            use(images.bundle(result.model(), evaluation), String.format(Locale.ROOT,
                    "Model trained just now on the images of %s (test accuracy %.3f).",
                    images.folder().root().getFileName(), evaluation.accuracy()), Map.of());
            if (!images.testImages().isEmpty()) {
                predictImage(images.testImages().get(0).file());
            }
            return;
        }
        PreparedExperiment experiment = shared.getExperiment();
        if (evaluation == null || result == null || result.model() == null || experiment == null) {
            if (fromTraining) {
                fromTraining = false;
                use(null, "", Map.of());
            }
            return;
        }
        ModelBundle trained = experiment.bundle(result.model(), evaluation);
        fromTraining = true;
        use(trained, String.format(Locale.ROOT, "Model trained just now on %s (test accuracy %.3f).",
                experiment.table().source(), evaluation.accuracy()), firstTestRow(experiment));
    }

    /** As {@link #followTraining}, for a regression model. */
    private void followRegression(RegressionResult measured) {
        TrainingResult result = shared.trainingResultProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        if (measured == null || result == null || result.model() == null || experiment == null) {
            if (fromTraining && measured == null) {
                fromTraining = false;
                use(null, "", Map.of());
            }
            return;
        }
        ModelBundle trained = experiment.bundle(result.model(), measured.metrics());
        fromTraining = true;
        use(trained, String.format(Locale.ROOT, "Model trained just now on %s (test R² %.3f).",
                experiment.table().source(), measured.metrics().r2()), firstTestRow(experiment));
    }

    private void use(ModelBundle next, String source, Map<String, String> prefill) {
        generation++;
        if (server != null) {
            // A server must not go on answering with a model that is no longer the one on screen.
            stopServing();
        }
        bundle.set(next);
        triedImage.set(null);
        modelSource.set(source);
        predictedText.set("");
        inputProblem.set("");
        batchStatus.set("");
        probabilityData.clear();
        List<FormField> form = new ArrayList<>();
        if (next != null) {
            for (InputField input : next.inputSchema()) {
                String value = prefill.getOrDefault(input.name(), "");
                if (value.isEmpty() && input.type() == ColumnType.CATEGORICAL && !input.categories().isEmpty()) {
                    value = input.categories().get(0);
                }
                form.add(new FormField(input, new SimpleStringProperty(value)));
            }
        }
        fields.setAll(form);
    }

    /** The first test row's values, so that Predict gives an answer at once and shows what a row looks like. */
    private static Map<String, String> firstTestRow(PreparedExperiment experiment) {
        Map<String, String> values = new LinkedHashMap<>();
        int[] test = experiment.split().test();
        if (test.length == 0) {
            return values;
        }
        Table table = experiment.table();
        table.columns().forEach(column -> values.put(column.name(), column.isMissing(test[0]) ? ""
                : column.text(test[0])));
        return values;
    }

    private void show(Prediction prediction) {
        inputProblem.set("");
        if (prediction.isValue()) {
            predictedText.set(String.format(Locale.ROOT, "%.6g", prediction.value()));
            probabilityData.clear();
            return;
        }
        double probability = prediction.probabilities().getOrDefault(prediction.label(), 0.0);
        predictedText.set(String.format(Locale.ROOT, "%s (probability %.3f)", prediction.label(), probability));
        probabilityData.clear();
        prediction.probabilities().forEach((label, p) -> probabilityData.addValue(p, "probability", label));
    }

    private static String describe(ModelBundle opened) {
        if (opened.info() == null) {
            return "";
        }
        Double accuracy = opened.info().metrics() == null ? null : opened.info().metrics().get("accuracy");
        return " (trained on " + opened.info().dataSource() + " to predict '" + opened.info().labelColumn() + "'"
                + (accuracy == null ? "" : String.format(Locale.ROOT, ", test accuracy %.3f", accuracy)) + ")";
    }

    static Path withModelExtension(Path file) {
        String name = name(file);
        return name.endsWith(ModelBundleStore.EXTENSION) ? file : file.resolveSibling(name + ModelBundleStore.EXTENSION);
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** Releases what the step holds when the window closes. */
    public void shutdown() {
        PredictionServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /** One input of the form: what the model needs, and the text typed (or category chosen) for it. */
    public record FormField(InputField input, StringProperty value) {
    }

    // ---------------------------------------------------------------- properties

    /** The image last tried on a model of images, with its answer and saliency; null before one is tried. */
    public ReadOnlyObjectProperty<TriedImage> triedImageProperty() {
        return triedImage.getReadOnlyProperty();
    }

    /** The model being used; null until a training ends or a model is opened. */
    public ReadOnlyObjectProperty<ModelBundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    /** Where the model comes from, in a sentence. */
    public ReadOnlyStringProperty modelSourceProperty() {
        return modelSource.getReadOnlyProperty();
    }

    public ObservableList<FormField> fields() {
        return fields;
    }

    public ReadOnlyStringProperty predictedTextProperty() {
        return predictedText.getReadOnlyProperty();
    }

    /** Why the values in the form cannot be predicted (the predictor's words); empty when they can. */
    public ReadOnlyStringProperty inputProblemProperty() {
        return inputProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty batchStatusProperty() {
        return batchStatus.getReadOnlyProperty();
    }

    /** The last prediction's probability per class, for the bar chart. */
    public DefaultCategoryDataset probabilityData() {
        return probabilityData;
    }

    /** The port to serve on, as typed. */
    public StringProperty portTextProperty() {
        return portText;
    }

    public ReadOnlyBooleanProperty servingProperty() {
        return serving.getReadOnlyProperty();
    }

    /** True while the server starts or stops. */
    public ReadOnlyBooleanProperty serverBusyProperty() {
        return serverBusy.getReadOnlyProperty();
    }

    /** Where to send rows while serving; empty otherwise. */
    public ReadOnlyStringProperty serverUrlProperty() {
        return serverUrl.getReadOnlyProperty();
    }

    /** A command line that asks the server about the form's values; empty unless serving. */
    public ReadOnlyStringProperty curlExampleProperty() {
        return curlExample.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serveStatusProperty() {
        return serveStatus.getReadOnlyProperty();
    }

    public ProjectViewModel shared() {
        return shared;
    }
}
