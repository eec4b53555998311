package org.layerlab.core.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layerlab.core.bundle.BundleProblem;
import org.layerlab.core.bundle.ImagePredictor;
import org.layerlab.core.bundle.InputField;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.Prediction;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.data.ColumnType;

/**
 * A small REST server for one model bundle:
 * <ul>
 *   <li>{@code POST /predict} with a JSON object of feature values answers {@code {"label": …, "probabilities": {…}}}
 *       (a regression model: {@code {"value": x}});
 *       with a JSON list of such objects, a list of answers;</li>
 *   <li>{@code GET /health} answers {@code {"status": "ok", …}} with the model's facts;</li>
 *   <li>{@code GET /openapi.json} describes both, with the model's input schema.</li>
 * </ul>
 * It listens on 127.0.0.1 unless told otherwise, refuses bodies above a size limit (413), and answers every bad
 * request with 400 and {@code {"error": "…"}} in plain words — and keeps serving.
 */
public final class PredictionServer implements AutoCloseable {
    /** Requests larger than this are refused unless configured otherwise: ample for thousands of table rows. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final ModelBundle bundle;
    private final Predictor predictor;
    /** For a model of images; null for a model of a table. */
    private final ImagePredictor imagePredictor;

    private PredictionServer(ModelBundle bundle, long maxBodyBytes) {
        this.bundle = bundle;
        this.predictor = new Predictor(bundle);
        this.imagePredictor = bundle.takesImages() ? new ImagePredictor(bundle) : null;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
        });
        app.get("/health", this::health);
        app.get("/openapi.json", this::openApi);
        app.post("/predict", this::predict);
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, HttpStatus.forStatus(e.getStatus()),
                e.getStatus() == 413 ? "The request is too large (more than " + maxBodyBytes + " bytes). Send fewer "
                        + "rows per request." : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> error(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not answer: " + e.getMessage()));
        app.error(404, ctx -> error(ctx, HttpStatus.NOT_FOUND, "There is nothing at " + ctx.method() + " "
                + ctx.path() + ". Use POST /predict, GET /health or GET /openapi.json."));
        app.error(405, ctx -> error(ctx, HttpStatus.METHOD_NOT_ALLOWED, ctx.method() + " is not possible on "
                + ctx.path() + ". Use POST /predict, GET /health or GET /openapi.json."));
    }

    /** Starts serving; port 0 picks a free port (see {@link #port()}). */
    public static PredictionServer start(ModelBundle bundle, String host, int port, long maxBodyBytes) {
        PredictionServer server = new PredictionServer(bundle, maxBodyBytes);
        server.app.start(host, port);
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void health(Context ctx) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ok");
        ObjectNode model = body.putObject("model");
        model.put("label", bundle.info().labelColumn());
        model.put("data", bundle.info().dataSource());
        model.put("created", bundle.info().createdAt());
        model.put("layerlab_version", bundle.info().layerlabVersion());
        model.put("task", bundle.isRegression() ? "regression" : "classification");
        if (!bundle.isRegression()) {
            ArrayNode classes = model.putArray("classes");
            bundle.classNames().forEach(classes::add);
        }
        ObjectNode metrics = model.putObject("metrics");
        bundle.info().metrics().forEach(metrics::put);
        if (bundle.takesImages()) {
            model.put("input", "image, read as " + bundle.imageShape().describe());
        }
        ctx.contentType("application/json").result(body.toString());
    }

    private void predict(Context ctx) {
        if (imagePredictor != null) {
            predictImage(ctx);
            return;
        }
        byte[] raw = ctx.bodyAsBytes();
        JsonNode body;
        try {
            body = raw.length == 0 ? null : JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "The body is not valid JSON (" + e.getOriginalMessage() + "). Send an "
                    + "object such as " + example() + ", or a list of them.");
            return;
        } catch (IOException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "The body could not be read: " + e.getMessage());
            return;
        }
        if (body == null || !(body.isObject() || body.isArray())) {
            error(ctx, HttpStatus.BAD_REQUEST, "Send a JSON object of feature values such as " + example()
                    + ", or a list of them.");
            return;
        }
        try {
            if (body.isObject()) {
                ctx.contentType("application/json").result(toJson(predictor.predict(row(body, 0, 1))).toString());
                return;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                rows.add(row(body.get(i), i, body.size()));
            }
            ArrayNode answers = JSON.createArrayNode();
            for (Prediction prediction : predictor.predictAll(rows)) {
                answers.add(toJson(prediction));
            }
            ctx.contentType("application/json").result(answers.toString());
        } catch (BundleProblem problem) {
            error(ctx, HttpStatus.BAD_REQUEST, problem.getMessage());
        }
    }

    /**
     * A model of images takes one image: as the raw body (e.g. {@code Content-Type: image/png}) or as the first file
     * of a multipart form ({@code curl -F image=@digit.png}).
     */
    private void predictImage(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        byte[] image;
        String name;
        try {
            if (type.startsWith("multipart/form-data")) {
                List<UploadedFile> files = ctx.uploadedFiles();
                if (files.isEmpty()) {
                    error(ctx, HttpStatus.BAD_REQUEST, "The form holds no file. " + IMAGE_HOW_TO);
                    return;
                }
                try (InputStream in = files.get(0).content()) {
                    image = in.readAllBytes();
                }
                name = "'" + files.get(0).filename() + "'";
            } else {
                image = ctx.bodyAsBytes();
                name = "The upload";
            }
        } catch (IOException e) {
            error(ctx, HttpStatus.BAD_REQUEST, "The upload could not be read: " + e.getMessage());
            return;
        }
        if (type.startsWith("application/json") || type.startsWith("text/")) {
            error(ctx, HttpStatus.BAD_REQUEST, "This model reads images, not named values. " + IMAGE_HOW_TO);
            return;
        }
        if (image.length == 0) {
            error(ctx, HttpStatus.BAD_REQUEST, "The request has no image. " + IMAGE_HOW_TO);
            return;
        }
        try {
            ctx.contentType("application/json").result(toJson(imagePredictor.predict(image, name)).toString());
        } catch (BundleProblem problem) {
            error(ctx, HttpStatus.BAD_REQUEST, problem.getMessage());
        }
    }

    private static final String IMAGE_HOW_TO = "Send a PNG, JPEG, BMP or GIF image as the body (e.g. curl "
            + "--data-binary @digit.png -H 'Content-Type: image/png' …/predict) or as a file in a form (curl -F "
            + "image=@digit.png …/predict).";

    private static Map<String, Object> row(JsonNode node, int index, int count) {
        String where = count == 1 ? "The input " : "Input " + (index + 1) + " ";
        if (node == null || !node.isObject()) {
            throw new BundleProblem(where + "is not a JSON object of feature values.");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                row.put(field.getKey(), null);
            } else if (value.isNumber()) {
                row.put(field.getKey(), value.doubleValue());
            } else if (value.isTextual()) {
                row.put(field.getKey(), value.textValue());
            } else {
                String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
                throw new BundleProblem(where + "has " + (type.startsWith("o") || type.startsWith("a") ? "an " : "a ")
                        + type + " for '" + field.getKey() + "'; each value must be a number, a text or null.");
            }
        });
        return row;
    }

    private static ObjectNode toJson(Prediction prediction) {
        ObjectNode node = JSON.createObjectNode();
        if (prediction.isValue()) {
            node.put("value", prediction.value());
            return node;
        }
        node.put("label", prediction.label());
        ObjectNode probabilities = node.putObject("probabilities");
        prediction.probabilities().forEach(probabilities::put);
        return node;
    }

    private String example() {
        ObjectNode example = JSON.createObjectNode();
        for (InputField field : predictor.schema()) {
            if (field.type() == ColumnType.NUMERIC) {
                example.put(field.name(), 1.0);
            } else {
                example.put(field.name(), field.categories().isEmpty() ? "" : field.categories().get(0));
            }
        }
        return example.toString();
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(OpenApiDocument.of(bundle, predictor.schema()).toString());
    }
}
