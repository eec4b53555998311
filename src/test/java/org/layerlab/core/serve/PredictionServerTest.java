package org.layerlab.core.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.core.bundle.ShapesBundle;

/** The server over real HTTP on loopback: the happy paths and every kind of bad request. */
class PredictionServerTest {
    private static PredictionServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = PredictionServer.start(ShapesBundle.bundle(), "127.0.0.1", 0, 10_000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/predict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void predictsOneRowAndAList() throws Exception {
        Answer one = post("{\"size\": 12, \"colour\": \"red\"}");
        Answer many = post("[{\"size\": 12, \"colour\": \"red\"}, {\"size\": \"3\", \"colour\": \"green\"},"
                + " {\"size\": null, \"colour\": \"blue\"}]");

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("label").asText()).isEqualTo("big");
        assertThat(one.body().path("probabilities").path("big").asDouble()
                + one.body().path("probabilities").path("small").asDouble()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-5));
        assertThat(many.status()).isEqualTo(200);
        assertThat(many.body()).hasSize(3);
        assertThat(many.body().get(1).path("label").asText()).isEqualTo("small");
    }

    @Test
    void healthAndOpenApiDescribeTheModel() throws Exception {
        Answer health = get("/health");
        Answer api = get("/openapi.json");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("ok");
        assertThat(health.body().path("model").path("classes")).hasSize(2);
        assertThat(api.body().path("openapi").asText()).startsWith("3.");
        JsonNode input = api.body().path("components").path("schemas").path("Input");
        assertThat(input.path("properties").path("size").path("type").asText()).isEqualTo("number");
        assertThat(input.path("properties").path("colour").path("enum")).hasSize(3);
        assertThat(api.body().path("paths").has("/predict")).isTrue();
    }

    @Test
    void everyBadRequestGetsA400WithAMessageAndTheServerKeepsServing() throws Exception {
        String[][] cases = {
                {"{\"size\": 12, \"colour\": ", "not valid JSON"},
                {"", "Send a JSON object"},
                {"42", "Send a JSON object"},
                {"{\"size\": 12}", "lacks 'colour'"},
                {"{\"size\": 12, \"colour\": \"red\", \"age\": 3}", "does not use: 'age'"},
                {"{\"size\": \"twelve\", \"colour\": \"red\"}", "must be a number"},
                {"{\"size\": true, \"colour\": \"red\"}", "a boolean for 'size'"},
                {"{\"size\": {\"a\": 1}, \"colour\": \"red\"}", "an object for 'size'"},
                {"{\"size\": 1, \"colour\": \"purple\"}", "never saw"},
                {"[{\"size\": 1, \"colour\": \"red\"}, 7]", "Input 2 is not a JSON object"}};
        for (String[] c : cases) {
            Answer answer = post(c[0]);
            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).as(c[0]).contains(c[1]);
        }
        assertThat(post("{\"size\": 12, \"colour\": \"red\"}").status()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String big = "[" + "{\"size\": 1, \"colour\": \"red\"},".repeat(1000) + "{\"size\": 1, \"colour\": \"red\"}]";

        Answer answer = post(big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().path("error").asText()).contains("too large");
        assertThat(post("{\"size\": 12, \"colour\": \"red\"}").status()).isEqualTo(200);
    }

    @Test
    void wrongPathsAndMethodsSayWhatExists() throws Exception {
        assertThat(get("/nothing").status()).isEqualTo(404);
        assertThat(get("/nothing").body().path("error").asText()).contains("POST /predict");
        Answer wrongMethod = get("/predict");
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertThat(wrongMethod.body().path("error").asText()).contains("POST /predict");
    }
}
