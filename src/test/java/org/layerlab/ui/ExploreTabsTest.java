package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Data view's exploration tabs on the iris sample, clicked as a user would. */
@ExtendWith(ApplicationExtension.class)
class ExploreTabsTest {
    private static final Duration LOAD = Duration.ofSeconds(30);

    private LayerLabApp app;

    @Start
    void start(Stage stage) {
        app = new LayerLabApp();
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void summaryDistributionClassBalanceScatterAndMatrix(FxRobot robot) {
        onFx(() -> app.viewModels().project().openSample(Sample.IRIS));
        waitUntil("iris is prepared", LOAD, () -> app.viewModels().project().getExperiment() != null, () -> "");

        robot.clickOn("Explore");
        ComboBox<String> column = robot.lookup("#exploreColumnCombo").queryComboBox();
        onFx(() -> column.setValue("petal_length"));
        waitUntil("the summary is shown", LOAD, () -> robot.lookup("#columnSummaryLabel").queryAs(Label.class)
                .getText().startsWith("petal_length · number · 150 rows · 0 missing"), () -> "");
        assertThat(onFx(() -> robot.lookup("#columnSummaryLabel").queryAs(Label.class).getText()))
                .contains("min 1 · max 6.900");
        waitUntil("the histogram is drawn", LOAD, () -> chart(robot, "#distributionChart").getPlot() instanceof XYPlot
                && ((XYPlot) chart(robot, "#distributionChart").getPlot()).getDataset().getItemCount(0) > 3, () -> "");
        waitUntil("the class balance is drawn", LOAD, () -> ((CategoryPlot) chart(robot, "#classBalanceChart")
                .getPlot()).getDataset().getColumnCount() == 3, () -> "");

        onFx(() -> column.setValue("species"));
        waitUntil("a bar per species", LOAD, () -> chart(robot, "#distributionChart").getPlot() instanceof CategoryPlot
                && ((CategoryPlot) chart(robot, "#distributionChart").getPlot()).getDataset().getColumnCount() == 3,
                () -> "");

        robot.clickOn("Scatter");
        waitUntil("150 points in 3 colours", LOAD, () -> {
            XYPlot plot = (XYPlot) chart(robot, "#scatterChart").getPlot();
            return plot.getDataset().getSeriesCount() == 3 && plot.getDataset().getItemCount(0)
                    + plot.getDataset().getItemCount(1) + plot.getDataset().getItemCount(2) == 150;
        }, () -> "");

        robot.clickOn("Scatter matrix");
        waitUntil("a 4 × 4 matrix", LOAD, () -> robot.lookup("#matrixGrid").queryAs(GridPane.class).getChildren()
                .stream().filter(ChartViewer.class::isInstance).count() == 12, () -> "");
        // One legend for the small plots: each class with the colour the Scatter tab's legend gives it.
        javafx.scene.layout.FlowPane legend = robot.lookup("#matrixLegend").queryAs(javafx.scene.layout.FlowPane.class);
        List<Label> items = onFx(() -> legend.getChildren().stream().filter(node -> node.getStyleClass()
                .contains("legend-item")).map(Label.class::cast).toList());
        assertThat(items).extracting(Label::getText).containsExactly("setosa", "versicolor", "virginica");
        XYPlot scatter = (XYPlot) chart(robot, "#scatterChart").getPlot();
        for (int c = 0; c < items.size(); c++) {
            assertThat(scatter.getDataset().getSeriesKey(c)).isEqualTo(items.get(c).getText());
            java.awt.Color inScatter = (java.awt.Color) ((org.jfree.chart.renderer.AbstractRenderer) scatter.getRenderer())
                    .lookupSeriesPaint(c);
            javafx.scene.paint.Color inLegend = (javafx.scene.paint.Color)
                    ((javafx.scene.shape.Circle) items.get(c).getGraphic()).getFill();
            assertThat((int) Math.round(inLegend.getRed() * 255)).isEqualTo(inScatter.getRed());
            assertThat((int) Math.round(inLegend.getGreen() * 255)).isEqualTo(inScatter.getGreen());
            assertThat((int) Math.round(inLegend.getBlue() * 255)).isEqualTo(inScatter.getBlue());
        }
        assertThat(chart(robot, "#scatterChart").getLegend()).isNotNull();
    }

    private static org.jfree.chart.JFreeChart chart(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ChartViewer.class).getChart();
    }
}
