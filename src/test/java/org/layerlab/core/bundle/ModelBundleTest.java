package org.layerlab.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.data.Table;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.experiment.PreparedExperiment;

/** A model trained for real on a table with numbers, categories and missing values, bundled and used again. */
class ModelBundleTest {
    private static Table table;
    private static PreparedExperiment experiment;
    private static ModelBundle bundle;

    @TempDir
    Path folder;

    @BeforeAll
    static void train() {
        table = ShapesBundle.table();
        experiment = ShapesBundle.experiment();
        bundle = ShapesBundle.bundle();
    }

    private static Map<String, Object> row(Object size, Object colour) {
        Map<String, Object> row = new HashMap<>();
        row.put("size", size);
        row.put("colour", colour);
        return row;
    }

    @Test
    void aSavedBundlePredictsExactlyAsTheModelDid() throws IOException {
        Path file = folder.resolve("shapes" + ModelBundleStore.EXTENSION);
        ModelBundleStore.save(bundle, file);

        ModelBundle loaded = ModelBundleStore.load(file, Dl4jModel::load);

        assertThat(loaded.classNames()).containsExactly("big", "small");
        assertThat(loaded.inputSchema()).extracting(InputField::name).containsExactly("size", "colour");
        assertThat(loaded.info().metrics()).containsEntry("accuracy", 1.0);
        float[][] direct = bundle.model().predictProbabilities(experiment.data().test());
        float[][] reloaded = loaded.model().predictProbabilities(experiment.data().test());
        assertThat(reloaded).isDeepEqualTo(direct);
        // The predictor replays the encoding: a raw row gives the same probabilities as the encoded test row.
        int firstTestRow = experiment.split().test()[0];
        Prediction prediction = new Predictor(loaded).predict(row(
                table.column("size").isMissing(firstTestRow) ? null
                        : Double.parseDouble(table.column("size").text(firstTestRow)),
                table.column("colour").text(firstTestRow)));
        assertThat(prediction.probabilities().get("big")).isEqualTo((double) direct[0][0]);
        assertThat(prediction.label()).isIn("big", "small");
    }

    @Test
    void learnedTheRuleAndPredictsManyRowsAtOnce() {
        List<Prediction> predictions = new Predictor(bundle).predictAll(List.of(row(12, "red"), row("3", "green")));

        assertThat(predictions).extracting(Prediction::label).containsExactly("big", "small");
        assertThat(predictions.get(0).probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void wrongRequestsSayWhatIsWrong() {
        Predictor predictor = new Predictor(bundle);
        Map<String, Object> missing = new LinkedHashMap<>(Map.of("size", 3));
        Map<String, Object> extra = row(3, "red");
        extra.put("weight", 9);

        assertThatThrownBy(() -> predictor.predict(missing)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("lacks 'colour'").hasMessageContaining("expects exactly: 'size', 'colour'");
        assertThatThrownBy(() -> predictor.predict(extra)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("does not use: 'weight'");
        assertThatThrownBy(() -> predictor.predict(row("big", "red"))).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("'big' for 'size', which must be a number");
        assertThatThrownBy(() -> predictor.predict(row(3, "purple"))).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("'purple'").hasMessageContaining("'blue', 'green', 'red'");
        assertThat(predictor.predict(row(null, "red")).label()).isNotBlank(); // null = missing, filled as in training
    }

    @Test
    void refusesNewerCorruptAndTamperedBundles() throws IOException {
        Path newer = zip("newer.llmodel", Map.of("layerlab-bundle.json",
                "{\"format\":\"layerlab-model-bundle\",\"schemaVersion\":9}", "network.zip", "x"));
        Path escaping = zip("evil.llmodel", Map.of("../../outside.txt", "x", "layerlab-bundle.json", "{}"));
        Path notZip = Files.writeString(folder.resolve("text.llmodel"), "hello");

        assertThatThrownBy(() -> ModelBundleStore.load(newer, Dl4jModel::load)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("newer LayerLab");
        assertThatThrownBy(() -> ModelBundleStore.load(escaping, Dl4jModel::load)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("leaves its folder");
        assertThatThrownBy(() -> ModelBundleStore.load(notZip, Dl4jModel::load)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("not a readable zip");
        assertThat(Files.exists(folder.getParent().resolve("outside.txt"))).isFalse();
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path file = folder.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }
}
