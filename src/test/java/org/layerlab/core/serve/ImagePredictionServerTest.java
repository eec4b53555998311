package org.layerlab.core.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.core.bundle.ImageBundleFixture;

/** A model of images served over real HTTP: raw and multipart uploads, and uploads that are not images. */
class ImagePredictionServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEVEN = Path.of("samples/mnist-small/test/7");
    private static PredictionServer server;

    @BeforeAll
    static void start() {
        server = PredictionServer.start(ImageBundleFixture.bundle(), "127.0.0.1", 0, 1_000_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer post(String contentType, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/predict"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static Answer multipart(String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "layerlab-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static byte[] firstSeven() throws IOException {
        try (var files = Files.list(SEVEN)) {
            return Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
    }

    @Test
    void aPngBodyAndAFormUploadAreAnsweredWithTheClassAndItsProbabilities() throws Exception {
        Answer raw = post("image/png", firstSeven());
        Answer form = multipart("seven.png", firstSeven());

        assertThat(raw.status()).as(raw.body().toString()).isEqualTo(200);
        assertThat(raw.body().path("probabilities").size()).isEqualTo(10);
        double sum = 0;
        for (JsonNode p : raw.body().path("probabilities")) {
            sum += p.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(raw.body().path("label").asText()).isIn("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(form.status()).as(form.body().toString()).isEqualTo(200);
        assertThat(form.body()).isEqualTo(raw.body());
    }

    @Test
    void anUploadThatIsNotAnImageIsRefusedAndTheServerKeepsServing() throws Exception {
        Answer text = post("image/png", "certainly not a picture".getBytes(StandardCharsets.UTF_8));
        Answer formText = multipart("notes.png", "hello".getBytes(StandardCharsets.UTF_8));
        Answer json = post("application/json", "{\"pixel\": 1}".getBytes(StandardCharsets.UTF_8));
        Answer empty = post("image/png", new byte[0]);

        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body().path("error").asText()).isEqualTo(
                "The upload is not an image LayerLab can read: send a PNG, JPEG, BMP or GIF file.");
        assertThat(formText.status()).isEqualTo(400);
        assertThat(formText.body().path("error").asText()).startsWith("'notes.png' is not an image");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body().path("error").asText()).startsWith("This model reads images, not named values.");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().path("error").asText()).startsWith("The request has no image.");

        assertThat(post("image/png", firstSeven()).status()).isEqualTo(200);
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(uri("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(health.body()).path("model").path("input").asText())
                .isEqualTo("image, read as 1×28×28");
    }

    @Test
    void theOpenApiDocumentDescribesAnImageUploadAndTheAnswer() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode document = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode predict = document.path("paths").path("/predict").path("post");
        JsonNode content = predict.path("requestBody").path("content");
        assertThat(content.has("application/json")).as("an image model takes no named values").isFalse();
        for (String type : new String[] {"image/png", "image/jpeg", "image/bmp", "image/gif"}) {
            assertThat(content.path(type).path("schema").path("format").asText()).as(type).isEqualTo("binary");
        }
        JsonNode form = content.path("multipart/form-data").path("schema");
        assertThat(form.path("properties").path("image").path("format").asText()).isEqualTo("binary");
        assertThat(form.path("required").toString()).isEqualTo("[\"image\"]");
        assertThat(predict.path("description").asText()).contains("1×28×28");

        assertThat(predict.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/Prediction");
        JsonNode prediction = document.path("components").path("schemas").path("Prediction").path("properties");
        assertThat(prediction.path("label").path("enum").size()).isEqualTo(10);
        assertThat(prediction.path("probabilities").path("properties").has("7")).isTrue();
        assertThat(document.path("components").path("schemas").has("Input")).isFalse();

        // What the document promises is what the server answers: a PNG body gives a label among the listed classes.
        Answer answer = post("image/png", firstSeven());
        assertThat(prediction.path("label").path("enum").toString()).contains("\"" + answer.body().path("label")
                .asText() + "\"");
    }
}
