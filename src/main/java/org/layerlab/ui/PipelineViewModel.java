package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.core.data.Table;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.preprocess.PipelinePreview;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.core.preprocess.PipelineStep.StepKind;
import org.layerlab.core.project.Project;

/**
 * The Preprocessing panel of the Data step: the project's pipeline of steps (LayerLab's default steps until the user
 * changes something), edits that go to the shared project (which prepares the data again), and the before/after
 * preview of the selected step, computed on the worker thread.
 */
public final class PipelineViewModel {
    private final ProjectViewModel shared;
    private final ObservableList<PipelineStep> steps = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper customized = new ReadOnlyBooleanWrapper(this, "customized");
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ReadOnlyObjectWrapper<PipelinePreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewNote = new ReadOnlyStringWrapper(this, "previewNote", "");
    private final ObservableList<String> featureColumns = FXCollections.observableArrayList();
    /** Bumped for every preview asked, so that an older answer arriving late is dropped. */
    private long generation;

    PipelineViewModel(ProjectViewModel shared) {
        this.shared = shared;
        shared.projectProperty().addListener((obs, old, project) -> syncFromProject(project));
        shared.tableProperty().addListener((obs, old, table) -> syncFromProject(shared.getProject()));
        selected.addListener((obs, old, index) -> refreshPreview());
        syncFromProject(shared.getProject());
    }

    // ---------------------------------------------------------------- user intents

    public void add(StepKind kind) {
        List<PipelineStep> next = new ArrayList<>(steps);
        next.add(kind.create());
        commit(next, next.size() - 1);
    }

    public void remove(int index) {
        if (index < 0 || index >= steps.size()) {
            return;
        }
        List<PipelineStep> next = new ArrayList<>(steps);
        next.remove(index);
        commit(next, Math.min(index, next.size() - 1));
    }

    /** Moves a step one place earlier ({@code delta} −1) or later (+1). */
    public void move(int index, int delta) {
        int target = index + delta;
        if (index < 0 || index >= steps.size() || target < 0 || target >= steps.size()) {
            return;
        }
        List<PipelineStep> next = new ArrayList<>(steps);
        next.add(target, next.remove(index));
        commit(next, target);
    }

    /** Replaces a step with an edited one (new columns, strategy or constant). */
    public void replace(int index, PipelineStep edited) {
        if (index < 0 || index >= steps.size() || steps.get(index).equals(edited)) {
            return;
        }
        List<PipelineStep> next = new ArrayList<>(steps);
        next.set(index, edited);
        commit(next, index);
    }

    /** Back to LayerLab's fixed default preprocessing (no pipeline in the project). */
    public void resetToDefault() {
        shared.updateProject(p -> p.withPreprocessing(p.preprocessing().withSteps(null)));
    }

    private void commit(List<PipelineStep> next, int select) {
        shared.updateProject(p -> p.withPreprocessing(p.preprocessing().withSteps(next)));
        selected.set(select);
        refreshPreview();
    }

    // ---------------------------------------------------------------- reactions

    private void syncFromProject(Project project) {
        Table table = shared.getTable();
        if (project == null || table == null) {
            steps.clear();
            featureColumns.clear();
            customized.set(false);
            selected.set(-1);
            preview.set(null);
            return;
        }
        List<PipelineStep> current = project.preprocessing().stepsOrDefault();
        if (!steps.equals(current)) {
            steps.setAll(current);
        }
        customized.set(project.preprocessing().hasPipeline());
        List<String> features = new ArrayList<>();
        for (String name : table.columnNames()) {
            if (!name.equals(project.labelColumn()) && !project.preprocessing().excludedColumns().contains(name)) {
                features.add(name);
            }
        }
        if (!featureColumns.equals(features)) {
            featureColumns.setAll(features);
        }
        if (selected.get() >= steps.size()) {
            selected.set(steps.size() - 1);
        }
        refreshPreview();
    }

    private void refreshPreview() {
        long current = ++generation;
        Project project = shared.getProject();
        Table table = shared.getTable();
        int index = selected.get();
        if (project == null || table == null || index < 0 || index >= steps.size()) {
            preview.set(null);
            previewNote.set(steps.isEmpty() ? "No steps: numbers go in as they are, categories one-hot."
                    : "Select a step to see what it does.");
            return;
        }
        List<PipelineStep> all = List.copyOf(steps);
        previewNote.set("Working out the preview…");
        shared.inBackground(() -> PipelinePreview.of(table, project.labelColumn(),
                project.preprocessing().excludedColumns(), all, index, PreparedExperiment.trainingRows(project, table)),
                computed -> {
                    if (current == generation) {
                        preview.set(computed);
                        previewNote.set(computed.summary()
                                + (computed.notes().isEmpty() ? "" : " " + String.join(" ", computed.notes())));
                    }
                }, failure -> {
                    if (current == generation) {
                        preview.set(null);
                        previewNote.set("No preview: " + UserMessages.of(failure));
                    }
                });
    }

    // ---------------------------------------------------------------- properties

    /** The steps in order: the project's pipeline, or the default steps while it has none. */
    public ObservableList<PipelineStep> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    /** True once the project holds its own pipeline rather than the fixed default. */
    public ReadOnlyBooleanProperty customizedProperty() {
        return customized.getReadOnlyProperty();
    }

    /** The selected step's index, or −1. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<PipelinePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The preview's summary and notes, or why there is none. */
    public ReadOnlyStringProperty previewNoteProperty() {
        return previewNote.getReadOnlyProperty();
    }

    /** The columns a step can be pointed at: the features, not the label or left-out columns. */
    public ObservableList<String> featureColumns() {
        return featureColumns;
    }
}
