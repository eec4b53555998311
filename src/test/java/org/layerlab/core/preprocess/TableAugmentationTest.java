package org.layerlab.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.Table;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingResult;

/** Training-row augmentation: shapes, labels kept, one-hot inputs untouched, smaller classes brought level. */
class TableAugmentationTest {
    // Rows: a number column, a one-hot pair, class 0 ×4 and class 1 ×1.
    private static final EncodedSet TRAIN = new EncodedSet(new float[] {
        0.5f, 1, 0,
        -1.2f, 0, 1,
        2.0f, 1, 0,
        0.1f, 0, 1,
        -0.3f, 1, 0}, 5, 3, new int[] {0, 0, 0, 0, 1});

    @Test
    void noiseMovesOnlyTheNumberInputsAndKeepsEveryRowAndLabel() {
        EncodedSet noisy = new TableAugmentation(0.1, false).apply(TRAIN, new Random(1));
        assertThat(noisy.rows()).isEqualTo(5);
        assertThat(noisy.labels()).containsExactly(TRAIN.labels());
        for (int row = 0; row < 5; row++) {
            assertThat(noisy.feature(row, 0)).isNotEqualTo(TRAIN.feature(row, 0));
            assertThat(Math.abs(noisy.feature(row, 0) - TRAIN.feature(row, 0))).isLessThan(0.6f);
            assertThat(noisy.feature(row, 1)).isEqualTo(TRAIN.feature(row, 1));
            assertThat(noisy.feature(row, 2)).isEqualTo(TRAIN.feature(row, 2));
        }
        assertThat(TRAIN.feature(0, 0)).isEqualTo(0.5f);
        assertThat(new TableAugmentation(0.1, false).apply(TRAIN, new Random(2)).features())
                .isNotEqualTo(noisy.features());
    }

    @Test
    void oversamplingBringsEveryClassToTheLargestAndKeepsEachOriginalRow() {
        EncodedSet level = new TableAugmentation(0, true).apply(TRAIN, new Random(1));
        assertThat(level.rows()).isEqualTo(8);
        assertThat(Arrays.stream(level.labels()).filter(label -> label == 1).count()).isEqualTo(4);
        for (int row = 0; row < 8; row++) {
            if (level.labels()[row] == 1) {
                assertThat(level.feature(row, 0)).isEqualTo(-0.3f);
            }
        }
        assertThat(Arrays.copyOf(level.features(), 15)).containsExactly(TRAIN.features());
    }

    @Test
    void regressionTargetsTravelWithTheirRowsAndAreNeverOversampled() {
        EncodedSet withTargets = TRAIN.withTargets(new float[] {1, 2, 3, 4, 5});
        EncodedSet out = new TableAugmentation(0.2, true).apply(withTargets, new Random(3));
        assertThat(out.rows()).isEqualTo(5);
        assertThat(out.targets()).containsExactly(1, 2, 3, 4, 5);
        assertThatThrownBy(() -> new TableAugmentation(-1, false)).hasMessageContaining("between 0 and 10");
    }

    @Test
    void aTrainerAugmentsEveryEpochAndStillLearns() {
        Table titanic = CsvReader.read(Path.of("samples/titanic/titanic.csv"));
        Project project = Project.withDefaults(Path.of("samples/titanic/titanic.csv").toAbsolutePath(), "survived")
                .withPreprocessing(new Preprocessing(true, java.util.List.of("name", "ticket", "boat", "body", "cabin",
                        "home.dest")))
                .withTraining(new TrainingConfig(10, 32, 0.01, 42));
        PreparedExperiment experiment = PreparedExperiment.prepare(project, titanic);
        java.util.List<TrainingEvent> events = new java.util.ArrayList<>();
        TrainingResult result = new Dl4jTrainer(new TableAugmentation(0.05, true)).train(experiment.data(),
                project.network(), project.training(), events::add, null);
        assertThat(result.outcome()).as(result.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        assertThat(result.history()).hasSize(10);
        int[] counts = new int[2];
        for (int label : experiment.data().train().labels()) {
            counts[label]++;
        }
        // Every epoch fitted the oversampled rows: twice the larger class.
        long fitted = events.stream().filter(TrainingEvent.IterationDone.class::isInstance).count();
        int perEpoch = (2 * Math.max(counts[0], counts[1]) + 31) / 32;
        assertThat(fitted).isEqualTo(10L * perEpoch);
        assertThat(experiment.evaluateOnTest(result.model()).accuracy()).isGreaterThan(0.7);
    }
}
