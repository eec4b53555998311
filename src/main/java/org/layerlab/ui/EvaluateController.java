package org.layerlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.PrecisionRecallCurve;
import org.layerlab.core.evaluate.ProbabilisticEvaluation;
import org.layerlab.core.evaluate.RocCurve;
import org.layerlab.core.imageio.ImageDecoder;
import org.layerlab.core.imageio.Pixels;
import org.layerlab.ui.EvaluateViewModel.ClassMetrics;

/** The Evaluate step: accuracy and macro scores, a per-class table and the confusion matrix. */
public final class EvaluateController {
    private static final Color EMPTY = Color.web("#f3f4f6");
    private static final Color RIGHT = Color.web("#4f46e5");
    private static final Color WRONG = Color.web("#dc2626");
    /** Beyond this many classes the matrix has thousands of cells: no tooltip per cell then. */
    private static final int MAX_CLASSES_WITH_TOOLTIPS = 30;

    private final EvaluateViewModel model;

    @FXML private Node emptyState;
    @FXML private Node evaluationContent;
    @FXML private Label summaryLabel;
    @FXML private Label evaluationTitleLabel;
    @FXML private Label accuracyHelpLabel;
    @FXML private Label emptyLeadLabel;
    @FXML private Label testAccuracyValue;
    @FXML private Label macroPrecisionValue;
    @FXML private Label macroRecallValue;
    @FXML private Label macroF1Value;
    @FXML private TableView<ClassMetrics> classTable;
    @FXML private TableColumn<ClassMetrics, String> classNameColumn;
    @FXML private TableColumn<ClassMetrics, String> precisionColumn;
    @FXML private TableColumn<ClassMetrics, String> recallColumn;
    @FXML private TableColumn<ClassMetrics, String> f1Column;
    @FXML private TableColumn<ClassMetrics, Number> supportColumn;
    @FXML private GridPane confusionGrid;
    @FXML private Label macroAucValue;
    @FXML private Label weightedLabel;
    @FXML private Label topKLabel;
    @FXML private ChartViewer rocChart;
    @FXML private ChartViewer precisionRecallChart;

    @FXML private Node regressionContent;
    @FXML private Label regressionSummaryLabel;
    @FXML private Label maeValue;
    @FXML private Label rmseValue;
    @FXML private Label r2Value;
    @FXML private ChartViewer predictedVsActualChart;
    @FXML private ChartViewer residualChart;
    @FXML private ChartViewer regressionImportanceChart;
    @FXML private Label regressionImportanceNoteLabel;

    @FXML private ScrollPane evaluateScroll;
    @FXML private javafx.scene.layout.VBox evaluateBody;
    @FXML private javafx.scene.layout.VBox comparisonCard;
    @FXML private javafx.scene.layout.VBox regressionComparisonHolder;
    @FXML private javafx.scene.control.ComboBox<org.layerlab.core.history.RunRecord> compareCombo;
    @FXML private Label comparisonHint;
    @FXML private TableView<org.layerlab.core.history.RunComparison.Row> comparisonTable;
    @FXML private TableColumn<org.layerlab.core.history.RunComparison.Row, String> comparisonMetricColumn;
    @FXML private TableColumn<org.layerlab.core.history.RunComparison.Row, String> comparisonOtherColumn;
    @FXML private TableColumn<org.layerlab.core.history.RunComparison.Row, String> comparisonShownColumn;
    @FXML private TableColumn<org.layerlab.core.history.RunComparison.Row, org.layerlab.core.history.RunComparison.Row>
            comparisonChangeColumn;
    @FXML private ChartViewer importanceChart;
    @FXML private StackPane importanceChartHolder;
    @FXML private Label importanceNoteLabel;
    @FXML private Node cellRowsCard;
    @FXML private Node cellHint;
    @FXML private Label cellTitleLabel;
    @FXML private TableView<EvaluateViewModel.CellRow> cellRowsTable;
    @FXML private ScrollPane cellImagesScroll;
    @FXML private Label cellHeadingLabel;
    @FXML private FlowPane cellImagesPane;

    private final XYSeriesCollection rocData = new XYSeriesCollection();
    private final XYSeriesCollection precisionRecallData = new XYSeriesCollection();

