package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.dl4j.Dl4jTrainer;

/** The Use step without the toolkit: the form, a prediction, a bad value, a file, export and open. */
class UseViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void afterTrainingTheFormHoldsTheFirstTestRowAndPredicts() {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();

        assertThat(use.bundleProperty().get()).isNotNull();
        assertThat(use.modelSourceProperty().get()).startsWith("Model trained just now on iris.csv");
        assertThat(use.fields()).extracting(field -> field.input().name())
                .containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(use.fields()).allMatch(field -> field.input().type() == ColumnType.NUMERIC);
        var experiment = harness.project.getExperiment();
        int firstTest = experiment.split().test()[0];
        assertThat(use.fields().get(0).value().get())
                .isEqualTo(experiment.table().column("sepal_length").text(firstTest));

        use.predict();
        harness.pumpUntil("a prediction", WAIT, () -> !use.predictedTextProperty().get().isEmpty());

        assertThat(use.predictedTextProperty().get()).matches("(setosa|versicolor|virginica) \\(probability \\d\\.\\d{3}\\)");
        // The fake model only knows the first class; the real one below gives all three.
        assertThat(use.probabilityData().getColumnKeys()).contains("setosa");
        assertThat(use.inputProblemProperty().get()).isEmpty();
    }

    @Test
    void aWordWhereANumberBelongsIsExplained() {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        use.fields().get(1).value().set("wide");

        use.predict();
        harness.pumpUntil("the problem is shown", WAIT, () -> !use.inputProblemProperty().get().isEmpty());

        assertThat(use.inputProblemProperty().get()).isEqualTo("The input has 'wide' for 'sepal_width', which must be a number.");
        assertThat(use.predictedTextProperty().get()).isEmpty();
    }

    @Test
    void predictsAFileIntoACsv(@TempDir Path folder) throws IOException {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        Path out = folder.resolve("predictions.csv");

        use.predictFile(Path.of("samples/iris/iris.csv"), out);
        harness.pumpUntil("the file is predicted", WAIT, () -> use.batchStatusProperty().get().startsWith("Predicted"));

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(151);
        assertThat(lines.get(0)).isEqualTo("row,predicted,p(setosa),p(versicolor),p(virginica)");
        assertThat(use.batchStatusProperty().get()).isEqualTo("Predicted 150 rows of iris.csv; wrote " + out + ".");
    }

    @Test
    void aFileWithoutTheModelsColumnsIsRefusedInPlainWords(@TempDir Path folder) throws IOException {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        Path other = folder.resolve("other.csv");
        Files.writeString(other, "a,b\n1,2\n");
        Path out = folder.resolve("predictions.csv");

        use.predictFile(other, out);
        harness.pumpUntil("the problem is shown", WAIT, () -> use.batchStatusProperty().get().startsWith("No predictions"));

        assertThat(use.batchStatusProperty().get()).contains("'other.csv' lacks the columns").contains("sepal_length");
        assertThat(out).doesNotExist();
    }

    @Test
    void anExportedModelOpensAgainAndPredictsWithoutData(@TempDir Path folder) {
        ViewModelHarness trained = new ViewModelHarness(new Dl4jTrainer());
        trained.project.openSample(Sample.IRIS);
        trained.pumpUntil("iris is prepared", WAIT, () -> trained.project.getExperiment() != null);
        trained.viewModels.train().epochsTextProperty().set("5");
        trained.viewModels.train().train();
        trained.pumpUntil("the run is evaluated", Duration.ofSeconds(180),
                () -> trained.project.evaluationProperty().get() != null);
        Path file = folder.resolve("iris-model");

        trained.viewModels.use().exportModel(file);
        Path saved = folder.resolve("iris-model.llmodel");
        trained.pumpUntil("the model is saved", WAIT, () -> trained.project.statusProperty().get().startsWith("Saved"));
        assertThat(saved).exists();

        ViewModelHarness fresh = new ViewModelHarness(new Dl4jTrainer());
        UseViewModel use = fresh.viewModels.use();
        assertThat(use.bundleProperty().get()).isNull();
        use.openModel(saved);
        fresh.pumpUntil("the model is open", WAIT, () -> use.bundleProperty().get() != null);

        assertThat(fresh.project.stepProperty().get()).isEqualTo(Step.USE);
        assertThat(use.modelSourceProperty().get()).startsWith("Model opened from iris-model.llmodel (trained on iris.csv");
        use.fields().get(0).value().set("5.1");
        use.fields().get(1).value().set("3.5");
        use.fields().get(2).value().set("1.4");
        use.fields().get(3).value().set("0.2");
        use.predict();
        fresh.pumpUntil("a prediction", WAIT, () -> !use.predictedTextProperty().get().isEmpty());
        assertThat(use.predictedTextProperty().get()).startsWith("setosa");
        assertThat(use.probabilityData().getColumnKeys()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void servesTheModelOverHttpUntilStopped() throws Exception {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        use.portTextProperty().set("0");

        use.startServing();
        harness.pumpUntil("the server runs", WAIT, () -> use.servingProperty().get());

        String url = use.serverUrlProperty().get();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/predict");
        assertThat(use.curlExampleProperty().get()).startsWith("curl -X POST " + url)
                .contains("\"sepal_length\": ");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"label\":\"setosa\"");

        use.stopServing();
        harness.pumpUntil("the server stopped", WAIT, () -> !use.servingProperty().get()
                && !use.serverBusyProperty().get());
        assertThat(use.serverUrlProperty().get()).isEmpty();
        assertThat(use.serveStatusProperty().get()).isEqualTo("Stopped serving.");
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(
                URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void closingTheWindowStopsTheServer() throws Exception {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        use.portTextProperty().set("0");
        use.startServing();
        harness.pumpUntil("the server runs", WAIT, () -> use.servingProperty().get());
        String url = use.serverUrlProperty().get();

        harness.viewModels.shutdown();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void aNewTrainingStopsServingTheOldModel() {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        use.portTextProperty().set("0");
        use.startServing();
        harness.pumpUntil("the server runs", WAIT, () -> use.servingProperty().get());

        harness.viewModels.train().train();
        harness.pumpUntil("the server stopped", WAIT, () -> !use.servingProperty().get()
                && !use.serverBusyProperty().get());

        assertThat(use.serveStatusProperty().get()).isEqualTo("Stopped serving.");
    }

    @Test
    void aBadPortIsExplainedAndNothingStarts() {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        use.portTextProperty().set("eighty");

        use.startServing();

        assertThat(use.serveStatusProperty().get()).startsWith("The port must be a whole number from 0 to 65535");
        assertThat(use.servingProperty().get()).isFalse();
    }

    @Test
    void aPortInUseIsExplained() throws IOException {
        ViewModelHarness harness = EvaluateViewModelTest.trainedIris();
        UseViewModel use = harness.viewModels.use();
        try (ServerSocket taken = new ServerSocket(0, 1,
                InetAddress.getByName("127.0.0.1"))) {
            use.portTextProperty().set(Integer.toString(taken.getLocalPort()));
            use.startServing();
            harness.pumpUntil("the start fails", WAIT, () -> !use.serverBusyProperty().get());
        }
        assertThat(use.servingProperty().get()).isFalse();
        assertThat(use.serveStatusProperty().get()).contains("could not listen on port").contains("0 for a free one");
    }

    @Test
    void aFileThatIsNotAModelIsExplained(@TempDir Path folder) throws IOException {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(1));
        Path notAModel = folder.resolve("notes.llmodel");
        Files.writeString(notAModel, "hello");

        harness.viewModels.use().openModel(notAModel);
        harness.pumpUntil("the error shows", WAIT, () -> !harness.project.errorProperty().get().isEmpty());

        assertThat(harness.project.errorProperty().get()).contains("notes.llmodel").doesNotContain("Exception");
        assertThat(harness.viewModels.use().bundleProperty().get()).isNull();
    }
}
