package org.layerlab.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.bundle.ModelBundle;
import org.layerlab.core.bundle.ModelBundleStore;
import org.layerlab.core.bundle.Prediction;
import org.layerlab.core.bundle.Predictor;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.dl4j.Dl4jModel;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingResult;

/** Regression end to end on the diabetes sample: guessed task, real DL4J training, metrics, bundle, prediction. */
class RegressionTrainingTest {
    private static Table diabetes;
    private static PreparedExperiment experiment;
    private static TrainingResult result;
    private static final List<TrainingEvent> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    static Path folder;

    @BeforeAll
    static void train() {
        diabetes = CsvReader.read(Path.of("samples/diabetes/diabetes.csv"));
        // 30 epochs at 0.001: about R² 0.5 on this split (a linear model reaches about 0.45–0.5 on diabetes).
        Project project = Project.withDefaults(Path.of("samples/diabetes/diabetes.csv").toAbsolutePath(), "progression")
                .withTraining(new TrainingConfig(30, 32, 0.001, 42));
        experiment = PreparedExperiment.prepare(project, diabetes);
        result = new Dl4jTrainer().train(experiment.data(), project.network(), project.training(), EVENTS::add, null);
    }

    @Test
    void theTaskIsGuessedFromTheLabel() {
        assertThat(TaskType.guess(diabetes.column("progression"))).isEqualTo(TaskType.REGRESSION);
        assertThat(TaskType.guess(diabetes.column("sex"))).isEqualTo(TaskType.CLASSIFICATION);
        assertThat(TaskType.guess(CsvReader.read(Path.of("samples/iris/iris.csv")).column("species")))
                .isEqualTo(TaskType.CLASSIFICATION);
        assertThat(experiment.task()).isEqualTo(TaskType.REGRESSION);
        assertThat(experiment.data().signature().regression()).isTrue();
    }

    @Test
    void targetsAreStandardizedWithTheTrainingRowsOnly() {
        double[] values = ((NumericColumn) diabetes.column("progression")).values();
        double sum = 0;
        for (int row : experiment.split().train()) {
            sum += values[row];
        }
        assertThat(experiment.data().target().mean()).isCloseTo(sum / experiment.split().train().length,
                org.assertj.core.data.Offset.offset(1e-9));
        float mean = 0;
        for (float t : experiment.data().trainTable().targets()) {
            mean += t;
        }
        assertThat(mean / experiment.data().train().rows()).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void trainsToAUsefulR2AndReportsMeanAbsoluteErrorPerEpoch() {
        assertThat(result.outcome()).as(result.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        assertThat(result.message()).contains("mean absolute error");
        EpochEnded last = result.history().get(result.history().size() - 1);
        assertThat(last.isRegression()).isTrue();
        assertThat(last.trainAccuracy()).isNaN();
        assertThat(last.trainMeanAbsoluteError()).isBetween(10.0, 80.0);
        assertThat(last.validationMeanAbsoluteError()).isBetween(10.0, 80.0);
        assertThat(EVENTS).filteredOn(EpochEnded.class::isInstance).hasSize(30);

        RegressionEvaluation test = experiment.evaluateRegressionOnTest(result.model());
        assertThat(test.r2()).isGreaterThan(0.3);
        assertThat(test.meanAbsoluteError()).isLessThan(60);
        assertThat(test.count()).isEqualTo(experiment.data().test().rows());
    }

    @Test
    void theBundleRemembersTheScalingAndAnswersWithANumber() {
        RegressionEvaluation test = experiment.evaluateRegressionOnTest(result.model());
        Path file = folder.resolve("diabetes.llmodel");
        ModelBundleStore.save(experiment.bundle(result.model(), test), file);
        ModelBundle loaded = ModelBundleStore.load(file, Dl4jModel::load);

        assertThat(loaded.isRegression()).isTrue();
        assertThat(loaded.target()).isEqualTo(experiment.data().target());
        assertThat(loaded.info().metrics()).containsKeys("mae", "rmse", "r2");
        Predictor predictor = new Predictor(loaded);
        int firstTestRow = experiment.split().test()[0];
        Map<String, Object> row = new HashMap<>();
        for (String column : diabetes.columnNames()) {
            if (!column.equals("progression")) {
                row.put(column, ((NumericColumn) diabetes.column(column)).value(firstTestRow));
            }
        }
        Prediction prediction = predictor.predict(row);
        assertThat(prediction.isValue()).isTrue();
        assertThat(prediction.probabilities()).isEmpty();
        assertThat(prediction.value()).isCloseTo(experiment.predictTestValues(result.model())[0],
                org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aLabelOfWordsCannotBeARegressionTarget() {
        Table iris = CsvReader.read(Path.of("samples/iris/iris.csv"));
        Project project = Project.withDefaults(Path.of("iris.csv"), "species").withTask(TaskType.REGRESSION);
        assertThatThrownBy(() -> PreparedExperiment.prepare(project, iris)).isInstanceOf(DataProblem.class)
                .hasMessageContaining("holds words").hasMessageContaining("classification");
    }

    @Test
    void theUserMayTreatANumericLabelAsClasses() {
        Project project = Project.withDefaults(Path.of("diabetes.csv"), "sex").withTask(TaskType.REGRESSION);
        assertThat(PreparedExperiment.prepare(project, diabetes).task()).isEqualTo(TaskType.REGRESSION);
        assertThat(PreparedExperiment.prepare(project.withTask(null), diabetes).task())
                .isEqualTo(TaskType.CLASSIFICATION);
    }
}
