package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;

/** Image folders through the shared view model: open, change augmentation, save and open the project again. */
class ImageProjectViewModelTest {
    private static final Duration LOAD = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void anImageProjectSavesAndOpensWithItsNetworkTrainingAndAugmentation() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(2));
        ProjectViewModel project = harness.project;
        assertThat(harness.viewModels.evaluate().testItemsProperty().get()).isEqualTo("test rows");
        project.openSample(Sample.MNIST_IMAGES);
        harness.pumpUntil("the images are read", LOAD, () -> project.getImageExperiment() != null);
        assertThat(harness.viewModels.evaluate().testItemsProperty().get()).isEqualTo("test images");
        assertThat(project.getTable()).isNull();
        assertThat(project.getProject().isImageFolder()).isTrue();
        assertThat(project.trainingProperty().get().epochs()).isEqualTo(10);

        NetworkGraph mlp = Templates.find("mlp").orElseThrow().buildFor(project.preparedData().signature());
        project.networkProperty().set(mlp);
        ImageAugmentation rotate = new ImageAugmentation(false, false, 10, 0.1, 0, 0, 0, 0);
        project.updateImageAugmentation(rotate);
        assertThat(project.getProject().network()).isEqualTo(mlp); // the augmentation change kept the new network
        assertThat(project.getImageExperiment().train().augmentation()).isEqualTo(rotate);
        harness.viewModels.train().epochsTextProperty().set("1");
        harness.viewModels.train().train();
        harness.pumpUntil("the run is kept", LOAD, () -> project.runs().size() == 1);
        Path file = folder.resolve("digits" + ProjectStore.EXTENSION);
        project.saveProject(file);
        harness.pumpUntil("the project is saved", LOAD, () -> file.equals(project.projectFileProperty().get()));

        ViewModelHarness reopened = new ViewModelHarness(FakeTrainer.completing(2));
        reopened.project.openProject(file);
        reopened.pumpUntil("the image project is open", LOAD, () -> reopened.project.getImageExperiment() != null);

        Project loaded = reopened.project.getProject();
        assertThat(loaded.network()).isEqualTo(mlp);
        assertThat(loaded.images().augmentation()).isEqualTo(rotate);
        assertThat(reopened.project.getImageExperiment().train().augmentation()).isEqualTo(rotate);
        assertThat(reopened.project.projectFileProperty().get()).isEqualTo(file);
        assertThat(reopened.project.networkProperty().get()).isEqualTo(mlp);
        // The run trained before the first save was written with the project and is listed again.
        assertThat(reopened.viewModels.train().runs().rows()).extracting(row -> row.run().name())
                .containsExactly("Run 1");
    }
}
