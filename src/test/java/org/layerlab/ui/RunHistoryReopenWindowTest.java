package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.history.RunHistory;
import org.layerlab.core.history.RunStore;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A project saved with two runs and a damaged run file, opened in the window: the Compare runs tab lists both runs
 * and says in a sentence which file was left out.
 */
@ExtendWith(ApplicationExtension.class)
class RunHistoryReopenWindowTest {
    private static final Duration LOAD = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private LayerLabApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new LayerLabApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void aReopenedProjectListsItsSavedRunsAndNamesTheFileItLeftOut(FxRobot robot) throws Exception {
        Path iris = Sample.IRIS.locate().orElseThrow();
        Path projectFile = folder.resolve("flowers" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(iris.toAbsolutePath(), "species"), projectFile);
        Path runs = RunStore.folderFor(projectFile);
        RunHistory history = new RunHistory();
        Evaluation evaluation = new Evaluation(List.of("setosa", "versicolor", "virginica"),
                new int[][] {{8, 0, 0}, {0, 6, 2}, {0, 1, 7}});
        RunStore.save(history.add(Instant.now(), new TrainingConfig(5, 32, 0.01, 42), NetworkGraph.defaultGraph(),
                result(5), evaluation, null), runs);
        RunStore.save(history.add(Instant.now(), new TrainingConfig(8, 16, 0.05, 42), NetworkGraph.defaultGraph(),
                result(8), evaluation, null), runs);
        Files.writeString(runs.resolve("run-0003.json"), "{\"format\":\"layerlab-run\",");

        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openProject(projectFile));
        waitUntil("the project is open", LOAD, () -> project.getExperiment() != null
                && project.runs().size() == 2, this::state);
        robot.clickOn("#trainStepButton");
        robot.clickOn("Compare runs");
        TableView<?> runsTable = robot.lookup("#runsTable").queryAs(TableView.class);
        waitUntil("both runs are listed", LOAD, () -> runsTable.isVisible() && runsTable.getItems().size() == 2,
                this::state);
        Label note = robot.lookup("#runsNoteLabel").queryAs(Label.class);
        assertThat(onFx(note::isVisible)).isTrue();
        assertThat(onFx(note::getText)).isEqualTo("The saved run run-0003.json could not be read and is left out "
                + "(it is damaged or was cut short).");
        shoot("train-runs-reopened");
    }

    private static TrainingResult result(int epochs) {
        List<EpochEnded> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            history.add(new EpochEnded(epoch, epochs, 1.0 / epoch, 0.6 + 0.04 * epoch, 1.1 / epoch,
                    0.55 + 0.04 * epoch, 500, epoch * 20L));
        }
        return new TrainingResult(null, history, Outcome.COMPLETED, "", 500, "CPU");
    }

    /** With -Dlayerlab.screenshots=DIR, saves what the window shows (to look at the layout; asserts nothing). */
    private void shoot(String name) {
        String target = System.getProperty("layerlab.screenshots");
        if (target == null) {
            return;
        }
        onFx(() -> stage.getScene().getRoot().layout());
        javafx.scene.image.WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        try {
            Files.createDirectories(Path.of(target));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                    Path.of(target, name + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String state() {
        ProjectViewModel project = app.viewModels().project();
        return "status='" + project.statusProperty().get() + "', error='" + project.errorProperty().get()
                + "', runs=" + project.runs().size();
    }
}
