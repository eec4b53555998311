package org.layerlab.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.Table;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;

/**
 * Image templates train for real on the 8×8 handwritten digits ({@code samples/digits8x8}, 1,797 rows of 64 pixel
 * columns), read and prepared exactly as the app and the command line do, and classify the test rows well.
 */
class TemplateTrainingTest {

    private static PreparedExperiment digits(String template, TrainingConfig training) {
        Path file = Path.of(System.getProperty("layerlab.samples", "samples"), "digits8x8", "digits.csv");
        Table table = CsvReader.read(file);
        PreparedExperiment experiment = PreparedExperiment.prepare(
                Project.withDefaults(file.toAbsolutePath(), "digit").withTraining(training), table);
        return experiment.withNetwork(Templates.find(template).orElseThrow().buildFor(experiment.data().signature()));
    }

    private static double trainAndTest(String template, PreparedExperiment experiment) {
        TrainingResult result = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, new RunControl());
        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        Evaluation test = experiment.evaluateOnTest(result.model());
        System.out.printf(Locale.ROOT, "Digits, %s: %d epochs, test accuracy %.4f (%d rows), %.0f samples/s%n",
                template, result.epochsCompleted(), test.accuracy(), experiment.data().test().rows(),
                result.trainSamplesPerSecond());
        return test.accuracy();
    }

    @Test
    void theResidualTemplateABranchingNetworkLearnsTheDigits() {
        PreparedExperiment experiment = digits("resnet-small", new TrainingConfig(8, 32, 0.01, 42));
        NetworkGraph network = experiment.project().network();
        assertThat(network.isChain()).isFalse();
        assertThat(network.nodesOfKind(LayerKind.ADD)).hasSize(1);
        assertThat(network.nodesOfKind(LayerKind.BATCH_NORM)).hasSize(3);

        assertThat(trainAndTest("resnet-small", experiment)).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void theLeNetTemplateLearnsTheDigitsInAFewEpochs() {
        PreparedExperiment experiment = digits("lenet", new TrainingConfig(5, 32, 0.01, 42));
        assertThat(experiment.project().network().nodesOfKind(LayerKind.CONVOLUTION)).hasSize(2);

        assertThat(trainAndTest("lenet", experiment)).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void theLeNetTemplateGivesTheSameRunWithTheSameSeed() {
        PreparedExperiment experiment = digits("lenet", new TrainingConfig(2, 32, 0.01, 42));
        TrainingResult first = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, new RunControl());
        TrainingResult second = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                experiment.project().training(), null, new RunControl());
        assertThat(first.history()).hasSize(2);
        assertThat(first.history().stream().map(e -> e.trainLoss()).toList())
                .containsExactlyElementsOf(second.history().stream().map(e -> e.trainLoss()).toList());
        assertThat(first.model().predictProbabilities(experiment.data().test()))
                .isEqualTo(second.model().predictProbabilities(experiment.data().test()));
    }
}
