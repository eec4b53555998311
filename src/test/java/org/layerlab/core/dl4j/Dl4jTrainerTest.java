package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.IterationDone;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingEvent.RunFinished;
import org.layerlab.core.train.TrainingEvent.RunStarted;
import org.layerlab.core.train.TrainingResult;

class Dl4jTrainerTest {

    @Test
    void learnsIrisWellEnoughToClassifyTheTestRows() {
        TrainingResult result = TrainedIris.result();
        PreparedData data = TrainedIris.data();

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.model()).isInstanceOf(Dl4jModel.class);
        int[] predicted = result.model().predictClasses(data.test());
        int correct = 0;
        for (int row = 0; row < predicted.length; row++) {
            correct += predicted[row] == data.test().labels()[row] ? 1 : 0;
        }
        double accuracy = (double) correct / predicted.length;
        System.out.printf(Locale.ROOT, "Iris test accuracy %.3f (%d/%d)%n", accuracy, correct, predicted.length);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);

        EpochEnded last = result.history().get(result.history().size() - 1);
        assertThat(last.trainAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(last.validationAccuracy()).isGreaterThanOrEqualTo(0.8);
        assertThat(last.trainLoss()).isLessThan(result.history().get(0).trainLoss());
        assertThat(result.trainSamplesPerSecond()).isPositive();
        assertThat(result.backend()).isEqualTo(Nd4jBackend.detect().summary());
        assertThat(result.message()).startsWith("Finished 60 epochs");
    }

    @Test
    void reportsEventsInOrder() {
        TrainingResult result = TrainedIris.result();
        List<TrainingEvent> events = TrainedIris.listener().events;
        int epochs = TrainedIris.CONFIG.epochs();
        int trainRows = TrainedIris.data().train().rows();
        int iterationsPerEpoch = (trainRows + 15) / 16;

        assertThat(events.get(0)).isInstanceOf(RunStarted.class);
        RunStarted started = (RunStarted) events.get(0);
        assertThat(started.epochs()).isEqualTo(epochs);
        assertThat(started.iterationsPerEpoch()).isEqualTo(iterationsPerEpoch);
        assertThat(started.trainSamples()).isEqualTo(trainRows);
        assertThat(started.parameterCount()).isEqualTo(4 * 64 + 64 + 64 * 32 + 32 + 32 * 3 + 3);
        assertThat(started.backend()).isEqualTo(Nd4jBackend.detect().summary());

        assertThat(events.get(events.size() - 1)).isEqualTo(new RunFinished(Outcome.COMPLETED, epochs,
                result.message()));
        assertThat(events.stream().filter(RunStarted.class::isInstance)).hasSize(1);
        assertThat(events.stream().filter(RunFinished.class::isInstance)).hasSize(1);

        List<EpochEnded> ended = TrainedIris.listener().all(EpochEnded.class);
        assertThat(ended).extracting(EpochEnded::epoch)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, epochs).boxed().toList());
        assertThat(ended).isEqualTo(result.history());
        assertThat(ended).allSatisfy(epoch -> {
            assertThat(epoch.epochs()).isEqualTo(epochs);
            assertThat(epoch.trainLoss()).isFinite().isPositive();
            assertThat(epoch.validationLoss()).isFinite().isPositive();
            assertThat(epoch.trainAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.samplesPerSecond()).isPositive();
        });
        assertThat(ended).extracting(EpochEnded::elapsedMillis).isSorted();

        List<IterationDone> iterations = TrainedIris.listener().all(IterationDone.class);
        assertThat(iterations).hasSize(epochs * iterationsPerEpoch);
        for (int i = 0; i < iterations.size(); i++) {
            IterationDone done = iterations.get(i);
            assertThat(done.globalIteration()).isEqualTo(i + 1);
            assertThat(done.epoch()).isEqualTo(i / iterationsPerEpoch + 1);
            assertThat(done.iteration()).isEqualTo(i % iterationsPerEpoch + 1);
            assertThat(done.loss()).isFinite().isNotNegative();
        }
        // Each epoch's iterations come before its EpochEnded, which comes before the next epoch's iterations.
        int expectedEpoch = 1;
        for (TrainingEvent event : events.subList(1, events.size() - 1)) {
            if (event instanceof IterationDone done) {
                assertThat(done.epoch()).isEqualTo(expectedEpoch);
            } else if (event instanceof EpochEnded epoch) {
                assertThat(epoch.epoch()).isEqualTo(expectedEpoch++);
            }
        }
        assertThat(result.history()).hasSize(epochs);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        PreparedData data = IrisFixture.prepared();
        TrainingConfig config = new TrainingConfig(8, 16, 0.01, 7);
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();

        TrainingResult a = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, first, new RunControl());
        TrainingResult b = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), config, second, new RunControl());

        assertThat(a.history()).extracting(EpochEnded::trainLoss)
                .containsExactlyElementsOf(b.history().stream().map(EpochEnded::trainLoss).toList());
        assertThat(a.history()).extracting(EpochEnded::validationLoss)
                .containsExactlyElementsOf(b.history().stream().map(EpochEnded::validationLoss).toList());
        assertThat(first.all(IterationDone.class)).extracting(IterationDone::loss)
                .containsExactlyElementsOf(second.all(IterationDone.class).stream().map(IterationDone::loss).toList());
        assertThat(a.model().predictProbabilities(data.test())).isEqualTo(b.model().predictProbabilities(data.test()));
    }

    @Test
    void aDifferentSeedGivesADifferentRun() {
        PreparedData data = IrisFixture.prepared();
        TrainingResult a = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), new TrainingConfig(2, 16, 0.01, 1),
                null, null);
        TrainingResult b = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), new TrainingConfig(2, 16, 0.01, 2),
                null, null);
        assertThat(a.history().get(1).trainLoss()).isNotEqualTo(b.history().get(1).trainLoss());
    }

    @Test
    void stopActsWithinOneIteration() {
        RunControl control = new RunControl();
        RecordingListener events = new RecordingListener() {
            @Override
            public synchronized void on(TrainingEvent event) {
                super.on(event);
                if (event instanceof IterationDone done && done.epoch() == 2 && done.iteration() == 1) {
                    control.stop();
                }
            }
        };

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(50, 16, 0.01, 42), events, control);

        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.epochsCompleted()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Stopped by you after 1 epoch.");
        assertThat(result.model()).isNotNull();
        int iterationsPerEpoch = ((RunStarted) events.events.get(0)).iterationsPerEpoch();
        assertThat(events.all(IterationDone.class)).hasSize(iterationsPerEpoch + 1);
        assertThat(events.all(RunFinished.class))
                .containsExactly(new RunFinished(Outcome.STOPPED, 1, "Stopped by you after 1 epoch."));
        assertThat(events.events.get(events.size() - 1)).isInstanceOf(RunFinished.class);
    }

    @Test
    void pauseHoldsTrainingUntilResumed() throws Exception {
        Nd4jBackend.detect();
        RunControl control = new RunControl();
        Thread trainingThread = Thread.currentThread();
        AtomicInteger eventsWhenPaused = new AtomicInteger();
        AtomicInteger eventsWhenResumed = new AtomicInteger();
        AtomicReference<Thread.State> stateWhilePaused = new AtomicReference<>();
        RecordingListener events = new RecordingListener() {
            @Override
            public void on(TrainingEvent event) {
                super.on(event);
                if (event instanceof IterationDone done && done.epoch() == 1 && done.iteration() == 2) {
                    control.pause();
                    eventsWhenPaused.set(size());
                    Thread resumer = new Thread(() -> {
                        // Resume only once the trainer is really waiting inside RunControl.
                        while (trainingThread.getState() != Thread.State.WAITING) {
                            Thread.onSpinWait();
                        }
                        stateWhilePaused.set(trainingThread.getState());
                        eventsWhenResumed.set(size());
                        control.resume();
                    });
                    resumer.setDaemon(true);
                    resumer.start();
                }
            }
        };

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(2, 16, 0.01, 42), events, control);

        assertThat(stateWhilePaused.get()).isEqualTo(Thread.State.WAITING);
        assertThat(eventsWhenResumed.get()).isEqualTo(eventsWhenPaused.get());
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.epochsCompleted()).isEqualTo(2);
    }

    @Test
    void anInterruptCountsAsStop() throws Exception {
        Nd4jBackend.detect();
        AtomicReference<TrainingResult> result = new AtomicReference<>();
        RecordingListener events = new RecordingListener();
        Thread thread = new Thread(() -> {
            Thread.currentThread().interrupt();
            result.set(new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                    new TrainingConfig(5, 16, 0.01, 42), events, new RunControl()));
        });
        thread.start();
        thread.join();

        assertThat(result.get().outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.get().epochsCompleted()).isZero();
        assertThat(events.events).first().isInstanceOf(RunStarted.class);
        assertThat(events.events).last().isEqualTo(new RunFinished(Outcome.STOPPED, 0, result.get().message()));
    }

    @Test
    void withoutValidationRowsTheValidationMetricsAreNaN() {
        TrainingResult result = new Dl4jTrainer().train(IrisFixture.withoutValidation(), NetworkGraph.defaultGraph(),
                new TrainingConfig(2, 16, 0.01, 42), null, null);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.history()).hasSize(2).allSatisfy(epoch -> {
            assertThat(epoch.validationLoss()).isNaN();
            assertThat(epoch.validationAccuracy()).isNaN();
            assertThat(epoch.trainLoss()).isFinite();
        });
        assertThat(result.message()).contains("training accuracy");
    }

    @Test
    void aDivergingRunFailsWithAdviceAboutTheLearningRate() {
        // Values near the float32 maximum overflow the first layer's sums to ±Infinity, and Infinity - Infinity
        // in the next layer is NaN: the loss cannot stay finite, whatever the random weights.
        PreparedData iris = IrisFixture.prepared();
        float[] huge = new float[iris.train().rows() * iris.train().columns()];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = 3e38f * (1 + (i % 3)) / 3;
        }
        PreparedData data = new PreparedData(
                new EncodedSet(huge, iris.train().rows(), iris.train().columns(), iris.train().labels()),
                iris.validation(), iris.test(), iris.featureNames(), iris.classNames(), List.of());
        RecordingListener events = new RecordingListener();

        TrainingResult result = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(),
                new TrainingConfig(5, 16, 10, 42), events, new RunControl());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).startsWith("Training diverged: the loss became")
                .contains("in epoch 1").contains("learning rate").contains("e.g. 1)");
        assertThat(events.events).first().isInstanceOf(RunStarted.class);
        assertThat(events.all(RunFinished.class))
                .containsExactly(new RunFinished(Outcome.FAILED, 0, result.message()));
        assertThat(events.events).last().isInstanceOf(RunFinished.class);
        assertThat(events.all(IterationDone.class)).allSatisfy(done -> assertThat(done.loss()).isFinite());
    }

    @Test
    void unusableDataFailsWithAMessageInsteadOfThrowing() {
        PreparedData iris = IrisFixture.prepared();
        PreparedData noRows = new PreparedData(new EncodedSet(new float[0], 0, 4, new int[0]), iris.validation(),
                iris.test(), iris.featureNames(), iris.classNames(), List.of());
        RecordingListener events = new RecordingListener();

        TrainingResult result = new Dl4jTrainer().train(noRows, NetworkGraph.defaultGraph(),
                TrainingConfig.defaults(), events, new RunControl());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("no training rows");
        assertThat(result.history()).isEmpty();
        assertThat(events.events).hasSize(2);
        assertThat(events.events.get(0)).isInstanceOf(RunStarted.class);
        assertThat(events.events.get(1)).isEqualTo(new RunFinished(Outcome.FAILED, 0, result.message()));
    }

    @Test
    void aNetworkThatCannotTrainFailsWithItsFirstProblemInsteadOfThrowing() {
        NetworkGraph dangling = NetworkGraph.defaultGraph().withoutEdge(new org.layerlab.core.graph.Edge(
                new org.layerlab.core.graph.NodeId("dense_1"), new org.layerlab.core.graph.NodeId("dense_2")));
        RecordingListener events = new RecordingListener();

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), dangling, TrainingConfig.defaults(),
                events, new RunControl());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).isEqualTo("The network cannot be trained yet: 'dense_2' has no input: connect "
                + "something into it.");
        assertThat(result.model()).isNull();
        assertThat(events.events).hasSize(2);
        assertThat(events.events.get(0)).isInstanceOf(RunStarted.class);
        assertThat(events.events.get(1)).isEqualTo(new RunFinished(Outcome.FAILED, 0, result.message()));
    }

    @Test
    void aFailingListenerEndsTheRunAsFailedAndStillFinishes() {
        RecordingListener events = new RecordingListener() {
            @Override
            public synchronized void on(TrainingEvent event) {
                super.on(event);
                if (event instanceof EpochEnded) {
                    throw new IllegalStateException("chart broke");
                }
            }
        };

        TrainingResult result = new Dl4jTrainer().train(IrisFixture.prepared(), NetworkGraph.defaultGraph(),
                new TrainingConfig(3, 16, 0.01, 42), events, new RunControl());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("chart broke");
        assertThat(events.events).last().isInstanceOf(RunFinished.class);
        assertThat(events.all(RunFinished.class)).hasSize(1);
    }

    @Test
    void recognisesRunningOutOfMemoryInItsVariousDisguises() {
        // A 100 000 × 100 000 layer made ND4J throw exactly this on a 6 GB machine.
        assertThat(Dl4jTrainer.isOutOfMemory(new RuntimeException("Allocation failed: [std::bad_alloc]"))).isTrue();
        assertThat(Dl4jTrainer.isOutOfMemory(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(Dl4jTrainer.isOutOfMemory(new IllegalStateException("wrapped",
                new OutOfMemoryError("Cannot allocate new FloatPointer(1000000000): totalBytes = 4G")))).isTrue();
        assertThat(Dl4jTrainer.isOutOfMemory(new IllegalStateException("Input shape mismatch"))).isFalse();
    }

    @Test
    void shufflingKeepsEveryRowWithItsLabel() {
        EncodedSet set = new EncodedSet(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, 4, 2, new int[] {0, 1, 2, 1});
        float[] features = new float[8];
        float[] oneHot = new float[12];
        int[] labels = new int[4];

        Dl4jTrainer.shuffleInto(set, 3, new java.util.Random(3), features, oneHot, labels);

        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int row = 0; row < 4; row++) {
            int original = (int) features[row * 2];
            assertThat(features[row * 2 + 1]).isEqualTo(original * 10f);
            float[] expected = new float[3];
            expected[set.labels()[original]] = 1;
            assertThat(java.util.Arrays.copyOfRange(oneHot, row * 3, row * 3 + 3)).containsExactly(expected);
            assertThat(labels[row]).isEqualTo(set.labels()[original]);
            seen.add(original);
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
    }
}
