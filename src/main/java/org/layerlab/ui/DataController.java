package org.layerlab.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.ui.DataViewModel.ClassCount;
import org.layerlab.ui.DataViewModel.ColumnInfo;

/** The Data step: the loaded table, the label, the feature columns, the split and the class balance. */
public final class DataController {
    private final DataViewModel model;

    @FXML private StackPane dataRoot;
    @FXML private Node emptyState;
    @FXML private Node dataContent;
    @FXML private Button openFileButton;
    @FXML private Button sampleIrisButton;
    @FXML private Button sampleDigitsButton;
    @FXML private Button sampleTitanicButton;
    @FXML private Button sampleMnistImagesButton;
    @FXML private Label fileTitleLabel;
    @FXML private Label fileDetailsLabel;
    @FXML private ComboBox<String> labelCombo;
    @FXML private ComboBox<TaskType> taskCombo;
    @FXML private Label dataProblemLabel;
    @FXML private TableView<ColumnInfo> columnTable;
    @FXML private TableColumn<ColumnInfo, String> columnNameColumn;
    @FXML private TableColumn<ColumnInfo, String> columnTypeColumn;
    @FXML private TableColumn<ColumnInfo, Number> columnMissingColumn;
    @FXML private TableColumn<ColumnInfo, ColumnInfo> columnUseColumn;
    @FXML private Spinner<Integer> trainSpinner;
    @FXML private Spinner<Integer> validationSpinner;
    @FXML private Label testPercentLabel;
    @FXML private TextField seedField;
    @FXML private Label splitProblemLabel;
    @FXML private Label splitSummaryLabel;
    @FXML private CheckBox standardizeCheck;
    @FXML private ListView<PipelineStep> stepList;
    @FXML private MenuButton addStepButton;
    @FXML private Button removeStepButton;
    @FXML private Button stepUpButton;
    @FXML private Button stepDownButton;
    @FXML private Button resetPipelineButton;
    @FXML private javafx.scene.layout.FlowPane matrixLegend;
    @FXML private CheckBox noiseCheck;
    @FXML private Spinner<Double> tableNoiseSpinner;
    @FXML private CheckBox oversampleCheck;
    @FXML private Label oversampleNoteLabel;
    @FXML private Button regenerateAugmentationButton;
    @FXML private Label augmentationNoteLabel;
    @FXML private TableView<List<String>> augmentBeforeTable;
    @FXML private TableView<List<String>> augmentAfterTable;
    @FXML private VBox augmentCountsBox;
    @FXML private VBox stepEditor;
    @FXML private Label previewNoteLabel;
    @FXML private TableView<List<String>> previewBeforeTable;
    @FXML private TableView<List<String>> previewAfterTable;
    @FXML private ComboBox<String> exploreColumnCombo;
    @FXML private Label columnSummaryLabel;
    @FXML private org.jfree.chart.fx.ChartViewer distributionChart;
    @FXML private org.jfree.chart.fx.ChartViewer classBalanceChart;
    @FXML private ComboBox<String> scatterXCombo;
    @FXML private ComboBox<String> scatterYCombo;
    @FXML private Label scatterNoteLabel;
    @FXML private org.jfree.chart.fx.ChartViewer scatterChart;
    @FXML private javafx.scene.control.Tab matrixTab;
    @FXML private javafx.scene.control.Tab exploreTab;
    @FXML private javafx.scene.control.Tab scatterTab;
    @FXML private GridPane matrixGrid;
    @FXML private Label matrixNoteLabel;
    @FXML private VBox classBalanceBox;
    @FXML private VBox notesBox;
    @FXML private TableView<Integer> dataTable;
    @FXML private javafx.scene.control.TabPane dataTabs;
    @FXML private javafx.scene.control.ScrollBar rowScrollBar;
    private RowWindow rowWindow;
    @FXML private javafx.scene.control.ScrollBar columnScrollBar;
    private ColumnWindow columnWindow;
    /**
     * A new table changes most of the step at once: settings, pipeline, class balance, notes, the column list and the
     * rows. Styled and laid out in one pulse, that held the window 150–300 ms. So the step is shown in pieces, one
     * per pulse: first everything but the lists, then the column list's first {@link #COLUMN_LIST_FIRST} columns, the
     * rest of them, the rows' header, and the rows a few at a time ({@link #revealRows}).
     */
    private final OnePerPulse nextPulse = new OnePerPulse();
    /** The column list's rows: {@code model.columns()}, copied a pulse after it changes (see {@link #nextPulse}). */
    private final javafx.collections.ObservableList<ColumnInfo> shownColumns =
            javafx.collections.FXCollections.observableArrayList();
    /** Blank rows for the hidden column list while no table is open (see {@link #showColumnList}). */
    private final List<ColumnInfo> columnListWarmUp = java.util.stream.IntStream.range(0, 12)
            .mapToObj(row -> new ColumnInfo("", "", 0)).toList();
    /** The columns the column list shows in the pulse before it shows them all (its first rows are costliest). */
    private static final int COLUMN_LIST_FIRST = 4;
    /**
     * How many rows are in sight after each of the pulses that reveal a new table's rows; then all of them. Never 0:
     * a table whose rows' area grows from nothing makes all its rows and cells anew (JavaFX's VirtualFlow, RT-8480).
     */
    private static final int[] REVEALED_ROWS = {1, 7, 14, 21};
    /** The same for the blank rows of {@link #warmUpRows}: two more a pulse, up to as many as a tall window shows. */
    private static final int[] WARM_UP_ROWS = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40};
    /** What {@link #hideForFirstFrame} hid and a piece of {@link #nextPulse} is still to show. */
    private final List<Node> waitingToBePainted = new ArrayList<>();
    /** The class balance and the notes, rebuilt together a pulse after their data changes. */
    private final LaterOnce lowerCards = new LaterOnce(() -> {
        showClassBalance();
        showNotes();
    });
    /** The "#" column, the same for every table (see {@link ColumnWindow}). */
    private final TableColumn<Integer, String> rowNumbers = new TableColumn<>("#");
    /** About the height of the table's header (only sets the size of the reveal's steps). */
    private static final double HEADER_HEIGHT_GUESS = 30;
    @FXML private javafx.scene.Parent editingPane;
    @FXML private Node editingScroll;
    @FXML private Label lockedHint;

    DataController(DataViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        ProjectViewModel shared = model.shared();
        // Every row has the same height. Without saying so, the table measures and caches a height per row: with a
        // million rows that held the UI thread for over half a second when it first showed or scrolled far.
        dataTable.setFixedCellSize(26);
        // With a fixed row height a row makes cells only for the columns in sight: the previews of a wide table in
        // the narrow side column would otherwise build every column's cells for rows nobody scrolls to.
        for (TableView<?> preview : List.of(previewBeforeTable, previewAfterTable, augmentBeforeTable,
                augmentAfterTable)) {
            preview.setFixedCellSize(24);
        }
        rowWindow = new RowWindow(dataTable, rowScrollBar);
        rowNumbers.getStyleClass().add("row-number");
        rowNumbers.setSortable(false);
        rowNumbers.setReorderable(false);
        rowNumbers.setCellValueFactory(rowWindow.cells(row -> Integer.toString(row + 1)));
        columnWindow = new ColumnWindow(dataTable, columnScrollBar, rowWindow, this::markColumns);
        emptyState.visibleProperty().bind(shared.tableProperty().isNull()
                .and(shared.imageExperimentProperty().isNull()).and(shared.imagesLoadingProperty().not()));
        dataContent.visibleProperty().bind(shared.tableProperty().isNotNull());
        editingPane.disableProperty().bind(shared.trainingRunningProperty());
        lockedHint.visibleProperty().bind(shared.trainingRunningProperty());
        // Growing the window gives the room to the rows, not to the settings column.
        javafx.scene.control.SplitPane.setResizableWithParent(editingScroll, false);
        sampleIrisButton.setDisable(Sample.IRIS.locate().isEmpty());
        sampleDigitsButton.setDisable(Sample.DIGITS.locate().isEmpty());
        sampleTitanicButton.setDisable(Sample.TITANIC.locate().isEmpty());
        sampleMnistImagesButton.setDisable(Sample.MNIST_IMAGES.locate().isEmpty());
        sampleMnistImagesButton.setTooltip(new Tooltip(Sample.MNIST_IMAGES.description()));
        sampleIrisButton.setTooltip(new Tooltip(Sample.IRIS.description()));
        sampleDigitsButton.setTooltip(new Tooltip(Sample.DIGITS.description()));
        sampleTitanicButton.setTooltip(new Tooltip(Sample.TITANIC.description()));

        fileTitleLabel.textProperty().bind(model.fileTitleProperty());
        fileDetailsLabel.textProperty().bind(model.fileDetailsProperty());
        fileTitleLabel.tooltipProperty().bind(Bindings.createObjectBinding(() -> shared.getProject() == null ? null
                : new Tooltip(shared.getProject().dataFile().toString()), shared.projectProperty()));

        labelCombo.setItems(model.labelChoices());
        labelCombo.valueProperty().bindBidirectional(model.labelProperty());
        taskCombo.getItems().setAll(TaskType.values());
        taskCombo.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(TaskType task) {
                return task == null ? "" : task == TaskType.REGRESSION ? "Regression (predict a number)"
                        : "Classification (predict a class)";
            }

            @Override
            public TaskType fromString(String text) {
                return TaskType.fromName(text);
            }
        });
        taskCombo.valueProperty().bindBidirectional(model.taskProperty());
        showProblem(dataProblemLabel, shared.dataProblemProperty());

        setUpColumnTable();
        setUpSplit();
        standardizeCheck.selectedProperty().bindBidirectional(model.standardizeProperty());
        // With the user's own pipeline, standardizing is a step like any other.
        standardizeCheck.disableProperty().bind(model.pipeline().customizedProperty());
        resetPipelineButton.disableProperty().bind(model.pipeline().customizedProperty().not());
        new PipelinePanel(model.pipeline(), stepList, addStepButton, removeStepButton, stepUpButton, stepDownButton,
                stepEditor, previewNoteLabel, previewBeforeTable, previewAfterTable);
        new TableAugmentationPanel(model.augmentation(), noiseCheck, tableNoiseSpinner, oversampleCheck,
                oversampleNoteLabel, regenerateAugmentationButton, augmentationNoteLabel, augmentBeforeTable,
                augmentAfterTable, augmentCountsBox);
        shared.workAfterShowing().holdForView();
        new ExplorePanel(model.explore(), exploreColumnCombo, columnSummaryLabel, distributionChart, classBalanceChart,
                scatterXCombo, scatterYCombo, scatterNoteLabel, scatterChart, exploreTab, scatterTab, matrixTab,
                matrixGrid, matrixNoteLabel, matrixLegend);

        // Below the fold of the settings column: rebuilt a pulse after the change, so that the first pulse of a new
        // table does not also make their nodes (docs/decisions/0030).
        model.classCounts().addListener((ListChangeListener<ClassCount>) change -> lowerCards.request());
        model.notes().addListener((ListChangeListener<String>) change -> lowerCards.request());
        if (shared.getTable() == null) {
            TableWarmUp.addTo(dataRoot);
        }
        shared.tableProperty().addListener((obs, old, table) -> {
            nextPulse.cancel(); // a newer table replaces one still waiting
            showAll(List.copyOf(waitingToBePainted)); // parts of the first frame a cancelled piece was to show
            // Until its rows are shown, the table shows its header and one row, not the last table's rows (or the
            // blank ones of the warm-up), and the window's first frame has that much less to paint.
            dataTable.setMaxHeight(heightShowing(REVEALED_ROWS[0]));
            // The column list is emptied (its rows stay, blank) until its first columns come.
            shownColumns.clear();
            // When the step's content first appears, it is painted a part per pulse: the first card of the settings,
            // the second, the rest, then the tabs beside them. Painted in one frame, in software, the whole step took
            // the window's renderer 66-77 ms, during which the next pulse waited (docs/decisions/0030, 0031).
            boolean firstShowing = old == null && table != null;
            List<List<Node>> paintedLater = firstShowing ? hideForFirstFrame() : List.of(List.of());
            // The class balance and the notes, below the fold, wait until the rows are in (see showRows).
            lowerCards.hold();
            nextPulse.afterNextLayout(() -> showAll(paintedLater.get(0)));
            for (List<Node> part : paintedLater.subList(1, paintedLater.size())) {
                nextPulse.later(() -> showAll(part));
            }
            nextPulse.later(() -> shownColumns.setAll(
                    model.columns().subList(0, Math.min(COLUMN_LIST_FIRST, model.columns().size()))));
            nextPulse.later(this::showColumnList);
            nextPulse.later(() -> showRows(shared.getTable()));
        });
        shared.projectProperty().addListener((obs, old, project) -> markColumns());
        showRows(shared.getTable());
        showClassBalance();
        showNotes();
    }

    /**
     * Hides all of the step's content but the settings' first card, for its first frame, and returns what is to be
     * shown in each of the pulses after it: the second card, the other cards, the tabs. A card whose visibility
     * something else decides (bound, or hidden now) is left alone.
     */
    private List<List<Node>> hideForFirstFrame() {
        List<Node> cards = new ArrayList<>();
        for (Node card : editingPane.getChildrenUnmodifiable()) {
            if (card.isVisible() && !card.visibleProperty().isBound()) {
                cards.add(card);
            }
        }
        List<List<Node>> parts = new ArrayList<>();
        if (cards.size() > 1) {
            parts.add(List.of(cards.get(1)));
            parts.add(List.copyOf(cards.subList(2, cards.size())));
        }
        parts.add(List.of(dataTabs));
        parts.forEach(part -> part.forEach(node -> node.setVisible(false)));
        parts.forEach(waitingToBePainted::addAll);
        return parts;
    }

    private void showAll(List<Node> nodes) {
        nodes.forEach(node -> node.setVisible(true));
        waitingToBePainted.removeAll(nodes);
    }

    @FXML
    private void onResetPipeline() {
        model.pipeline().resetToDefault();
    }

    @FXML
    private void onRemoveStep() {
        model.pipeline().remove(model.pipeline().selectedProperty().get());
    }

    @FXML
    private void onStepUp() {
        model.pipeline().move(model.pipeline().selectedProperty().get(), -1);
    }

    @FXML
    private void onStepDown() {
        model.pipeline().move(model.pipeline().selectedProperty().get(), +1);
    }

    @FXML
    private void onOpenFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a data file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data tables (*.csv, *.tsv, *.txt, *.arff)", "*.csv", "*.tsv", "*.txt", "*.tab", "*.arff"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = chooser.showOpenDialog(dataRoot.getScene().getWindow());
        if (file != null) {
            model.openDataFile(file.toPath());
        }
    }

    /** Opens a data file as if chosen in the file chooser (the chooser cannot be driven in tests). */
    public void openDataFile(Path file) {
        model.openDataFile(file);
    }

    @FXML
    private void onSampleIris() {
        model.openSample(Sample.IRIS);
    }

    @FXML
    private void onSampleDigits() {
        model.openSample(Sample.DIGITS);
    }

    @FXML
    private void onSampleTitanic() {
        model.openSample(Sample.TITANIC);
    }

    @FXML
    private void onSampleMnistImages() {
        model.openSample(Sample.MNIST_IMAGES);
    }

    @FXML
    private void onOpenImageFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of images (one subfolder per class)");
        File folder = chooser.showDialog(dataRoot.getScene().getWindow());
        if (folder != null) {
            model.shared().openImageFolder(folder.toPath());
        }
    }

    @FXML
    private void onNewSeed() {
        model.newSeed();
    }

    @FXML
    private void onUseAllColumns() {
        model.useAllColumns();
    }

    // ---------------------------------------------------------------- column list

    /**
     * Shows the model's columns; while no table is open (the list is hidden then), blank rows instead, so that the
     * first table finds the list's rows and cells made and styled, as {@link #warmUpRows} does for the rows.
     */
    private void showColumnList() {
        List<ColumnInfo> wanted = model.shared().getTable() == null ? columnListWarmUp : model.columns();
        if (!shownColumns.equals(wanted)) {
            shownColumns.setAll(wanted);
        }
    }

    private void setUpColumnTable() {
        // The list shows a copy of the model's columns, made a pulse after they change: see nextPulse.
        columnTable.setItems(shownColumns);
        model.columns().addListener((ListChangeListener<ColumnInfo>) change -> nextPulse.later(this::showColumnList));
        showColumnList();
        columnTable.setEditable(true);
        columnNameColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        columnTypeColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().type()));
        columnMissingColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().missing()));
        columnUseColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        columnUseColumn.setCellFactory(column -> new UseCell());
        for (TableColumn<ColumnInfo, ?> column : columnTable.getColumns()) {
            column.setSortable(false);
        }
    }

    /** A tick box bound to the column's "use as feature" flag; the label column says "label" instead. */
    private static final class UseCell extends TableCell<ColumnInfo, ColumnInfo> {
        private final CheckBox box = new CheckBox();
        private final Label labelTag = new Label("label");
        /** Swaps the graphic when the bound column becomes the label column or stops being it. */
        private final javafx.beans.value.ChangeListener<Boolean> labelChange = (obs, was, isLabel) -> showGraphic();
        private ColumnInfo bound;

        UseCell() {
            labelTag.getStyleClass().add("label-tag");
            setStyle("-fx-alignment: CENTER;");
        }

        @Override
        protected void updateItem(ColumnInfo info, boolean empty) {
            super.updateItem(info, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.useProperty());
                bound.labelProperty().removeListener(labelChange);
                bound = null;
            }
            if (!empty && info != null) {
                bound = info;
                box.selectedProperty().bindBidirectional(info.useProperty());
                box.setId("use-" + info.name());
                info.labelProperty().addListener(labelChange);
            }
            showGraphic();
        }

        /**
         * Sets the graphic only when it changes: a graphic set again is taken out of the cell and put back, and
         * styled anew as if new, for every row the list fills (docs/decisions/0031).
         */
        private void showGraphic() {
            Node wanted = bound == null ? null : bound.labelProperty().get() ? labelTag : box;
            if (getGraphic() != wanted) {
                setGraphic(wanted);
            }
        }
    }

    // ---------------------------------------------------------------- split

    private void setUpSplit() {
        SpinnerValueFactory.IntegerSpinnerValueFactory train = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                10, 95, 70, 5);
        SpinnerValueFactory.IntegerSpinnerValueFactory validation =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 80, 15, 5);
        trainSpinner.setValueFactory(train);
        validationSpinner.setValueFactory(validation);
        train.valueProperty().bindBidirectional(model.trainPercentProperty());
        validation.valueProperty().bindBidirectional(model.validationPercentProperty());
        Spinners.commitOnFocusLost(trainSpinner);
        Spinners.commitOnFocusLost(validationSpinner);
        testPercentLabel.textProperty().bind(model.testPercentTextProperty());
        seedField.textProperty().bindBidirectional(model.seedTextProperty());
        showProblem(splitProblemLabel, model.splitProblemProperty());
        splitSummaryLabel.textProperty().bind(model.splitSummaryProperty());
    }

    // ---------------------------------------------------------------- rows

    /**
     * Shows the table's rows. The items are just the row numbers, computed on demand, and each visible cell asks
     * its column for the text: nothing is copied per row, so a large table costs no more than the visible part.
     * Without a table, the (hidden) table is filled with blank rows instead, see {@link #warmUpRows}.
     */
    private void showRows(Table table) {
        if (table == null) {
            warmUpRows();
            // No table to show (none opened, or an image folder): nothing is left for held work to wait for.
            model.shared().workAfterShowing().shown();
            lowerCards.release();
            return;
        }
        rowNumbers.setPrefWidth(Math.max(44, 9 * Integer.toString(table.rowCount()).length() + 18));
        List<ColumnWindow.Shown> shown = new ArrayList<>();
        for (Column column : table.columns()) {
            shown.add(new ColumnWindow.Shown(column.name(), widthFor(column), column instanceof NumericColumn,
                    column::text));
        }
        columnWindow.show(rowNumbers, shown);
        rowWindow.show(table.rowCount());
        markColumns();
        revealRows(REVEALED_ROWS);
        // The settings column's last cards, and the explore views' and the augmentation preview's work for this table,
        // waited until now for the window's cores.
        nextPulse.later(lowerCards::release);
        nextPulse.later(model.shared().workAfterShowing()::shown);
    }

    /**
     * While no table is open the Data step's content is hidden, but JavaFX still styles and lays it out: this fills
     * its table with blank rows, a few per pulse, in the columns every table is shown in ({@link ColumnWindow}), so
     * that the cells exist and are styled before the first table opens; that table then only changes their texts.
     * Creating and styling them while a million-row table opened held the window for 60–110 ms at a time
     * (docs/decisions/0030); here it costs a few milliseconds a pulse just after the window opens.
     */
    private void warmUpRows() {
        rowNumbers.setPrefWidth(44);
        columnWindow.show(rowNumbers, warmUpColumns());
        rowWindow.show(WARM_UP_ROWS[WARM_UP_ROWS.length - 1]);
        revealRows(WARM_UP_ROWS);
    }

    /**
     * Number columns for the warm-up, narrow so that every place is in sight and gets its cells, holding numbers so
     * that the text code a real table needs runs too.
     */
    private static List<ColumnWindow.Shown> warmUpColumns() {
        List<ColumnWindow.Shown> columns = new ArrayList<>();
        for (int column = 0; column < ColumnWindow.WINDOW_FROM_COLUMNS; column++) {
            int offset = column * 7;
            columns.add(new ColumnWindow.Shown("", 30, true, row -> Double.toString((row * 13 + offset) / 100.0)));
        }
        return columns;
    }

    /**
     * Lets the table grow to its full height over a few pulses, {@code rowsAfterEachPulse[i]} rows in sight after the
     * i-th, then all. JavaFX creates and styles a row's cells when the row first comes into sight, a quarter of a
     * millisecond or more per cell: a table's first showing (8 columns × 26 rows in sight) held the window about 90 ms
     * in one pulse. The first pulse makes the header and the columns alone; the rows then fill top-down
     * (docs/decisions/0027).
     */
    private void revealRows(int[] rowsAfterEachPulse) {
        dataTable.setMaxHeight(heightShowing(rowsAfterEachPulse[0]));
        for (int step = 1; step < rowsAfterEachPulse.length; step++) {
            double height = heightShowing(rowsAfterEachPulse[step]);
            nextPulse.later(() -> dataTable.setMaxHeight(height));
        }
        nextPulse.later(() -> dataTable.setMaxHeight(Region.USE_COMPUTED_SIZE)); // as laid out in the FXML
    }

    private double heightShowing(int rows) {
        return HEADER_HEIGHT_GUESS + rows * dataTable.getFixedCellSize();
    }

    /** Wide enough for the header and the first 50 rows' values (about 7 px a character), within limits. */
    static double widthFor(Column column) {
        int longest = column.name().length() + 2; // room for the bold header
        for (int row = 0; row < Math.min(column.size(), 50); row++) {
            longest = Math.max(longest, column.text(row).length());
        }
        return Math.max(56, Math.min(220, 7 * longest + 22));
    }

    /** Highlights the label column and greys out columns left out of the features. */
    private void markColumns() {
        var project = model.shared().getProject();
        if (project == null) {
            return;
        }
        for (TableColumn<Integer, ?> column : dataTable.getColumns()) {
            Object name = column.getUserData();
            column.getStyleClass().removeAll("label-column", "excluded-column");
            if (name == null) {
                continue;
            }
            if (name.equals(project.labelColumn())) {
                column.getStyleClass().add("label-column");
            } else if (project.preprocessing().excludedColumns().contains(name)) {
                column.getStyleClass().add("excluded-column");
            }
        }
    }

    // ---------------------------------------------------------------- classes and notes

    /**
     * Runs its work once, at the start of the pulse after the one that lays out the change that asked for it; while
     * held, not before it is released.
     */
    private static final class LaterOnce {
        private final Runnable work;
        private final OnePerPulse pulses = new OnePerPulse();
        /** Whether the work is due: asked for and not run since. */
        private boolean asked;
        private boolean held;

        LaterOnce(Runnable work) {
            this.work = work;
        }

        void request() {
            if (!asked) {
                asked = true;
                if (!held) {
                    schedule();
                }
            }
        }

        /** Until {@link #release}, the work waits, even if it was already asked for. */
        void hold() {
            held = true;
            pulses.cancel();
        }

        /** Lets the work run again, and schedules it if it was asked for meanwhile. */
        void release() {
            if (held) {
                held = false;
                if (asked) {
                    schedule();
                }
            }
        }

        private void schedule() {
            pulses.afterNextLayout(() -> {
                asked = false;
                work.run();
            });
        }
    }

    private void showClassBalance() {
        classBalanceBox.getChildren().clear();
        List<ClassCount> counts = model.classCounts();
        if (counts.isEmpty()) {
            Label none = new Label("Choose a label column to see its classes.");
            none.getStyleClass().add("help-text");
            classBalanceBox.getChildren().add(none);
            return;
        }
        int total = counts.stream().mapToInt(ClassCount::count).sum();
        int[] numbers = counts.stream().mapToInt(ClassCount::count).toArray();
        classBalanceBox.getChildren().add(ClassBalanceBars.of(counts.stream().map(ClassCount::className).toList(),
                numbers, c -> String.format("%,d (%.0f%%)", numbers[c], 100.0 * numbers[c] / total)));
    }

    private void showNotes() {
        notesBox.getChildren().clear();
        for (String note : model.notes()) {
            Label label = new Label(note);
            label.setWrapText(true);
            label.getStyleClass().add("note");
            label.setMinHeight(Region.USE_PREF_SIZE);
            notesBox.getChildren().add(label);
        }
        notesBox.setVisible(!model.notes().isEmpty());
        notesBox.setManaged(!model.notes().isEmpty());
    }

    private static void showProblem(Label label, javafx.beans.value.ObservableStringValue problem) {
        label.textProperty().bind(problem);
        label.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> problem.get() != null && !problem.get().isBlank(), problem));
        label.managedProperty().bind(label.visibleProperty());
    }
}
