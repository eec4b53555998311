package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.Templates;
import org.layerlab.ui.ImagePreprocessingViewModel.SizeChoice;

/** The image preprocessing card's state without the toolkit: choices, their problems, Apply. */
class ImagePreprocessingViewModelTest {
    private static final Duration LOAD = Duration.ofSeconds(60);

    @Test
    void aTooLargeSizeIsRefusedInASentenceAndAValidOneIsAppliedKeepingTheUsersNetwork() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(2));
        ProjectViewModel project = harness.project;
        ImagePreprocessingViewModel model = new ImagePreprocessingViewModel(project);
        project.openSample(Sample.MNIST_IMAGES);
        harness.pumpUntil("the images are read", LOAD, () -> project.getImageExperiment() != null);
        harness.pumpUntil("the images are measured", LOAD, () -> model.fromImagesProperty().get() != null);
        assertThat(model.fromImagesProperty().get()).isEqualTo(new TensorShape.Image(1, 28, 28));
        assertThat(model.label(SizeChoice.FROM_IMAGES)).isEqualTo("From the images (28 × 28)");
        assertThat(model.channelsLabel(0)).isEqualTo("From the images (grayscale)");
        assertThat(model.pendingProperty().get()).isFalse();

        model.sizeChoiceProperty().set(SizeChoice.CUSTOM);
        model.widthProperty().set(2000);
        assertThat(model.problemProperty().get()).isEqualTo("The image size must be two numbers from 1 to 1024 "
                + "(e.g. 28 × 28), or left to LayerLab; 2000 × 28 is not possible.");
        assertThat(model.chosenOptions()).isEmpty();
        assertThat(model.pendingProperty().get()).isFalse();

        // The user's own network is kept when the size changes (only the untouched default CNN is refitted).
        NetworkGraph mlp = Templates.find("mlp").orElseThrow().buildFor(project.preparedData().signature());
        project.networkProperty().set(mlp);
        model.widthProperty().set(20);
        model.heightProperty().set(10);
        model.channelsProperty().set(3);
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.pendingProperty().get()).isTrue();
        harness.pumpUntil("the preview follows", LOAD, () -> model.previewProperty().get() != null
                && model.previewProperty().get().processed().width() == 20);
        assertThat(model.stepsProperty().get()).containsExactly("Resize to 20 × 10", "Colour (RGB)",
                "Scale pixel values from 0–255 to 0–1");
        assertThat(model.previewProperty().get().processed().channels()).isEqualTo(3);
        assertThat(model.adviceProperty().get()).isEmpty();

        model.apply();
        harness.pumpUntil("the images are read again", LOAD, () -> project.getImageExperiment() != null
                && project.getImageExperiment().shape().equals(new TensorShape.Image(3, 10, 20)));
        assertThat(project.getProject().images().width()).isEqualTo(20);
        assertThat(project.getProject().network()).isEqualTo(mlp);
        assertThat(project.preparedData().signature())
                .isEqualTo(new DataSignature(new TensorShape.Image(3, 10, 20), 10));
        assertThat(model.pendingProperty().get()).isFalse();
        assertThat(model.sizeChoiceProperty().get()).isEqualTo(SizeChoice.CUSTOM);

        model.sizeChoiceProperty().set(new SizeChoice(224));
        harness.pumpUntil("the advice follows", LOAD, () -> !model.adviceProperty().get().isEmpty());
        assertThat(model.adviceProperty().get()).contains("Each image becomes 150,528 numbers");

        // Back to automatic: the spinners show what the images give.
        model.sizeChoiceProperty().set(SizeChoice.FROM_IMAGES);
        assertThat(model.widthProperty().get()).isEqualTo(28);
        assertThat(model.pendingProperty().get()).isTrue();
    }

    @Test
    void cancellingTheReadingPutsTheFormBackToWhatTheImagesAreReadWith() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(2));
        ProjectViewModel project = harness.project;
        ImagePreprocessingViewModel model = new ImagePreprocessingViewModel(project);
        project.openSample(Sample.MNIST_IMAGES);
        harness.pumpUntil("the images are read", LOAD, () -> project.getImageExperiment() != null);

        model.sizeChoiceProperty().set(new SizeChoice(16));
        assertThat(model.pendingProperty().get()).isTrue();
        model.apply();
        assertThat(project.imagesLoadingProperty().get()).isTrue();
        project.cancelImageLoading();
        harness.pumpUntil("the background work is done", LOAD, () -> project.busyTasksProperty().get() == 0);

        assertThat(model.sizeChoiceProperty().get()).isEqualTo(SizeChoice.FROM_IMAGES);
        assertThat(model.pendingProperty().get()).isFalse();
        assertThat(project.getImageExperiment().shape()).isEqualTo(new TensorShape.Image(1, 28, 28));
        assertThat(project.getProject().images().automaticSize()).isTrue();
    }
}
