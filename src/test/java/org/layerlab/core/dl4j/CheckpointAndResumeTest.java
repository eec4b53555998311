package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.Checkpoint;
import org.layerlab.core.train.CheckpointStore;
import org.layerlab.core.train.EarlyStopping;
import org.layerlab.core.train.LearningRateSchedule;
import org.layerlab.core.train.Optimizer;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.CheckpointFailed;
import org.layerlab.core.train.TrainingEvent.CheckpointSaved;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;

/** Checkpoints every epoch, and a resumed run that ends exactly where an uninterrupted one does (real DL4J, iris). */
class CheckpointAndResumeTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path folder;

    static Stream<Arguments> runs() {
        NetworkGraph withDropout = NetworkGraph.chain(List.of(new DenseSpec(32, Activation.RELU), new DropoutSpec(0.3),
                new DenseSpec(16, Activation.TANH)));
        return Stream.of(
                Arguments.of("Adam, constant rate", NetworkGraph.defaultGraph(), new TrainingConfig(6, 16, 0.01, 42)),
                Arguments.of("Nesterov, step schedule, dropout, L2, clipping", withDropout,
                        new TrainingConfig(6, 16, 0.05, 7).withOptimizer(Optimizer.NESTEROV)
                                .withSchedule(LearningRateSchedule.step(0.5, 2)).withRegularization(0, 1e-3)
                                .withGradientClip(2)),
                Arguments.of("AdamW, warm-up, early stopping with long patience", NetworkGraph.defaultGraph(),
                        new TrainingConfig(6, 16, 0.02, 3).withOptimizer(Optimizer.ADAMW)
                                .withSchedule(LearningRateSchedule.exponential(0.9).withWarmup(1))
                                .withEarlyStopping(EarlyStopping.onValidationLoss(50))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void threeEpochsResumedToSixEqualSixStraight(String name, NetworkGraph graph, TrainingConfig six)
            throws IOException {
        PreparedData data = IrisFixture.prepared();
        TrainingResult straight = new Dl4jTrainer().train(data, graph, six, null, null);
        Path checkpoints = folder.resolve("checkpoints");

        TrainingResult firstHalf = new Dl4jTrainer().train(data, graph, six.withEpochs(3), null, null,
                RunOptions.checkpointingTo(checkpoints));
        RecordingListener events = new RecordingListener();
        TrainingResult resumed = new Dl4jTrainer().train(data, graph, six, events, null,
                RunOptions.checkpointingTo(checkpoints).resumingFrom(checkpoints));

        assertThat(firstHalf.epochsCompleted()).isEqualTo(3);
        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.COMPLETED);
        assertSameHistory(resumed.history(), straight.history());
        assertSameParameters(resumed, straight);
        // Only epochs 4 to 6 were trained in the resumed process; its events say so.
        assertThat(events.all(EpochEnded.class)).extracting(EpochEnded::epoch).containsExactly(4, 5, 6);
        assertThat(events.all(TrainingEvent.IterationDone.class).get(0).globalIteration()).isEqualTo(3 * 7 + 1);
        assertThat(CheckpointStore.latest(checkpoints)).hasValueSatisfying(latest ->
                assertThat(latest.getFileName().toString()).isEqualTo("epoch-0006"));
        assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
    }

    @Test
    void aRunKilledAfterACheckpointResumesFromItAndEndsAsAnUninterruptedOne() throws IOException {
        PreparedData data = IrisFixture.prepared();
        TrainingConfig config = new TrainingConfig(5, 16, 0.01, 11);
        TrainingResult straight = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, null, null);
        Path checkpoints = folder.resolve("run");
        RunControl control = new RunControl();
        RecordingListener killed = new RecordingListener() {
            @Override
            public synchronized void on(TrainingEvent event) {
                super.on(event);
                if (event instanceof CheckpointSaved saved && saved.epoch() == 2) {
                    control.stop(); // nothing more is written after this point, as if the process had died
                }
            }
        };

        TrainingResult interrupted = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, killed,
                control, RunOptions.checkpointingTo(checkpoints));
        // A checkpoint that was being written when the process died is a dot-folder, never taken for a whole one.
        Files.createDirectories(checkpoints.resolve(".epoch-0003.123"));
        Files.writeString(checkpoints.resolve(".epoch-0003.123").resolve("model.zip"), "half");
        Checkpoint state = CheckpointStore.read(checkpoints);
        TrainingResult resumed = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, null, null,
                RunOptions.none().resumingFrom(checkpoints));

        assertThat(interrupted.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(killed.all(CheckpointSaved.class)).extracting(CheckpointSaved::epoch).containsExactly(1, 2);
        assertThat(state.epoch()).isEqualTo(2);
        assertThat(state.config()).isEqualTo(config);
        assertThat(state.history()).hasSize(2);
        assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
        assertSameHistory(resumed.history(), straight.history());
        assertSameParameters(resumed, straight);
    }

    @Test
    void onlyTheLastTwoCheckpointsAreKept() {
        Path checkpoints = folder.resolve("kept");
        new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(), new TrainingConfig(4, 32, 0.01, 1),
                null, null, RunOptions.checkpointingTo(checkpoints));

        assertThat(CheckpointStore.all(checkpoints)).extracting(p -> p.getFileName().toString())
                .containsExactly("epoch-0003", "epoch-0004");
        assertThat(checkpoints.resolve("epoch-0004").resolve(Dl4jCheckpoints.MODEL_FILE)).isRegularFile();
    }

    @Test
    void anUnwritableCheckpointFolderIsReportedAndTrainingGoesOn() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("a-file"), "in the way");
        RecordingListener events = new RecordingListener();

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(3, 16, 0.01, 42), events, null, RunOptions.checkpointingTo(notAFolder));

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.epochsCompleted()).isEqualTo(3);
        assertThat(events.all(CheckpointFailed.class)).hasSize(3).first().satisfies(failed -> {
            assertThat(failed.epoch()).isEqualTo(1);
            assertThat(failed.message()).startsWith("The checkpoint after epoch 1 could not be written to")
                    .contains("Training goes on");
        });
        assertThat(events.all(CheckpointSaved.class)).isEmpty();
    }

    @Test
    void resumingFromAFolderWithoutACheckpointFailsPlainly() {
        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(3, 16, 0.01, 42), null, null, RunOptions.none().resumingFrom(folder));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).startsWith("LayerLab could not resume from").contains("There is no checkpoint");
    }

    @Test
    void resumingWithOtherDataFailsPlainly() {
        Path checkpoints = folder.resolve("iris");
        new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(), new TrainingConfig(1, 16, 0.01, 42),
                null, null, RunOptions.checkpointingTo(checkpoints));
        PreparedData iris = IrisFixture.prepared();
        PreparedData twoClasses = new PreparedData(iris.train(), iris.validation(), iris.test(), iris.featureNames(),
                List.of("a", "b", "c", "d"), List.of());

        TrainingResult result = new Dl4jTrainer().train(twoClasses, NetworkGraph.defaultGraph(),
                new TrainingConfig(2, 16, 0.01, 42), null, null, RunOptions.none().resumingFrom(checkpoints));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("tells 3 classes apart, but this data has 4");
    }

    static void assertSameHistory(List<EpochEnded> actual, List<EpochEnded> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            EpochEnded a = actual.get(i);
            EpochEnded e = expected.get(i);
            assertThat(a.epoch()).isEqualTo(e.epoch());
            assertThat(a.trainLoss()).as("train loss, epoch %d", e.epoch()).isCloseTo(e.trainLoss(), within(TOLERANCE));
            assertThat(a.validationLoss()).as("validation loss, epoch %d", e.epoch())
                    .isCloseTo(e.validationLoss(), within(TOLERANCE));
            assertThat(a.trainAccuracy()).isCloseTo(e.trainAccuracy(), within(TOLERANCE));
            assertThat(a.validationAccuracy()).isCloseTo(e.validationAccuracy(), within(TOLERANCE));
            assertThat(a.learningRate()).isCloseTo(e.learningRate(), within(1e-12));
        }
    }

    static void assertSameParameters(TrainingResult actual, TrainingResult expected) {
        float[] a = ((Dl4jModel) actual.model()).network().params().toFloatVector();
        float[] e = ((Dl4jModel) expected.model()).network().params().toFloatVector();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat((double) a[i]).as("parameter %d", i).isCloseTo(e[i], within(TOLERANCE));
        }
    }
}
