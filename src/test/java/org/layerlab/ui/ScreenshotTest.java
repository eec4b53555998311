package org.layerlab.ui;

import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Templates;
import org.layerlab.ui.canvas.NetworkCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Writes PNG pictures of each step to the folder named by the system property {@value #PROPERTY}, at the default
 * window size and at 1024×700. Skipped when the property is not set. For looking at the app, and for docs.
 *
 * <pre>mvn -o test -Dtest=ScreenshotTest -Dlayerlab.screenshots=/tmp/shots</pre>
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    static final String PROPERTY = "layerlab.screenshots";
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final Duration TRAINING = Duration.ofSeconds(240);

    private LayerLabApp app;
    private Stage stage;
    private Path folder;

    @BeforeAll
    static void onlyWhenAsked() {
        String folder = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(folder != null && !folder.isBlank(),
                "set -D" + PROPERTY + "=<folder> to write screenshots");
    }

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
    void writesEveryStep(FxRobot robot) throws IOException {
        folder = Path.of(System.getProperty(PROPERTY));
        Files.createDirectories(folder);
        ProjectViewModel project = app.viewModels().project();
        waitUntil("the backend is known", Duration.ofSeconds(60), () -> project.backendProperty().get() != null,
                () -> project.statusProperty().get());
        shoot("00-start");
        robot.clickOn("#useStepButton");
        shoot("00-use-empty");
        robot.clickOn("#dataStepButton");

        onFx(() -> project.openSample(Sample.TITANIC));
        waitUntil("titanic is prepared", LOAD, () -> project.getExperiment() != null, project.statusProperty()::get);
        shoot("01-data-titanic");

        onFx(() -> project.openSample(Sample.IRIS));
        waitUntil("iris is prepared", LOAD, () -> project.getExperiment() != null
                && project.getTable().source().equals("iris.csv"), project.statusProperty()::get);
        shoot("02-data-iris");

        robot.clickOn("#networkStepButton");
        shoot("03-network");

        robot.clickOn("#trainStepButton");
        shoot("04-train-ready");
        onFx(() -> app.viewModels().train().epochsTextProperty().set("60"));
        robot.clickOn("#trainButton");
        waitUntil("training is over", TRAINING, () -> !project.trainingRunningProperty().get()
                && project.evaluationProperty().get() != null, project.statusProperty()::get);
        // The last points go out one chart per pulse after the run: the picture waits for all of them.
        waitUntil("the charts show the whole run", LOAD, () -> app.viewModels().train().chartsUpToDate(),
                project.statusProperty()::get);
        shoot("05-train-done");

        robot.clickOn("#evaluateStepButton");
        EvaluateViewModel evaluate = app.viewModels().evaluate();
        waitUntil("the curves are computed", LOAD, () -> evaluate.probabilitiesProperty().get() != null,
                project.statusProperty()::get);
        waitUntil("the importance is measured", LOAD,
                () -> evaluate.importanceNoteProperty().get().startsWith("Each column"), project.statusProperty()::get);
        shoot("06-evaluate");
        robot.clickOn("#matrixCell-1-1");
        shoot("06a-evaluate-cell-rows");
        scrollEvaluate(1);
        shoot("06c-evaluate-curves");
        scrollEvaluate(0);

        robot.clickOn("#useStepButton");
        robot.clickOn("#predictButton");
        waitUntil("a prediction is shown", LOAD, () -> !app.viewModels().use().predictedTextProperty().get().isEmpty(),
                project.statusProperty()::get);
        shoot("06d-use-predict");
        onFx(() -> app.viewModels().use().portTextProperty().set("0"));
        robot.clickOn("#serveToggle");
        waitUntil("the server runs", LOAD, () -> app.viewModels().use().servingProperty().get(),
                project.statusProperty()::get);
        shoot("06e-use-serving");
        robot.clickOn("#serveToggle");
        waitUntil("the server stopped", LOAD, () -> !app.viewModels().use().servingProperty().get()
                && !app.viewModels().use().serverBusyProperty().get(), project.statusProperty()::get);

        resize(1024, 700);
        for (String step : new String[] {"data", "network", "train", "evaluate", "use"}) {
            robot.clickOn("#" + step + "StepButton");
            shoot("07-" + step + "-1024x700");
        }
        resize(1280, 800);

        onFx(() -> project.openSample(Sample.DIGITS));
        waitUntil("digits are prepared", LOAD, () -> project.getExperiment() != null
                && project.getTable().source().equals("digits.csv"), project.statusProperty()::get);
        robot.clickOn("#dataStepButton");
        shoot("08-data-digits");
        robot.clickOn("#networkStepButton");
        robot.clickOn("#templatesButton");
        shoot("08a-network-templates-menu");
        robot.clickOn("#template-lenet");
        onFx(() -> robot.lookup("#networkCanvas").query().requestFocus());
        shoot("08b-network-lenet");
        robot.clickOn("#fitButton");
        robot.clickOn("#node-dense_1");
        shoot("08c-network-lenet-fit-selected");
        onFx(() -> app.viewModels().network().canvas().useTemplate(
                Templates.find("resnet-small").orElseThrow()));
        robot.clickOn("#fitButton");
        shoot("08d-network-residual");
        onFx(() -> {
            try {
                robot.lookup("#networkCanvas").queryAs(NetworkCanvas.class)
                        .exportPng(folder.resolve("08d-network-residual-export.png"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        onFx(() -> {
            var canvas = app.viewModels().network().canvas();
            canvas.undo();
            canvas.changeSpec(new NodeId("output_1"),
                    spec -> new OutputSpec(5, OutputActivation.SOFTMAX));
            canvas.clearSelection();
        });
        robot.clickOn("#fitButton");
        robot.clickOn("#node-output_1");
        shoot("08e-network-problem");
        onFx(() -> {
            var canvas = app.viewModels().network().canvas();
            canvas.undo();
            canvas.undo();
            canvas.clearSelection();
        });
        robot.clickOn("#trainStepButton");
        onFx(() -> app.viewModels().train().epochsTextProperty().set("400"));
        robot.clickOn("#trainButton");
        waitUntil("a few epochs are done", TRAINING,
                () -> app.viewModels().train().accuracyData().getItemCount(0) >= 8, project.statusProperty()::get);
        shoot("09-train-running-digits");
        robot.clickOn("#stopButton");
        waitUntil("the run stopped", TRAINING, () -> !project.trainingRunningProperty().get(),
                project.statusProperty()::get);
        shoot("10-train-stopped-digits");
        robot.clickOn("#evaluateStepButton");
        waitUntil("the digits curves are computed", LOAD, () -> evaluate.probabilitiesProperty().get() != null,
                project.statusProperty()::get);
        waitUntil("the digits importance is measured", LOAD,
                () -> evaluate.importanceNoteProperty().get().startsWith("Each column"), project.statusProperty()::get);
        shoot("11-evaluate-digits");
        scrollEvaluate(1);
        shoot("11b-evaluate-digits-curves");
        scrollEvaluate(0);
        robot.clickOn("#useStepButton");
        shoot("11c-use-digits");

        onFx(() -> project.showError("Line 3 of 'ragged.csv' has 2 values but the header has 3 columns "
                + "(separated by commas). Every row needs one value per column: fix that line in a text editor or "
                + "spreadsheet, or leave a cell empty for a missing value."));
        robot.clickOn("#dataStepButton");
        shoot("12-error-banner");
    }

    @Test
    void writesTheTabularWorkbench(FxRobot robot) throws IOException {
        folder = Path.of(System.getProperty(PROPERTY));
        Files.createDirectories(folder);
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.DIABETES));
        waitUntil("diabetes is prepared", LOAD, () -> project.getExperiment() != null, project.statusProperty()::get);
        onFx(() -> app.viewModels().data().pipeline().add(org.layerlab.core.preprocess.PipelineStep.StepKind
                .LOG_TRANSFORM));
        waitUntil("the preview is shown", LOAD, () -> app.viewModels().data().pipeline().previewProperty().get() != null,
                project.statusProperty()::get);
        scrollDataTo("#pipelineCard");
        shoot("20-data-diabetes-preprocessing");
        robot.clickOn("Explore");
        onFx(() -> app.viewModels().data().explore().columnProperty().set("bmi"));
        waitUntil("the summary is shown", LOAD, () -> app.viewModels().data().explore().summaryProperty().get() != null
                && app.viewModels().data().explore().summaryProperty().get().name().equals("bmi"),
                project.statusProperty()::get);
        shoot("20a-data-explore");
        onFx(() -> project.openSample(Sample.IRIS));
        waitUntil("iris is prepared", LOAD, () -> project.getExperiment() != null
                && project.getTable().source().equals("iris.csv"), project.statusProperty()::get);
        robot.clickOn("Scatter");
        onFx(() -> app.viewModels().data().explore().yColumnProperty().set("petal_length"));
        waitUntil("the scatter is drawn", LOAD, () -> app.viewModels().data().explore().scatterProperty().get() != null
                && app.viewModels().data().explore().scatterProperty().get().yColumn().equals("petal_length"),
                project.statusProperty()::get);
        shoot("20b-data-scatter");
        robot.clickOn("Scatter matrix");
        waitUntil("the matrix is drawn", LOAD, () -> app.viewModels().data().explore().matrixProperty().get() != null
                && robot.lookup("#matrixGrid").queryAs(javafx.scene.layout.GridPane.class).getChildren().stream()
                        .filter(org.jfree.chart.fx.ChartViewer.class::isInstance).count() == 12, // iris: 4 × 3 plots
                project.statusProperty()::get);
        shoot("20c-data-scatter-matrix");
        robot.clickOn("Rows");
        onFx(() -> project.openSample(Sample.DIABETES));
        waitUntil("diabetes is prepared", LOAD, () -> project.getExperiment() != null
                && project.getTable().source().equals("diabetes.csv"), project.statusProperty()::get);
        robot.clickOn("#trainStepButton");
        onFx(() -> {
            app.viewModels().train().epochsTextProperty().set("30");
            app.viewModels().train().learningRateTextProperty().set("0.001");
        });
        robot.clickOn("#trainButton");
        waitUntil("training is measured", TRAINING, () -> project.regressionResultProperty().get() != null,
                project.statusProperty()::get);
        waitUntil("the charts show the whole run", LOAD, () -> app.viewModels().train().chartsUpToDate(),
                project.statusProperty()::get);
        shoot("21-train-regression");
        robot.clickOn("#evaluateStepButton");
        waitUntil("the importance is measured", TRAINING, () -> app.viewModels().evaluate().importanceNoteProperty()
                .get().startsWith("Each column"), project.statusProperty()::get);
        shoot("22-evaluate-regression");
    }

    @Test
    void writesALargeTable(FxRobot robot) throws IOException {
        folder = Path.of(System.getProperty(PROPERTY));
        Files.createDirectories(folder);
        Path csv = folder.resolve("sensor-readings.csv");
        java.util.Random random = new java.util.Random(7);
        try (java.io.BufferedWriter writer = Files.newBufferedWriter(csv)) {
            writer.write("temperature,humidity,pressure,wind,light,vibration,state\n");
            for (int row = 0; row < 500_000; row++) {
                double temperature = 20 + 5 * random.nextGaussian();
                writer.write(String.format(java.util.Locale.ROOT, "%.2f,%.1f,%.1f,%.2f,%.0f,%.3f,%s%n", temperature,
                        55 + 10 * random.nextGaussian(), 1013 + 8 * random.nextGaussian(),
                        Math.abs(3 * random.nextGaussian()), Math.max(0, 400 + 150 * random.nextGaussian()),
                        Math.abs(random.nextGaussian() / 10), temperature > 26 ? "hot" : temperature < 15 ? "cold"
                                : "normal"));
            }
        }
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openDataFile(csv));
        waitUntil("the large table is prepared", LOAD, () -> project.getExperiment() != null,
                project.statusProperty()::get);
        javafx.scene.control.ScrollBar bar = robot.lookup("#rowScrollBar").queryAs(javafx.scene.control.ScrollBar.class);
        onFx(() -> bar.setValue(250_000));
        robot.sleep(300);
        shoot("23-data-large-table");
        robot.clickOn("Scatter");
        waitUntil("the scatter", LOAD, () -> app.viewModels().data().explore().scatterProperty().get() != null,
                () -> "");
        robot.sleep(500);
        shoot("24-data-large-scatter");
        Files.delete(csv);
    }

    @Test
    void writesAWideTable(FxRobot robot) throws IOException {
        folder = Path.of(System.getProperty(PROPERTY));
        Files.createDirectories(folder);
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.DIGITS));
        waitUntil("the digits are prepared", LOAD, () -> project.getExperiment() != null,
                project.statusProperty()::get);
        javafx.scene.control.ScrollBar bar =
                robot.lookup("#columnScrollBar").queryAs(javafx.scene.control.ScrollBar.class);
        onFx(() -> bar.setValue(20));
        robot.sleep(300);
        shoot("25-data-wide-table");
    }

    @Test
    void writesTheAugmentationCard(FxRobot robot) throws IOException {
        folder = Path.of(System.getProperty(PROPERTY));
        Files.createDirectories(folder);
        ProjectViewModel project = app.viewModels().project();
        onFx(() -> project.openSample(Sample.TITANIC));
        waitUntil("titanic is prepared", LOAD, () -> project.getExperiment() != null, project.statusProperty()::get);
        TableAugmentationViewModel augmentation = app.viewModels().data().augmentation();
        onFx(() -> {
            augmentation.noiseOnProperty().set(true);
            augmentation.noiseProperty().set(0.2);
            augmentation.oversampleProperty().set(true);
        });
        waitUntil("the preview is shown", LOAD, () -> augmentation.previewProperty().get() != null
                && augmentation.previewProperty().get().summary().contains("rows per epoch"),
                project.statusProperty()::get);
        scrollDataTo("#augmentationCard");
        shoot("20d-data-augmentation");
        scrollDataTo("#regenerateAugmentationButton");
        shoot("20e-data-augmentation-preview");
    }

    /** Scrolls the Data step's settings column so that the node is at the top. */
    private void scrollDataTo(String query) {
        onFx(() -> {
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) stage.getScene()
                    .lookup("#editingScroll");
            scroll.applyCss();
            scroll.layout();
            javafx.scene.Node node = stage.getScene().lookup(query);
            javafx.scene.Node content = scroll.getContent();
            double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
            double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(extra <= 0 ? 0 : Math.min(1, Math.max(0, (y - 12) / extra)));
        });
    }

    private void scrollEvaluate(double position) {
        onFx(() -> {
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) stage.getScene()
                    .lookup("#evaluateScroll");
            scroll.layout();
            scroll.setVvalue(position);
        });
    }

    private void resize(double width, double height) {
        onFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        waitUntil("the window has its new size", LOAD, () -> Math.abs(stage.getScene().getWidth() - width) < 2,
                () -> stage.getScene().getWidth() + "×" + stage.getScene().getHeight());
    }

    private void shoot(String name) {
        // A new table's rows come into sight over a few pulses (DataController.revealRows).
        waitUntil("the data table shows all its rows", LOAD, () -> onFx(() -> {
            javafx.scene.Node table = stage.getScene().lookup("#dataTable");
            return !(table instanceof javafx.scene.layout.Region region)
                    || region.getMaxHeight() == javafx.scene.layout.Region.USE_COMPUTED_SIZE;
        }), () -> "");
        // Two pulses so that layout and charts have caught up with the last change.
        onFx(() -> stage.getScene().getRoot().applyCss());
        onFx(() -> stage.getScene().getRoot().layout());
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        BufferedImage picture = SwingFXUtils.fromFXImage(image, null);
        try {
            ImageIO.write(picture, "png", folder.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
