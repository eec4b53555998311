package org.layerlab.core.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.layerlab.core.bundle.InputField;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.data.ColumnType;

/** The OpenAPI 3.0 description of a {@link PredictionServer}, with the bundle's own input fields and classes. */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    static ObjectNode of(ModelBundle bundle, List<InputField> schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "LayerLab model: predicts '" + bundle.info().labelColumn() + "'");
        info.put("version", bundle.info().layerlabVersion());
        info.put("description", "Trained on " + bundle.info().dataSource() + (bundle.isRegression()
                ? ". Predicts a number." : ". Classes: " + String.join(", ", bundle.classNames()) + "."));

        ObjectNode schemas = root.putObject("components").putObject("schemas");
        if (bundle.takesImages()) {
            return describeImageModel(root, bundle, schemas);
        }
        ObjectNode input = schemas.putObject("Input");
        input.put("type", "object");
        input.put("additionalProperties", false);
        ArrayNode required = input.putArray("required");
        ObjectNode properties = input.putObject("properties");
        for (InputField field : schema) {
            required.add(field.name());
            ObjectNode property = properties.putObject(field.name());
            property.put("nullable", true);
            if (field.type() == ColumnType.NUMERIC) {
                property.put("type", "number");
            } else {
                property.put("type", "string");
                ArrayNode values = property.putArray("enum");
                field.categories().forEach(values::add);
            }
        }
        putPrediction(bundle, schemas);
        schemas.putObject("Error").put("type", "object").putObject("properties").putObject("error").put("type", "string");

        ObjectNode paths = root.putObject("paths");
        ObjectNode predict = paths.putObject("/predict").putObject("post");
        predict.put("summary", "Predict for one input (an object) or several (a list of objects).");
        ObjectNode bodySchema = predict.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").putObject("schema");
        ArrayNode oneOf = bodySchema.putArray("oneOf");
        oneOf.addObject().put("$ref", "#/components/schemas/Input");
        oneOf.addObject().put("type", "array").putObject("items").put("$ref", "#/components/schemas/Input");
        ObjectNode responses = predict.putObject("responses");
        ArrayNode answers = responses.putObject("200").put("description", "The prediction(s).").putObject("content")
                .putObject("application/json").putObject("schema").putArray("oneOf");
        answers.addObject().put("$ref", "#/components/schemas/Prediction");
        answers.addObject().put("type", "array").putObject("items").put("$ref", "#/components/schemas/Prediction");
        putErrorsAndHealth(paths, responses);
        return root;
    }

    /** The image types {@code POST /predict} decodes when sent as the raw body. */
    static final List<String> IMAGE_TYPES = List.of("image/png", "image/jpeg", "image/bmp", "image/gif");

    /**
     * A model of images takes one image per request, as the raw body or as the file field {@code image} of a form,
     * and answers one prediction (not a list).
     */
    private static ObjectNode describeImageModel(ObjectNode root, ModelBundle bundle, ObjectNode schemas) {
        putPrediction(bundle, schemas);
        schemas.putObject("Error").put("type", "object").putObject("properties").putObject("error").put("type", "string");
        ObjectNode paths = root.putObject("paths");
        ObjectNode predict = paths.putObject("/predict").putObject("post");
        predict.put("summary", "Predict the class of one image.");
        predict.put("description", "Send a PNG, JPEG, BMP or GIF image as the body, or as the file field 'image' of "
                + "a form. It is read as " + bundle.imageShape().describe() + ", the way the model was trained.");
        ObjectNode content = predict.putObject("requestBody").put("required", true).putObject("content");
        for (String type : IMAGE_TYPES) {
            content.putObject(type).putObject("schema").put("type", "string").put("format", "binary");
        }
        ObjectNode form = content.putObject("multipart/form-data").putObject("schema").put("type", "object");
        form.putArray("required").add("image");
        form.putObject("properties").putObject("image").put("type", "string").put("format", "binary")
                .put("description", "The image file.");
        ObjectNode responses = predict.putObject("responses");
        responses.putObject("200").put("description", "The prediction.").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Prediction");
        putErrorsAndHealth(paths, responses);
        return root;
    }

    private static void putErrorsAndHealth(ObjectNode paths, ObjectNode responses) {
        responses.putObject("400").put("description", "The request is wrong; the message says how.")
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/Error");
        responses.putObject("413").put("description", "The request is too large.");
        paths.putObject("/health").putObject("get").put("summary", "Whether the server runs, and the model's facts.")
                .putObject("responses").putObject("200").put("description", "Running.");
    }

    private static void putPrediction(ModelBundle bundle, ObjectNode schemas) {
        ObjectNode prediction = schemas.putObject("Prediction");
        prediction.put("type", "object");
        ObjectNode predictionProperties = prediction.putObject("properties");
        if (bundle.isRegression()) {
            predictionProperties.putObject("value").put("type", "number");
        } else {
            ArrayNode labels = predictionProperties.putObject("label").put("type", "string").putArray("enum");
            bundle.classNames().forEach(labels::add);
            ObjectNode probabilities = predictionProperties.putObject("probabilities").put("type", "object");
            ObjectNode probabilityProperties = probabilities.putObject("properties");
            for (String name : bundle.classNames()) {
                probabilityProperties.putObject(name).put("type", "number");
            }
        }
    }
}
