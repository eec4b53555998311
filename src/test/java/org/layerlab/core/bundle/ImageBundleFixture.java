package org.layerlab.core.bundle;

import java.nio.file.Path;
import org.layerlab.core.dl4j.Dl4jTrainer;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.project.Project;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingResult;

/** A model of the MNIST sample images, trained for real once per test run (a small MLP: seconds, not minutes). */
public final class ImageBundleFixture {
    private static ModelBundle bundle;

    private ImageBundleFixture() {
    }

    public static synchronized ModelBundle bundle() {
        if (bundle == null) {
            Project project = Project.forImageFolder(Path.of("samples/mnist-small"))
                    .withTraining(new TrainingConfig(15, 32, 0.003, 42));
            ImageExperiment experiment = ImageExperiment.prepare(project, ImageExperiment.Progress.NONE, () -> false);
            experiment = experiment.withNetwork(Templates.find("mlp").orElseThrow()
                    .buildFor(experiment.data().signature()));
            TrainingResult result = new Dl4jTrainer().train(experiment.data(), experiment.project().network(),
                    experiment.project().training(), null, new RunControl());
            Evaluation test = experiment.evaluateOnTest(result.model());
            bundle = experiment.bundle(result.model(), test);
        }
        return bundle;
    }
}
