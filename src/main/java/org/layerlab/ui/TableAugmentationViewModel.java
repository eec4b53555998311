package org.layerlab.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.preprocess.AugmentationPreview;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.project.Project;

/**
 * The Augmentation card of a table's Data step: noise on the number inputs and oversampling of the smaller classes,
 * applied to the training rows afresh every epoch. Edits go to the project (without preparing the data again: they
 * change training, not preparation); the "what the network sees" preview is computed on the worker thread.
 */
public final class TableAugmentationViewModel {
    /** The spread offered when noise is first switched on. */
    static final double DEFAULT_NOISE = 0.1;

    private final ProjectViewModel shared;
    private final BooleanProperty noiseOn = new SimpleBooleanProperty(this, "noiseOn");
    private final DoubleProperty noise = new SimpleDoubleProperty(this, "noise", DEFAULT_NOISE);
    private final BooleanProperty oversample = new SimpleBooleanProperty(this, "oversample");
    private final ReadOnlyBooleanWrapper oversampleAvailable = new ReadOnlyBooleanWrapper(this, "oversampleAvailable",
            true);
    private final ReadOnlyStringWrapper oversampleNote = new ReadOnlyStringWrapper(this, "oversampleNote", "");
    private final ReadOnlyObjectWrapper<AugmentationPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewNote = new ReadOnlyStringWrapper(this, "previewNote", "");
    /** True while the controls are set from the project, so that this is not taken for a user edit. */
    private boolean syncing;
    /** Which draw the preview shows; "New draw" counts it up. */
    private long draw = 1;
    /** Bumped for every preview asked, so that an older answer arriving late is dropped. */
    private long generation;
    /** The setting the preview was last asked for; other project edits (the network, say) need no new preview. */
    private TableAugmentation previewed;

    TableAugmentationViewModel(ProjectViewModel shared) {
        this.shared = shared;
        shared.projectProperty().addListener((obs, old, project) -> syncFromProject(project));
        shared.experimentProperty().addListener((obs, old, experiment) -> refreshPreview());
        noiseOn.addListener((obs, old, on) -> commit());
        noise.addListener((obs, old, value) -> commit());
        oversample.addListener((obs, old, on) -> commit());
        syncFromProject(shared.getProject());
    }

    // ---------------------------------------------------------------- user intents

    /** Shows other training rows with fresh noise. */
    public void regenerate() {
        draw++;
        refreshPreview();
    }

    private void commit() {
        if (syncing) {
            return;
        }
        TableAugmentation chosen = new TableAugmentation(noiseOn.get() ? noise.get() : 0, oversample.get());
        shared.updateAugmentation(chosen);
    }

    // ---------------------------------------------------------------- reactions

    private void syncFromProject(Project project) {
        TableAugmentation current = project == null ? TableAugmentation.NONE
                : project.preprocessing().augmentation();
        syncing = true;
        try {
            noiseOn.set(current.noise() > 0);
            if (current.noise() > 0) {
                noise.set(current.noise());
            }
            oversample.set(current.oversample());
        } finally {
            syncing = false;
        }
        if (!current.equals(previewed)) {
            refreshPreview();
        }
    }

    private void refreshPreview() {
        long current = ++generation;
        if (shared.workAfterShowing().held("augmentation preview", this::refreshPreview)) {
            previewNote.set("Working out the preview…");
            return;
        }
        PreparedExperiment experiment = shared.getExperiment();
        Project project = shared.getProject();
        boolean regression = experiment != null && experiment.task() == TaskType.REGRESSION;
        oversampleAvailable.set(!regression);
        oversampleNote.set(regression ? "Oversampling needs classes; this label is a number (regression), so it is "
                + "not used." : "");
        if (experiment == null || project == null) {
            preview.set(null);
            previewNote.set("The preview appears once the data is prepared.");
            return;
        }
        PreparedData data = experiment.data();
        TableAugmentation augmentation = project.preprocessing().augmentation();
        previewed = augmentation;
        long shownDraw = draw;
        previewNote.set("Working out the preview…");
        shared.inBackground(() -> AugmentationPreview.of(data.trainTable(), data.featureNames(), data.classNames(),
                augmentation, shownDraw), computed -> {
                    if (current == generation) {
                        preview.set(computed);
                        previewNote.set(computed.summary());
                    }
                }, failure -> {
                    if (current == generation) {
                        preview.set(null);
                        previewNote.set("No preview: " + UserMessages.of(failure));
                    }
                });
    }

    // ---------------------------------------------------------------- properties

    /** Whether noise is added to the number inputs. */
    public BooleanProperty noiseOnProperty() {
        return noiseOn;
    }

    /** The noise's standard deviation, in the prepared inputs' units (standardized: a share of a column's spread). */
    public DoubleProperty noiseProperty() {
        return noise;
    }

    public BooleanProperty oversampleProperty() {
        return oversample;
    }

    /** False for regression: there are no classes to bring level. */
    public ReadOnlyBooleanProperty oversampleAvailableProperty() {
        return oversampleAvailable.getReadOnlyProperty();
    }

    /** Why oversampling is off, or empty. */
    public ReadOnlyStringProperty oversampleNoteProperty() {
        return oversampleNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AugmentationPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The preview's summary, or why there is none. */
    public ReadOnlyStringProperty previewNoteProperty() {
        return previewNote.getReadOnlyProperty();
    }
}
