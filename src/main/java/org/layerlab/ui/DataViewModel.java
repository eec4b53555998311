package org.layerlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.project.Project;

/**
 * The Data step: what was loaded, which column is the label, which columns are features, how the rows are
 * split and what the classes look like. Edits go to the shared project, which prepares the data again.
 */
public final class DataViewModel {
    private final ProjectViewModel shared;

    private final ReadOnlyStringWrapper fileTitle = new ReadOnlyStringWrapper(this, "fileTitle", "");
    private final ReadOnlyStringWrapper fileDetails = new ReadOnlyStringWrapper(this, "fileDetails", "");
    private final ObservableList<ColumnInfo> columns = FXCollections.observableArrayList();
    private final ObservableList<String> labelChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> label = new SimpleObjectProperty<>(this, "label");
    private final ObjectProperty<TaskType> task = new SimpleObjectProperty<>(this, "task");
    private final PipelineViewModel pipeline;
    private final ExploreViewModel explore;
    private final TableAugmentationViewModel augmentation;
    private final ObjectProperty<Integer> trainPercent = new SimpleObjectProperty<>(this, "trainPercent", 70);
    private final ObjectProperty<Integer> validationPercent = new SimpleObjectProperty<>(this, "validationPercent", 15);
    private final ReadOnlyStringWrapper testPercentText = new ReadOnlyStringWrapper(this, "testPercentText", "15 %");
    private final StringProperty seedText = new SimpleStringProperty(this, "seedText", "42");
    private final ReadOnlyStringWrapper splitProblem = new ReadOnlyStringWrapper(this, "splitProblem", "");
    private final ReadOnlyStringWrapper splitSummary = new ReadOnlyStringWrapper(this, "splitSummary", "");
    private final BooleanProperty standardize = new SimpleBooleanProperty(this, "standardize", true);
    private final ObservableList<ClassCount> classCounts = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final IntegerProperty featureCount = new SimpleIntegerProperty(this, "featureCount");

    /** True while copying the project into these properties, so that the copy is not taken for a user edit. */
    private boolean syncing;

    public DataViewModel(ProjectViewModel shared) {
        this.shared = shared;
        this.pipeline = new PipelineViewModel(shared);
        this.explore = new ExploreViewModel(shared);
        this.augmentation = new TableAugmentationViewModel(shared);
        shared.tableProperty().addListener((obs, old, table) -> rebuildColumns(table));
        shared.projectProperty().addListener((obs, old, project) -> syncFromProject(project));
        shared.experimentProperty().addListener((obs, old, experiment) -> showExperiment(experiment));
        shared.sampleNoteProperty().addListener((obs, old, note) -> showExperiment(shared.getExperiment()));

        label.addListener((obs, old, column) -> {
            if (!syncing && column != null) {
                shared.updateProject(p -> p.withLabel(column));
            }
        });
        task.addListener((obs, old, chosen) -> {
            Table table = shared.getTable();
            Project project = shared.getProject();
            if (!syncing && chosen != null && project != null && table != null && project.taskFor(table) != chosen) {
                shared.updateProject(p -> p.withTask(chosen));
            }
        });
        trainPercent.addListener((obs, old, value) -> onSplitEdited());
        validationPercent.addListener((obs, old, value) -> onSplitEdited());
        seedText.addListener((obs, old, value) -> onSplitEdited());
        standardize.addListener((obs, old, value) -> {
            if (!syncing) {
                shared.updateProject(p -> p.withPreprocessing(
                        new Preprocessing(value, p.preprocessing().excludedColumns(), null,
                                p.preprocessing().augmentation())));
            }
        });
    }

    // ---------------------------------------------------------------- user intents

    public void openDataFile(Path file) {
        shared.openDataFile(file);
    }

    public void openSample(Sample sample) {
        shared.openSample(sample);
    }

    /** Picks a fresh random seed: a different shuffle of the rows into the three splits. */
    public void newSeed() {
        seedText.set(Long.toString(new Random().nextInt(1_000_000)));
    }

    /** Uses every column that is not the label as a feature again. */
    public void useAllColumns() {
        shared.updateProject(p -> p.withPreprocessing(p.preprocessing().withExcludedColumns(List.of())));
    }

    // ---------------------------------------------------------------- reactions

    private void onSplitEdited() {
        Integer train = trainPercent.get();
        Integer validation = validationPercent.get();
        if (train == null || validation == null) {
            return;
        }
        int test = 100 - train - validation;
        testPercentText.set(test + " %");
        if (syncing) {
            return;
        }
        long seed;
        try {
            seed = Long.parseLong(seedText.get().trim());
        } catch (NumberFormatException notANumber) {
            splitProblem.set("The seed must be a whole number, like 42. The same seed gives the same split.");
            return;
        }
        SplitSettings settings;
        try {
            settings = SplitSettings.ofPercent(train, validation, seed);
        } catch (IllegalArgumentException invalid) {
            splitProblem.set(invalid.getMessage());
            return;
        }
        splitProblem.set("");
        shared.updateProject(p -> p.withSplit(settings));
    }

    private void onUseChanged() {
        if (syncing) {
            return;
        }
        List<String> excluded = new ArrayList<>();
        for (ColumnInfo info : columns) {
            if (!info.isLabel() && !info.useProperty().get()) {
                excluded.add(info.name());
            }
        }
        shared.updateProject(p -> p.withPreprocessing(p.preprocessing().withExcludedColumns(excluded)));
    }

