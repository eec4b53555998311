package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.AugmentationPreview;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.RunOptions;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;

/** The Augmentation card on the titanic and diabetes samples, and a real training run that uses it. */
class TableAugmentationViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void noiseAndOversamplingGoToTheProjectTheirPreviewAndTheTrainingRun() {
        RecordingTrainer trainer = new RecordingTrainer();
        ViewModelHarness harness = new ViewModelHarness(trainer);
        harness.project.openSample(Sample.TITANIC);
        harness.pumpUntil("titanic is prepared", WAIT, () -> harness.project.getExperiment() != null);
        TableAugmentationViewModel augmentation = harness.viewModels.data().augmentation();
        harness.pumpUntil("a preview", WAIT, () -> augmentation.previewProperty().get() != null);
        assertThat(augmentation.previewNoteProperty().get()).startsWith("No augmentation");
        PreparedExperiment prepared = harness.project.getExperiment();

        augmentation.noiseOnProperty().set(true);
        augmentation.noiseProperty().set(0.2);
        augmentation.oversampleProperty().set(true);

        assertThat(harness.project.getProject().preprocessing().augmentation())
                .isEqualTo(new TableAugmentation(0.2, true));
        harness.pumpUntil("the preview shows the oversampled counts", WAIT,
                () -> augmentation.previewProperty().get() != null
                        && augmentation.previewProperty().get().summary().contains("rows per epoch"));
        assertThat(harness.project.getExperiment()).as("the data is not prepared again").isSameAs(prepared);
        AugmentationPreview preview = augmentation.previewProperty().get();
        int largest = preview.countsBefore().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(preview.countsAfter()).containsOnly(largest);
        assertThat(preview.after()).isNotEqualTo(preview.before());
        assertThat(preview.summary()).contains("noise of spread 0.200");

        augmentation.regenerate();
        harness.pumpUntil("a new draw", WAIT, () -> augmentation.previewProperty().get() != preview
                && augmentation.previewProperty().get() != null);
        assertThat(augmentation.previewProperty().get().after()).isNotEqualTo(preview.after());

        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set("2");
        train.train();
        harness.pumpUntil("the run is measured", WAIT, () -> harness.project.evaluationProperty().get() != null);
        assertThat(trainer.options.get(0).augmentation()).isEqualTo(new TableAugmentation(0.2, true));
        TrainingEvent.RunStarted started = trainer.events.stream().filter(TrainingEvent.RunStarted.class::isInstance)
                .map(TrainingEvent.RunStarted.class::cast).findFirst().orElseThrow();
        assertThat(started.trainSamples()).isEqualTo(largest * preview.classNames().size())
                .isGreaterThan(prepared.data().train().rows());
    }

    @Test
    void oversamplingIsOfferedOnlyForClasses() {
        ViewModelHarness harness = new ViewModelHarness(new Dl4jTrainer());
        harness.project.openSample(Sample.DIABETES);
        harness.pumpUntil("diabetes is prepared", WAIT, () -> harness.project.getExperiment() != null);
        TableAugmentationViewModel augmentation = harness.viewModels.data().augmentation();
        harness.pumpUntil("a preview", WAIT, () -> augmentation.previewProperty().get() != null);

        assertThat(augmentation.oversampleAvailableProperty().get()).isFalse();
        assertThat(augmentation.oversampleNoteProperty().get()).contains("regression");
        assertThat(augmentation.previewProperty().get().classNames()).isEmpty();
    }

    /** The real DL4J trainer, keeping what the app passed to it and the events it emitted. */
    private static final class RecordingTrainer implements Trainer {
        final Dl4jTrainer real = new Dl4jTrainer();
        final List<RunOptions> options = new CopyOnWriteArrayList<>();
        final List<TrainingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                    TrainingListener listener, RunControl control) {
            return train(data, network, config, listener, control, RunOptions.none());
        }

        @Override
        public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                    TrainingListener listener, RunControl control, RunOptions runOptions) {
            options.add(runOptions);
            return real.train(data, network, config, event -> {
                events.add(event);
                listener.on(event);
            }, control, runOptions);
        }

        @Override
        public BackendInfo backend() {
            return real.backend();
        }
    }
}
