package org.layerlab.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.bundle.InputField;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Prediction;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.preprocess.PipelinePreview;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.core.preprocess.PipelineStep.ImputeStrategy;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingResult;

/** A user's preprocessing pipeline on the Titanic sample: fitted on training rows, saved, replayed at prediction. */
class PipelineExperimentTest {
    private static final Path TITANIC = Path.of("samples/titanic/titanic.csv").toAbsolutePath();
    private static final List<String> LEFT_OUT = List.of("name", "ticket", "boat", "body", "home.dest", "cabin");
    private static final List<PipelineStep> STEPS = List.of(
            new PipelineStep.Impute(List.of("age"), ImputeStrategy.MEDIAN, ""),
            new PipelineStep.Impute(List.of("embarked"), ImputeStrategy.MOST_FREQUENT, ""),
            new PipelineStep.LogTransform(List.of("fare")),
            new PipelineStep.Standardize(List.of()),
            new PipelineStep.OneHotEncode(List.of()),
            new PipelineStep.DropMissingRows(List.of("fare")));

    @TempDir
    Path folder;

    private static Project project(List<PipelineStep> steps) {
        return Project.withDefaults(TITANIC, "survived")
                .withPreprocessing(new Preprocessing(true, LEFT_OUT, steps))
                .withTraining(new TrainingConfig(15, 32, 0.01, 42));
    }

    @Test
    void withoutStepsTheDefaultPreprocessingIsExactlyAsBefore() {
        Table table = CsvReader.read(TITANIC);
        Project old = project(null);
        PreparedExperiment experiment = PreparedExperiment.prepare(old, table);
        assertThat(experiment.encoder().pipeline()).isNull();
        List<String> notes = new ArrayList<>();
        assertThat(experiment.encoder()).isEqualTo(org.layerlab.core.preprocess.FeatureEncoder.fit(table, "survived",
                old.preprocessing(), experiment.split().train(), notes));
    }

    @Test
    void thePipelineIsFittedOnTrainingRowsOnly() {
        Table table = CsvReader.read(TITANIC);
        PreparedExperiment experiment = PreparedExperiment.prepare(project(STEPS), table);
        // Make every validation and test row's age and fare absurd: the training inputs must not move.
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column.name().equals("age") || column.name().equals("fare")) {
                double[] values = ((NumericColumn) column).values().clone();
                for (int[] rows : List.of(experiment.split().validation(), experiment.split().test())) {
                    for (int row : rows) {
                        values[row] = 1e7;
                    }
                }
                columns.add(new NumericColumn(column.name(), values));
            } else {
                columns.add(column);
            }
        }
        PreparedExperiment changed = PreparedExperiment.prepare(project(STEPS), new Table("t", columns));
        assertThat(changed.split().train()).isEqualTo(experiment.split().train());
        assertThat(changed.data().trainTable().features()).isEqualTo(experiment.data().trainTable().features());
        assertThat(changed.encoder().pipeline()).isEqualTo(experiment.encoder().pipeline());
        assertThat(changed.data().testTable().features()).isNotEqualTo(experiment.data().testTable().features());
    }

    @Test
    void droppedRowsLeaveEverySplitAndAreNoted() {
        Table table = CsvReader.read(TITANIC);
        PreparedExperiment experiment = PreparedExperiment.prepare(project(STEPS), table);
        Column fare = table.column("fare");
        assertThat(fare.missingCount()).isEqualTo(1);
        int kept = experiment.split().train().length + experiment.split().validation().length
                + experiment.split().test().length;
        assertThat(kept).isEqualTo(table.rowCount() - 1);
        assertThat(experiment.data().notes()).contains("1 rows with missing values are left out ("
                + experiment.split().train().length + " training rows remain).");
        assertThat(experiment.data().featureNames()).contains("sex=female", "embarked=S", "age", "fare")
                .doesNotContain("name", "body");
    }

    @Test
    void theSavedModelReplaysThePipelineOnRawRows() {
        Table table = CsvReader.read(TITANIC);
        PreparedExperiment experiment = PreparedExperiment.prepare(project(STEPS), table);
        TrainingResult result = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, null);
        Evaluation test = experiment.evaluateOnTest(result.model());
        assertThat(test.accuracy()).isGreaterThan(0.7);
        Path file = folder.resolve("titanic.llmodel");
        ModelBundleStore.save(experiment.bundle(result.model(), test), file);
        ModelBundle loaded = ModelBundleStore.load(file, Dl4jModel::load);

        assertThat(loaded.inputSchema()).extracting(InputField::name)
                .containsExactly("pclass", "sex", "age", "sibsp", "parch", "fare", "embarked");
        int row = experiment.split().test()[0];
        Map<String, Object> raw = new HashMap<>();
        for (InputField field : loaded.inputSchema()) {
            Column column = table.column(field.name());
            raw.put(field.name(), column.isMissing(row) ? null
                    : column instanceof NumericColumn numbers ? (Object) numbers.value(row) : column.text(row));
        }
        Prediction prediction = new Predictor(loaded).predict(raw);
        float[] expected = result.model().predictProbabilities(experiment.data().test())[0];
        assertThat(prediction.probabilities().get("1")).isCloseTo(expected[1], within(1e-5));
    }

    @Test
    void theProjectKeepsItsStepsAndOldProjectsHaveNone() throws Exception {
        Path file = folder.resolve("p" + ProjectStore.EXTENSION);
        ProjectStore.save(project(STEPS), file);
        assertThat(ProjectStore.load(file).preprocessing().steps()).isEqualTo(STEPS);
        assertThat(Files.readString(file)).contains("\"step\" : \"impute\"").contains("\"strategy\" : \"median\"");
        ProjectStore.save(project(null), file);
        assertThat(Files.readString(file)).doesNotContain("\"steps\"");
        assertThat(ProjectStore.load(file).preprocessing().hasPipeline()).isFalse();
    }

    @Test
    void thePreviewShowsAStepsColumnsBeforeAndAfter() {
        Table table = CsvReader.read(TITANIC);
        Project project = project(STEPS);
        int[] train = PreparedExperiment.trainingRows(project, table);

        PipelinePreview impute = PipelinePreview.of(table, "survived", LEFT_OUT, STEPS, 0, train);
        assertThat(impute.beforeColumns()).containsExactly("age");
        assertThat(impute.afterColumns()).containsExactly("age");
        int missingAt = impute.before().indexOf(List.of("?"));
        assertThat(missingAt).isNotNegative();
        assertThat(impute.after().get(missingAt)).containsExactly("28");
        assertThat(impute.summary()).isEqualTo("Fitted on " + String.format("%,d", train.length)
                + " training rows: 1 column changed.");

        PipelinePreview oneHot = PipelinePreview.of(table, "survived", LEFT_OUT, STEPS, 4, train);
        assertThat(oneHot.beforeColumns()).containsExactly("sex", "embarked");
        assertThat(oneHot.afterColumns()).containsExactly("sex=female", "sex=male", "embarked=C", "embarked=Q",
                "embarked=S");
        assertThat(oneHot.summary()).endsWith("2 columns removed, 5 columns added.");

        PipelinePreview drop = PipelinePreview.of(table, "survived", LEFT_OUT, STEPS, 5, train);
        assertThat(drop.droppedRows()).contains(true);
        assertThat(drop.summary()).endsWith("1 row left out.");
    }
}