    private void rebuildColumns(Table table) {
        syncing = true;
        try {
            columns.clear();
            labelChoices.clear();
            if (table == null) {
                fileTitle.set("");
                fileDetails.set("");
                return;
            }
            fileTitle.set(table.source());
            fileDetails.set(ProjectViewModel.rowsAndColumns(table));
            List<ColumnInfo> infos = new ArrayList<>();
            for (Column column : table.columns()) {
                ColumnInfo info = new ColumnInfo(column.name(), column.type().plainName(), column.missingCount());
                info.useProperty().addListener((obs, old, use) -> onUseChanged());
                infos.add(info);
            }
            columns.setAll(infos);
            labelChoices.setAll(table.columnNames());
        } finally {
            syncing = false;
        }
    }

    private void syncFromProject(Project project) {
        if (project == null) {
            return;
        }
        syncing = true;
        try {
            label.set(project.labelColumn());
            Table table = shared.getTable();
            task.set(table == null || table.find(project.labelColumn()).isEmpty() ? null : project.taskFor(table));
            SplitSettings split = project.split();
            trainPercent.set((int) Math.round(split.train() * 100));
            validationPercent.set((int) Math.round(split.validation() * 100));
            testPercentText.set(Math.round(split.test() * 100) + " %");
            if (!seedText.get().trim().equals(Long.toString(split.seed()))) {
                seedText.set(Long.toString(split.seed()));
            }
            splitProblem.set("");
            standardize.set(project.preprocessing().standardize());
            List<String> excluded = project.preprocessing().excludedColumns();
            int features = 0;
            for (ColumnInfo info : columns) {
                boolean isLabel = info.name().equals(project.labelColumn());
                info.labelProperty().set(isLabel);
                info.useProperty().set(!isLabel && !excluded.contains(info.name()));
                if (info.useProperty().get()) {
                    features++;
                }
            }
            featureCount.set(features);
        } finally {
            syncing = false;
        }
    }

    private void showExperiment(PreparedExperiment experiment) {
        List<String> shownNotes = new ArrayList<>();
        if (!shared.sampleNoteProperty().get().isBlank()) {
            shownNotes.add(shared.sampleNoteProperty().get());
        }
        if (experiment == null) {
            classCounts.clear();
            splitSummary.set("");
            notes.setAll(shownNotes);
            return;
        }
        int[] counts = experiment.labels().classCounts();
        List<ClassCount> rows = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            rows.add(new ClassCount(experiment.labels().classNames().get(c), counts[c]));
        }
        classCounts.setAll(rows);
        splitSummary.set(String.format("Training %,d rows · validation %,d · test %,d · %d inputs to the network",
                experiment.split().train().length, experiment.split().validation().length,
                experiment.split().test().length, experiment.data().inputCount()));
        if (experiment.project().preprocessing().standardize()) {
            shownNotes.add("Numbers are standardized (mean 0, spread 1) using the training rows only, so nothing "
                    + "about the test rows leaks into training.");
        }
        shownNotes.addAll(experiment.data().notes());
        notes.setAll(shownNotes);
    }

    // ---------------------------------------------------------------- what the view shows

    /** One column in the column list. */
    public static final class ColumnInfo {
        private final String name;
        private final String type;
        private final int missing;
        private final BooleanProperty use = new SimpleBooleanProperty(true);
        private final BooleanProperty label = new SimpleBooleanProperty(false);

        ColumnInfo(String name, String type, int missing) {
            this.name = name;
            this.type = type;
            this.missing = missing;
        }

        public String name() {
            return name;
        }

        /** "number" or "category". */
        public String type() {
            return type;
        }

        public int missing() {
            return missing;
        }

        public BooleanProperty useProperty() {
            return use;
        }

        public BooleanProperty labelProperty() {
            return label;
        }

        public boolean isLabel() {
            return label.get();
        }
    }

    /** Rows per class of the label. */
    public record ClassCount(String className, int count) {
    }

    public ReadOnlyStringProperty fileTitleProperty() {
        return fileTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fileDetailsProperty() {
        return fileDetails.getReadOnlyProperty();
    }

    public ObservableList<ColumnInfo> columns() {
        return columns;
    }

    public ObservableList<String> labelChoices() {
        return labelChoices;
    }

    public ObjectProperty<String> labelProperty() {
        return label;
    }

    public ObjectProperty<Integer> trainPercentProperty() {
        return trainPercent;
    }

    public ObjectProperty<Integer> validationPercentProperty() {
        return validationPercent;
    }

    public ReadOnlyStringProperty testPercentTextProperty() {
        return testPercentText.getReadOnlyProperty();
    }

    public StringProperty seedTextProperty() {
        return seedText;
    }

    public ReadOnlyStringProperty splitProblemProperty() {
        return splitProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty splitSummaryProperty() {
        return splitSummary.getReadOnlyProperty();
    }

    public BooleanProperty standardizeProperty() {
        return standardize;
    }

    /** The Explore and Scatter tabs. */
    public ExploreViewModel explore() {
        return explore;
    }

    /** The Preprocessing panel. */
    /** The Augmentation card: noise and oversampling of the training rows, with its preview. */
    public TableAugmentationViewModel augmentation() {
        return augmentation;
    }

    public PipelineViewModel pipeline() {
        return pipeline;
    }

    /** Classification or regression: the project's choice, else the guess from the label column. */
    public ObjectProperty<TaskType> taskProperty() {
        return task;
    }

    public ObservableList<ClassCount> classCounts() {
        return classCounts;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public IntegerProperty featureCountProperty() {
        return featureCount;
    }

    public ProjectViewModel shared() {
        return shared;
    }
}
