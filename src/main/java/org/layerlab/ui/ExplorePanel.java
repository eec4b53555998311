package org.layerlab.ui;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.SimpleHistogramBin;
import org.jfree.data.statistics.SimpleHistogramDataset;
import org.layerlab.core.explore.CategoryCounts;
import org.layerlab.core.explore.ColumnSummary;
import org.layerlab.core.explore.ColumnSummary.CategoryCount;
import org.layerlab.core.explore.Histogram;
import org.layerlab.core.explore.ScatterSample;

/**
 * Draws the Data view's Explore, Scatter and Scatter matrix tabs (declared in DataView.fxml) from an
 * {@link ExploreViewModel}: JFreeChart charts rebuilt when a computation arrives. The scatter matrix is only worked
 * out when its tab is opened.
 */
final class ExplorePanel {
    private final ExploreViewModel model;
    private final ChartViewer distributionChart;
    private final ChartViewer classBalanceChart;
    private final ChartViewer scatterChart;
    /** The scatter matrix's rows of charts still to be built, one per pulse. */
    private final OnePerPulse matrixRows = new OnePerPulse();
    private final GridPane matrixGrid;
    private final Label matrixNote;
    private final FlowPane matrixLegend;

    /**
     * Each chart is made (and drawn) when its tab is shown: results arrive in the background right after a table is
     * prepared, and drawing a 20,000-point scatter nobody was looking at stalled the window for a few hundred ms.
     */
    ExplorePanel(ExploreViewModel model, ComboBox<String> columnCombo, Label summaryLabel, ChartViewer distributionChart,
                 ChartViewer classBalanceChart, ComboBox<String> xCombo, ComboBox<String> yCombo, Label scatterNote,
                 ChartViewer scatterChart, Tab exploreTab, Tab scatterTab, Tab matrixTab, GridPane matrixGrid,
                 Label matrixNote, FlowPane matrixLegend) {
        this.model = model;
        this.distributionChart = distributionChart;
        this.classBalanceChart = classBalanceChart;
        this.scatterChart = scatterChart;
        this.matrixGrid = matrixGrid;
        this.matrixNote = matrixNote;
        this.matrixLegend = matrixLegend;

        columnCombo.setItems(model.columns());
        columnCombo.valueProperty().bindBidirectional(model.columnProperty());
        xCombo.setItems(model.columns());
        xCombo.valueProperty().bindBidirectional(model.xColumnProperty());
        yCombo.setItems(model.columns());
        yCombo.valueProperty().bindBidirectional(model.yColumnProperty());
        summaryLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            ColumnSummary summary = model.summaryProperty().get();
            return summary == null ? "" : String.join("\n", summary.lines());
        }, model.summaryProperty()));
        scatterNote.textProperty().bind(model.scatterNoteProperty());

        RebuildWhenShown distribution = new RebuildWhenShown(distributionChart, exploreTab.selectedProperty(),
                this::showDistribution);
        RebuildWhenShown classBalance = new RebuildWhenShown(classBalanceChart, exploreTab.selectedProperty(),
                () -> showClassBalance(model.classBalanceProperty().get()));
        RebuildWhenShown scatter = new RebuildWhenShown(scatterChart, scatterTab.selectedProperty(),
                () -> showScatter(model.scatterProperty().get()));
        model.histogramProperty().addListener((obs, old, histogram) -> distribution.request());
        model.categoriesProperty().addListener((obs, old, counts) -> distribution.request());
        model.classBalanceProperty().addListener((obs, old, counts) -> classBalance.request());
        model.scatterProperty().addListener((obs, old, sample) -> scatter.request());
        model.matrixProperty().addListener((obs, old, matrix) -> showMatrix(matrix));
        matrixTab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected && model.matrixProperty().get() == null) {
                matrixNote.setText("Working out every pair of columns…");
                model.computeMatrix();
            }
        });
        distribution.request();
        classBalance.request();
        scatter.request();
    }

    private void showDistribution() {
        String name = model.columnProperty().get() == null ? "" : model.columnProperty().get();
        Histogram histogram = model.histogramProperty().get();
        if (histogram != null) {
            SimpleHistogramDataset data = new SimpleHistogramDataset(name);
            data.setAdjustForBinSize(false);
            double[] edges = histogram.edges();
            for (int bin = 0; bin < histogram.binCount(); bin++) {
                SimpleHistogramBin one = new SimpleHistogramBin(edges[bin], edges[bin + 1], true,
                        bin == histogram.binCount() - 1);
                one.setItemCount(histogram.counts()[bin]);
                data.addBin(one);
            }
            distributionChart.setChart(Charts.histogram("How '" + name + "' is distributed"
                    + (histogram.missing() > 0 ? " (" + histogram.missing() + " missing not shown)" : ""), name, data));
            return;
        }
        CategoryCounts counts = model.categoriesProperty().get();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        if (counts != null) {
            for (CategoryCount count : counts.shown()) {
                data.addValue(count.count(), "rows", count.category());
            }
            if (counts.other() > 0) {
                data.addValue(counts.other(), "rows", "(" + (counts.distinct() - counts.shown().size()) + " others)");
            }
            if (counts.missing() > 0) {
                data.addValue(counts.missing(), "rows", "(missing)");
            }
        }
        distributionChart.setChart(Charts.categoryCounts("Rows per value of '" + name + "'", data, "Choose a column."));
    }

    private void showClassBalance(CategoryCounts counts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        if (counts != null) {
            for (CategoryCount count : counts.shown()) {
                data.addValue(count.count(), "rows", count.category());
            }
            if (counts.other() > 0) {
                data.addValue(counts.other(), "rows", "(others)");
            }
        }
        classBalanceChart.setChart(Charts.categoryCounts("Class balance of the label", data,
                "The label predicts a number (regression): see its distribution above."));
    }

    private void showScatter(ScatterSample sample) {
        BoundedXYDataset data = collection(sample);
        scatterChart.setChart(Charts.scatter(sample == null ? null : sample.yColumn() + " against " + sample.xColumn(),
                sample == null ? "" : sample.xColumn(), sample == null ? "" : sample.yColumn(), data,
                "Choose two columns."));
    }

    /**
     * The sample as arrays, one series per class: no object per point (20,000 of them were built and then walked for
     * the axes' ranges on the FX thread, point by point, each time the chart drew), with the bounds found as the
     * arrays are filled.
     */
    private static BoundedXYDataset collection(ScatterSample sample) {
        return sample == null ? new BoundedXYDataset() : BoundedXYDataset.of(sample.groups());
    }

    /**
     * The small plots have no room for a legend of their own: one legend for all of them, in the classes' order and
     * colours (the same as the Scatter tab's legend, since every plot of a table lists the classes in one order).
     */
    private void showLegend(ExploreViewModel.Matrix matrix) {
        java.util.List<String> classes = java.util.Arrays.stream(matrix.cells()).flatMap(java.util.Arrays::stream)
                .filter(java.util.Objects::nonNull).findFirst()
                .map(cell -> java.util.List.copyOf(cell.groups().keySet())).orElse(java.util.List.of());
        if (classes.size() < 2) {
            return;
        }
        Label title = new Label("Colour = class:");
        title.getStyleClass().add("metric-name");
        matrixLegend.getChildren().add(title);
        for (int c = 0; c < classes.size(); c++) {
            java.awt.Color awt = Charts.classColor(c);
            Circle dot = new Circle(5, Color.rgb(awt.getRed(), awt.getGreen(), awt.getBlue()));
            Label item = new Label(classes.get(c), dot);
            item.getStyleClass().add("legend-item");
            item.setGraphicTextGap(5);
            matrixLegend.getChildren().add(item);
        }
    }

    private void showMatrix(ExploreViewModel.Matrix matrix) {
        matrixRows.cancel();
        matrixGrid.getChildren().clear();
        matrixGrid.getColumnConstraints().clear();
        matrixGrid.getRowConstraints().clear();
        matrixLegend.getChildren().clear();
        if (matrix == null) {
            return;
        }
        matrixNote.setText(matrix.note());
        showLegend(matrix);
        int n = matrix.columns().size();
        for (int i = 0; i < n; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / n);
            column.setHgrow(Priority.ALWAYS);
            matrixGrid.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / n);
            row.setVgrow(Priority.ALWAYS);
            matrixGrid.getRowConstraints().add(row);
        }
        // A row of charts per pulse: all 56 in one pulse held the window for over 100 ms.
        for (int r = 0; r < n; r++) {
            int row = r;
            matrixRows.later(() -> showMatrixRow(matrix, row));
        }
    }

    private void showMatrixRow(ExploreViewModel.Matrix matrix, int row) {
        int n = matrix.columns().size();
        for (int col = 0; col < n; col++) {
            if (row == col) {
                Label name = new Label(matrix.columns().get(row));
                name.setWrapText(true);
                name.getStyleClass().add("matrix-diagonal");
                name.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                name.setAlignment(javafx.geometry.Pos.CENTER);
                matrixGrid.add(name, col, row);
                continue;
            }
            ChartViewer cell = new ChartViewer(Charts.smallScatter(collection(matrix.cells()[row][col]),
                    row == n - 1 ? matrix.columns().get(col) : null, col == 0 ? matrix.columns().get(row) : null));
            cell.setMinSize(40, 40);
            cell.setPrefSize(90, 90);
            matrixGrid.add(cell, col, row);
        }
    }
}
