package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/layerlab.jar}, started as a user starts it: {@code java -jar}, in its own process,
 * without the OpenMP setting in the environment (so the self-relaunch of {@code Main} is exercised too).
 */
class LayerLabJarIT {

    @TempDir
    Path folder;

    private record Result(int exitCode, String out, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("layerlab.jar", "target/layerlab.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(folder.resolve("out.txt").toFile())
                .redirectError(folder.resolve("err.txt").toFile());
        builder.environment().remove("OMP_WAIT_POLICY");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("layerlab.jar did not finish within 5 minutes");
        }
        return new Result(process.exitValue(),
                Files.readString(folder.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void trainsIrisFromTheCommandLineAndWritesTheReport() throws Exception {
        Path report = folder.resolve("report.json");

        Result result = run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--epochs", "40",
                "--report", report.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Backend: CPU").contains("Epoch 40/40").contains("Test accuracy");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("epochs").asInt()).isEqualTo(40);
        assertThat(json.path("test").path("accuracy").asDouble()).isGreaterThan(0.7);
    }

    @Test
    void explainsBadInputWithoutAStackTrace() throws Exception {
        Path notText = Files.write(folder.resolve("photo.csv"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0, 1});

        Result result = run("train", "--data", notText.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a text table").doesNotContain("Exception");
    }

    @Test
    void listsTemplatesAndValidatesAProjectWithoutTraining() throws Exception {
        Path project = folder.resolve("digits.layerlab.json");
        org.layerlab.core.project.ProjectStore.save(org.layerlab.core.project.Project.withDefaults(
                Path.of("samples/digits8x8/digits.csv").toAbsolutePath(), "digit").withNetwork(
                org.layerlab.core.graph.Templates.find("resnet-small").orElseThrow()
                        .buildFor(org.layerlab.core.graph.DataSignature.table(64, 10))), project);

        Result templates = run("templates");
        Result validate = run("validate", project.toString());

        assertThat(templates.exitCode()).isZero();
        assertThat(templates.out()).contains("resnet-small").contains("Small residual CNN");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).containsPattern("add_1 +Add +16×8×8 +0").contains("No problems");
    }

    @Test
    void printsUsageAndVersion() throws Exception {
        Result help = run("train", "--help");
        Result version = run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data").contains("--hidden").contains("--template").contains("--report")
                .contains("--save-model");
        assertThat(version.out()).startsWith("LayerLab ");
    }

    @Test
    void servesASavedModelOverHttpUntilStopped() throws Exception {
        Path model = folder.resolve("iris.llmodel");
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--epochs", "30", "--save-model", model.toString())
                .exitCode()).isZero();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("layerlab.jar", "target/layerlab.jar"), "serve", model.toString(), "--port", "0");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            String url = null;
            while ((line = lines.readLine()) != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher(line);
                if (m.find()) {
                    url = m.group(1);
                    break;
                }
            }
            assertThat(url).as("the server prints where it listens").isNotNull();
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<String> answer = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url + "/predict")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(answer.body()).path("label").asText()).isEqualTo("setosa");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("Ctrl+C (SIGTERM) stops the server").isTrue();
        }
    }
}