    EvaluateController(EvaluateViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        emptyState.visibleProperty().bind(model.availableProperty().not()
                .and(model.regressionAvailableProperty().not()));
        regressionContent.visibleProperty().bind(model.regressionAvailableProperty());
        regressionSummaryLabel.textProperty().bind(model.regressionSummaryProperty());
        maeValue.textProperty().bind(model.maeTextProperty());
        rmseValue.textProperty().bind(model.rmseTextProperty());
        r2Value.textProperty().bind(model.r2TextProperty());
        predictedVsActualChart.setChart(Charts.scatter("Predicted against actual (on the line = exact)", "actual",
                "predicted", model.predictedVsActual(), "Train a model to see its predictions."));
        residualChart.setChart(Charts.scatter("Residuals: actual − predicted (on the line = exact)", "predicted",
                "residual", model.residuals(), "Train a model to see its errors."));
        evaluationContent.visibleProperty().bind(model.availableProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
        // An image folder's test split is images, not rows.
        evaluationTitleLabel.textProperty().bind(javafx.beans.binding.Bindings.concat("Evaluation on the ", model.testItemsProperty()));
        accuracyHelpLabel.textProperty().bind(javafx.beans.binding.Bindings.concat("share of ", model.testItemsProperty(),
                " predicted right"));
        emptyLeadLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String items = model.testItemsProperty().get();
            return "After training, this step shows how well the network predicts the " + items + ": "
                    + items.substring("test ".length()) + " it never saw while learning.";
        }, model.testItemsProperty()));
        testAccuracyValue.textProperty().bind(model.accuracyTextProperty());
        macroPrecisionValue.textProperty().bind(model.macroPrecisionTextProperty());
        macroRecallValue.textProperty().bind(model.macroRecallTextProperty());
        macroF1Value.textProperty().bind(model.macroF1TextProperty());

        classTable.setItems(model.classMetrics());
        // As tall as its rows (up to 12, then it scrolls), so the card does not show an empty table.
        classTable.setFixedCellSize(26);
        classTable.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> 34 + Math.max(1, Math.min(12, model.classMetrics().size())) * 26.0, model.classMetrics()));
        classTable.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        classTable.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        classNameColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().className()));
        precisionColumn.setCellValueFactory(cell ->
                new ReadOnlyStringWrapper(EvaluateViewModel.format(cell.getValue().precision())));
        recallColumn.setCellValueFactory(cell ->
                new ReadOnlyStringWrapper(EvaluateViewModel.format(cell.getValue().recall())));
        f1Column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(EvaluateViewModel.format(cell.getValue().f1())));
        supportColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().support()));

        macroAucValue.textProperty().bind(model.macroAucTextProperty());
        weightedLabel.textProperty().bind(model.weightedTextProperty());
        topKLabel.textProperty().bind(model.topKTextProperty());
        topKLabel.visibleProperty().bind(model.topKTextProperty().isNotEmpty());
        topKLabel.managedProperty().bind(topKLabel.visibleProperty());
        rocChart.setChart(Charts.rocChart(rocData));
        precisionRecallChart.setChart(Charts.precisionRecallChart(precisionRecallData));
        importanceChart.setChart(Charts.importanceBars(model.importanceData()));
        importanceNoteLabel.textProperty().bind(model.importanceNoteProperty());
        // Regression shows the same importance, measured as mean absolute error added, beside its scatter.
        regressionImportanceChart.setChart(Charts.errorImportanceBars(model.importanceData()));
        regressionImportanceNoteLabel.textProperty().bind(model.importanceNoteProperty());
        // A bar per column (up to 15): as tall as they need.
        model.importanceData().addChangeListener(event -> {
            double height = Math.max(200, 90 + 24 * Math.max(3, model.importanceData().getColumnCount()));
            importanceChartHolder.setPrefHeight(height);
            importanceChartHolder.setMinHeight(height);
        });
        model.probabilitiesProperty().addListener((obs, old, computed) ->
                showCurves(computed == null ? null : computed.curves()));
        // Results arrive when a run ends, usually while this step is not on screen.
        RebuildWhenShown.drawChartsWhenShown(rocChart, precisionRecallChart, importanceChart,
                regressionImportanceChart, predictedVsActualChart, residualChart);

        cellRowsCard.visibleProperty().bind(model.selectedCellProperty().isNotNull());
        cellRowsCard.managedProperty().bind(cellRowsCard.visibleProperty());
        cellHint.visibleProperty().bind(model.selectedCellProperty().isNull());
        cellHint.managedProperty().bind(cellHint.visibleProperty());
        cellTitleLabel.textProperty().bind(model.cellTitleProperty());
        cellRowsTable.setItems(model.cellRows());
        cellRowsTable.setPlaceholder(new Label("No test rows in this cell."));
        RebuildWhenShown cellColumns = new RebuildWhenShown(cellRowsTable,
                () -> buildCellColumns(model.probabilitiesProperty().get()));
        model.probabilitiesProperty().addListener((obs, old, computed) -> cellColumns.request());
        model.probabilitiesProperty().addListener((obs, old, computed) -> {
            // A run on an image folder lists its images as thumbnails instead of rows of pixel values.
            boolean ofImages = computed != null && computed.images() != null;
            cellRowsTable.setVisible(!ofImages);
            cellRowsTable.setManaged(!ofImages);
            cellImagesScroll.setVisible(ofImages);
            cellImagesScroll.setManaged(ofImages);
            cellHeadingLabel.setText(ofImages ? "Images behind the cell" : "Rows behind the cell");
        });
        model.cellRows().addListener((ListChangeListener<EvaluateViewModel.CellRow>) change -> showCellImages());
        model.selectedCellProperty().addListener((obs, old, cell) -> {
            markSelected(cell);
            if (cell != null) {
                Platform.runLater(this::revealCellRows);
            }
        });

        RebuildWhenShown confusion = new RebuildWhenShown(confusionGrid,
                () -> showConfusion(model.evaluationProperty().get()));
        model.evaluationProperty().addListener((obs, old, evaluation) -> confusion.request());
        confusion.request();
        initializeComparison();
    }

    private void initializeComparison() {
        RunComparisonViewModel comparison = model.comparison();
        comparisonCard.visibleProperty().bind(comparison.hintProperty().isNotEmpty());
        comparisonCard.managedProperty().bind(comparisonCard.visibleProperty());
        compareCombo.setItems(comparison.choices());
        compareCombo.valueProperty().bindBidirectional(comparison.compareWithProperty());
        compareCombo.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(org.layerlab.core.history.RunRecord run) {
                return run == null ? "" : run.name();
            }

            @Override
            public org.layerlab.core.history.RunRecord fromString(String text) {
                return null;
            }
        });
        compareCombo.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(comparison.choices()));
        comparisonHint.textProperty().bind(comparison.hintProperty());
        comparisonTable.setItems(comparison.rows());
        comparisonTable.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(comparison.rows()));
        comparisonTable.managedProperty().bind(comparisonTable.visibleProperty());
        comparisonTable.setFixedCellSize(26);
        comparisonTable.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> 34 + Math.max(1, comparison.rows().size()) * 26.0, comparison.rows()));
        comparisonTable.setMinHeight(Region.USE_PREF_SIZE);
        comparisonTable.setMaxHeight(Region.USE_PREF_SIZE);
        comparisonOtherColumn.textProperty().bind(comparison.otherRunNameProperty());
        comparisonShownColumn.textProperty().bind(comparison.shownRunNameProperty());
        comparisonMetricColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().metric()));
        comparisonOtherColumn.setCellValueFactory(cell ->
                new ReadOnlyStringWrapper(RunComparisonViewModel.format(cell.getValue().first())));
        comparisonShownColumn.setCellValueFactory(cell ->
                new ReadOnlyStringWrapper(RunComparisonViewModel.format(cell.getValue().second())));
        comparisonChangeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        comparisonChangeColumn.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(org.layerlab.core.history.RunComparison.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("diff-better", "diff-worse");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                setText(RunComparisonViewModel.formatDifference(row.difference()));
                if (row.verdict() > 0) {
                    getStyleClass().add("diff-better");
                } else if (row.verdict() < 0) {
                    getStyleClass().add("diff-worse");
                }
            }
        });
        // One card serves both layouts: it sits in the classification body and moves under the regression chart.
        model.regressionAvailableProperty().addListener((obs, old, regression) -> placeComparison(regression));
        placeComparison(model.regressionAvailableProperty().get());
    }

    private void placeComparison(boolean regression) {
        javafx.scene.layout.Pane target = regression ? regressionComparisonHolder : evaluateBody;
        if (comparisonCard.getParent() == target) {
            return;
        }
        ((javafx.scene.layout.Pane) comparisonCard.getParent()).getChildren().remove(comparisonCard);
        if (regression) {
            target.getChildren().add(comparisonCard);
        } else {
            target.getChildren().add(0, comparisonCard);
        }
    }

    @FXML
    private void onCloseCellRows() {
        model.clearCell();
    }

    /** The original table's columns, then what the model said; numbers are right-aligned as in the Data step. */
    private void buildCellColumns(EvaluateViewModel.TestProbabilities computed) {
        cellRowsTable.getColumns().clear();
        if (computed == null || computed.experiment() == null) {
            return;
        }
        TableColumn<EvaluateViewModel.CellRow, Number> rowColumn = new TableColumn<>("Row");
        rowColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().tableRow() + 1));
        rowColumn.getStyleClass().add("numeric");
        cellRowsTable.getColumns().add(rowColumn);
        var table = computed.experiment().table();
        for (int c = 0; c < table.columnCount(); c++) {
            int index = c;
            TableColumn<EvaluateViewModel.CellRow, String> column = new TableColumn<>(table.columnNames().get(c));
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().values().get(index)));
            if (table.columns().get(c) instanceof NumericColumn) {
                column.getStyleClass().add("numeric");
            }
            cellRowsTable.getColumns().add(column);
        }
        TableColumn<EvaluateViewModel.CellRow, String> predicted = new TableColumn<>("Predicted");
        predicted.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().predicted()));
        TableColumn<EvaluateViewModel.CellRow, String> confidence = new TableColumn<>("Its probability");
        confidence.setCellValueFactory(cell ->
                new ReadOnlyStringWrapper(EvaluateViewModel.format(cell.getValue().predictedProbability())));
        confidence.getStyleClass().add("numeric");
        TableColumn<EvaluateViewModel.CellRow, String> truth = new TableColumn<>("True class's probability");
        truth.setCellValueFactory(cell ->
                new ReadOnlyStringWrapper(EvaluateViewModel.format(cell.getValue().trueProbability())));
        truth.getStyleClass().add("numeric");
        cellRowsTable.getColumns().addAll(List.of(predicted, confidence, truth));
        // A few columns share the width; many (an image's pixels) keep their own widths and scroll sideways.
        cellRowsTable.setColumnResizePolicy(cellRowsTable.getColumns().size() <= 12
                ? TableView.CONSTRAINED_RESIZE_POLICY : TableView.UNCONSTRAINED_RESIZE_POLICY);
    }

    /** Thumbnails shown for one cell, at most: the most confident ones; the title gives the full count. */
    static final int MAX_CELL_THUMBNAILS = 120;
    static final int CELL_THUMBNAIL_SIZE = 64;
    /** Bumped whenever the cell's list changes, so thumbnails decoded for an older list are dropped. */
    private long thumbnailGeneration;

    /**
     * One tile per image of the selected cell (file name, predicted class and its probability), in the list's order
     * (most confident first). The files are decoded on the worker thread; the tiles get their pictures when done.
     */
    private void showCellImages() {
        long current = ++thumbnailGeneration;
        cellImagesPane.getChildren().clear();
        List<EvaluateViewModel.CellRow> rows = List.copyOf(model.cellRows());
        if (rows.isEmpty() || rows.get(0).imageFile() == null) {
            if (cellImagesScroll.isVisible() && model.selectedCellProperty().get() != null
                    && model.probabilitiesProperty().get() != null) {
                cellImagesPane.getChildren().add(new Label("No test images in this cell."));
            }
            return;
        }
        List<EvaluateViewModel.CellRow> shown = rows.subList(0, Math.min(MAX_CELL_THUMBNAILS, rows.size()));
        List<ImageView> views = new ArrayList<>();
        for (EvaluateViewModel.CellRow row : shown) {
            ImageView view = new ImageView();
            view.setFitWidth(CELL_THUMBNAIL_SIZE);
            view.setFitHeight(CELL_THUMBNAIL_SIZE);
            view.setPreserveRatio(true);
            StackPane frame = new StackPane(view);
            frame.getStyleClass().add("thumbnail-frame");
            frame.setMinSize(CELL_THUMBNAIL_SIZE + 4, CELL_THUMBNAIL_SIZE + 4);
            String fileName = String.valueOf(row.imageFile().getFileName());
            Label name = new Label(fileName);
            name.getStyleClass().add("cell-image-name");
            name.setMaxWidth(CELL_THUMBNAIL_SIZE + 40);
            Label probability = new Label(row.predicted() + " · " + EvaluateViewModel.format(row.predictedProbability()));
            probability.getStyleClass().add("cell-image-probability");
            VBox tile = new VBox(2, frame, name, probability);
            tile.setAlignment(Pos.TOP_CENTER);
            tile.getStyleClass().add("cell-image");
            Tooltip.install(tile, new Tooltip(row.imageFile() + "\nPredicted '" + row.predicted() + "' with probability "
                    + EvaluateViewModel.format(row.predictedProbability()) + "; the true class had "
                    + EvaluateViewModel.format(row.trueProbability()) + "."));
            views.add(view);
            cellImagesPane.getChildren().add(tile);
        }
        List<Path> files = shown.stream().map(EvaluateViewModel.CellRow::imageFile).toList();
        model.shared().inBackground(() -> decodeThumbnails(files), pictures -> {
            if (current != thumbnailGeneration) {
                return;
            }
            for (int i = 0; i < pictures.size(); i++) {
                if (pictures.get(i) != null) {
                    views.get(i).setImage(toImage(pictures.get(i)));
                }
            }
        }, failure -> { });
    }

    /** On the worker thread; a file that can no longer be read gets no picture (its name still shows). */
    private static List<Pixels> decodeThumbnails(List<Path> files) {
        List<Pixels> pictures = new ArrayList<>(files.size());
        for (Path file : files) {
            Pixels pixels;
            try {
                pixels = ImageDecoder.decode(file, 3, CELL_THUMBNAIL_SIZE, CELL_THUMBNAIL_SIZE);
            } catch (DataProblem unreadable) {
                pixels = null;
            }
            pictures.add(pixels);
        }
        return pictures;
    }

    private static Image toImage(Pixels pixels) {
        WritableImage image = new WritableImage(pixels.width(), pixels.height());
        PixelWriter writer = image.getPixelWriter();
        for (int y = 0; y < pixels.height(); y++) {
            for (int x = 0; x < pixels.width(); x++) {
                writer.setColor(x, y, Color.color(pixels.value(0, y, x), pixels.value(1, y, x), pixels.value(2, y, x)));
            }
        }
        return image;
    }

    /** The list opens below the matrix, often out of sight: scroll just enough to show its top part. */
    private void revealCellRows() {
        ScrollPane scroll = evaluateScroll;
        if (!(scroll.getContent() instanceof Region body)) {
            return;
        }
        scroll.layout();
        double content = body.getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (content <= viewport) {
            return;
        }
        double top = cellRowsCard.getBoundsInParent().getMinY();
        double wanted = Math.min(top + 220 - viewport, top);
        double current = scroll.getVvalue() * (content - viewport);
        if (wanted > current) {
            scroll.setVvalue(Math.min(1, wanted / (content - viewport)));
        }
    }

    private void markSelected(EvaluateViewModel.Cell selected) {
        for (Node node : confusionGrid.getChildren()) {
            node.getStyleClass().remove("matrix-cell-selected");
            if (selected != null && node.getUserData() instanceof EvaluateViewModel.Cell cell && cell.equals(selected)) {
                node.getStyleClass().add("matrix-cell-selected");
            }
        }
    }

    @FXML
    private void onGoToTrain() {
        model.shared().stepProperty().set(Step.TRAIN);
    }

    /** One line per class; the legend carries each class's area under its curve. */
    private void showCurves(ProbabilisticEvaluation curves) {
        rocData.removeAllSeries();
        precisionRecallData.removeAllSeries();
        if (curves == null) {
            return;
        }
        for (int c = 0; c < curves.classes().size(); c++) {
            String name = curves.classes().get(c);
            RocCurve roc = curves.roc().get(c);
            XYSeries rocLine = new XYSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", name, roc.auc()), false, true);
            for (int i = 0; i < roc.falsePositiveRates().length; i++) {
                rocLine.add(roc.falsePositiveRates()[i], roc.truePositiveRates()[i], false);
            }
            rocData.addSeries(rocLine);
            PrecisionRecallCurve pr = curves.precisionRecall().get(c);
            XYSeries prLine = new XYSeries(String.format(Locale.ROOT, "%s (AP %.3f)", name, pr.averagePrecision()),
                    false, true);
            for (int i = 0; i < pr.recalls().length; i++) {
                prLine.add(pr.recalls()[i], pr.precisions()[i], false);
            }
            precisionRecallData.addSeries(prLine);
        }
    }

    /**
     * Rows are the actual classes, columns the predicted ones; a cell's shade grows with its share of its row,
     * blue on the diagonal (right answers) and red elsewhere (mistakes).
     */
    private void showConfusion(Evaluation evaluation) {
        confusionGrid.getChildren().clear();
        if (evaluation == null) {
            return;
        }
        int n = evaluation.classes().size();
        int[][] confusion = evaluation.confusion();
        // Cells shrink as classes grow (down to 30 px), but few classes get cells wide enough for their names.
        int longestName = evaluation.classes().stream().mapToInt(String::length).max().orElse(1);
        double cellSize = Math.max(30, Math.min(60, 360.0 / n));
        if (n <= 6) {
            cellSize = Math.max(cellSize, Math.min(96, 7 * longestName + 12));
        }

        Label predicted = new Label("predicted");
        predicted.getStyleClass().add("axis-caption");
        GridPane.setHalignment(predicted, HPos.CENTER);
        confusionGrid.add(predicted, 2, 0, n, 1);
        Label actual = new Label("actual");
        actual.getStyleClass().add("axis-caption");
        actual.setRotate(-90);
        Group rotated = new Group(actual);
        GridPane.setValignment(rotated, VPos.CENTER);
        confusionGrid.add(rotated, 0, 2, 1, n);

        for (int c = 0; c < n; c++) {
            String name = evaluation.classes().get(c);
            Label column = classLabel(name);
            column.setMaxWidth(cellSize);
            GridPane.setHalignment(column, HPos.CENTER);
            confusionGrid.add(column, 2 + c, 1);
            Label row = classLabel(name);
            row.setMaxWidth(140);
            // Class names must stay readable when the window is narrow: the grid shrinks the cells' margin, not them.
            row.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            GridPane.setHalignment(row, HPos.RIGHT);
            confusionGrid.add(row, 1, 2 + c);
        }
        for (int a = 0; a < n; a++) {
            int rowTotal = 0;
            for (int count : confusion[a]) {
                rowTotal += count;
            }
            for (int p = 0; p < n; p++) {
                int count = confusion[a][p];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                StackPane cell = cell(count, share, a == p, cellSize);
                int actualClass = a;
                int predictedClass = p;
                cell.setId("matrixCell-" + a + "-" + p);
                cell.setUserData(new EvaluateViewModel.Cell(a, p));
                cell.setCursor(Cursor.HAND);
                cell.setOnMouseClicked(event -> model.selectCell(actualClass, predictedClass));
                if (n <= MAX_CLASSES_WITH_TOOLTIPS) {
                    Tooltip.install(cell, new Tooltip(String.format(Locale.ROOT, "%d of %d test rows that are '%s' "
                            + "were predicted as '%s'.", count, rowTotal, evaluation.classes().get(a),
                            evaluation.classes().get(p))));
                }
                confusionGrid.add(cell, 2 + p, 2 + a);
            }
        }
        markSelected(model.selectedCellProperty().get());
    }

    private static Label classLabel(String name) {
        Label label = new Label(name);
        label.getStyleClass().add("matrix-class");
        label.setTooltip(new Tooltip(name));
        return label;
    }

    private static StackPane cell(int count, double share, boolean diagonal, double size) {
        Color base = diagonal ? RIGHT : WRONG;
        Color fill = count == 0 ? EMPTY : EMPTY.interpolate(base, 0.15 + 0.85 * share);
        Label text = new Label(Integer.toString(count));
        text.getStyleClass().add("matrix-count");
        boolean dark = count > 0 && (0.15 + 0.85 * share) > 0.5;
        text.setTextFill(dark ? Color.WHITE : Color.web("#1f2937"));
        StackPane cell = new StackPane(text);
        cell.getStyleClass().add("matrix-cell");
        cell.setStyle("-fx-background-color: " + web(fill) + ";");
        cell.setMinSize(size, size);
        cell.setPrefSize(size, size);
        cell.setMaxSize(size, size);
        cell.setAlignment(Pos.CENTER);
        return cell;
    }

    private static String web(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(color.getRed() * 255),
                Math.round(color.getGreen() * 255), Math.round(color.getBlue() * 255));
    }
}
