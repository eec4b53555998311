package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.RunStarted;
import org.layerlab.core.train.TrainingResult;

/**
 * The augmentation a project saves reaches a real DL4J run through {@link RunOptions} (the app's and the command
 * line's path): every epoch fits the oversampled training rows, the validation rows are measured as they are, and
 * the prepared data is left unchanged.
 */
class AugmentedTrainingTest {
    private static final Path TITANIC = Path.of("samples/titanic/titanic.csv").toAbsolutePath();
    private static final TrainingConfig CONFIG = new TrainingConfig(3, 32, 0.01, 42);
    private static PreparedExperiment experiment;

    @BeforeAll
    static void prepare() {
        Project project = Project.withDefaults(TITANIC, "survived")
                .withPreprocessing(new Preprocessing(true, List.of("name", "ticket", "boat", "body", "cabin",
                        "home.dest")).withAugmentation(new TableAugmentation(1.0, true)))
                .withTraining(CONFIG);
        experiment = PreparedExperiment.prepare(project, CsvReader.read(TITANIC));
    }

    @Test
    void everyEpochFitsTheOversampledTrainingRowsAndTheValidationRowsStayAsTheyAre() {
        PreparedData data = experiment.data();
        EncodedSet train = data.trainTable();
        float[] trainBefore = train.features().clone();
        int[] counts = TableAugmentation.classCounts(train.labels());
        int largest = Math.max(counts[0], counts[1]);
        assertThat(counts[0]).as("titanic's classes differ in size").isNotEqualTo(counts[1]);
        List<TrainingEvent> events = new ArrayList<>();

        TrainingResult result = new Dl4jTrainer().train(data, experiment.project().network(), CONFIG, events::add,
                null, RunOptions.none().augmenting(experiment.project().preprocessing().augmentation()));

        assertThat(result.outcome()).as(result.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        RunStarted started = (RunStarted) events.get(0);
        assertThat(started.trainSamples()).isEqualTo(2 * largest).isGreaterThan(train.rows());
        int batchesPerEpoch = (2 * largest + 31) / 32;
        assertThat(started.iterationsPerEpoch()).isEqualTo(batchesPerEpoch);
        for (int epoch = 1; epoch <= 3; epoch++) {
            int e = epoch;
            assertThat(events.stream().filter(IterationDone.class::isInstance).map(IterationDone.class::cast)
                    .filter(done -> done.epoch() == e).count()).as("minibatches of epoch " + e)
                    .isEqualTo(batchesPerEpoch);
        }
        // Noise of spread 1 on the training rows only: the last epoch's validation accuracy is that of the final
        // model on the validation rows exactly as prepared.
        EpochEnded last = result.history().get(result.history().size() - 1);
        int[] predicted = result.model().predictClasses(data.validation());
        int right = 0;
        for (int row = 0; row < predicted.length; row++) {
            right += predicted[row] == data.validation().labels()[row] ? 1 : 0;
        }
        assertThat(last.validationAccuracy()).isCloseTo((double) right / predicted.length, within(1e-9));
        assertThat(train.features()).as("the prepared training rows are not changed").containsExactly(trainBefore);
    }

    @Test
    void withoutAugmentationAnEpochIsTheTrainingSplit() {
        List<TrainingEvent> events = new ArrayList<>();
        new Dl4jTrainer().train(experiment.data(), experiment.project().network(), CONFIG.withEpochs(1), events::add,
                null, RunOptions.none());
        assertThat(((RunStarted) events.get(0)).trainSamples()).isEqualTo(experiment.data().train().rows());
    }
}
