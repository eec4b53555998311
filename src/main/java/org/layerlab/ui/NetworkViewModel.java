package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkSpec;

/**
 * The Network step as a form: an editable list of hidden Dense layers. The form is only one way to edit a
 * {@link NetworkSpec} (a canvas will be another), so the spec in the shared project stays the truth: every edit
 * produces a new spec, and a spec that arrives from elsewhere (an opened project) rebuilds the rows.
 */
public final class NetworkViewModel {
    /** Units given to a newly added layer when there is no layer to copy. */
    static final int NEW_LAYER_UNITS = 16;

    private final ProjectViewModel shared;
    private final ObservableList<LayerRow> layers =
            FXCollections.observableArrayList(row -> new Observable[] {row.unitsProperty(), row.activationProperty()});
    private final ReadOnlyStringWrapper shapeText = new ReadOnlyStringWrapper(this, "shapeText", "");
    private final ReadOnlyStringWrapper parameterText = new ReadOnlyStringWrapper(this, "parameterText", "");
    private final ReadOnlyStringWrapper outputText = new ReadOnlyStringWrapper(this, "outputText", "");
    private final ReadOnlyStringWrapper inputText = new ReadOnlyStringWrapper(this, "inputText", "");
    private boolean syncing;

    public NetworkViewModel(ProjectViewModel shared) {
        this.shared = shared;
        layers.addListener((javafx.collections.ListChangeListener<LayerRow>) change -> {
            if (!syncing) {
                shared.networkProperty().set(currentSpec());
            }
        });
        shared.networkProperty().addListener((obs, old, spec) -> {
            if (!spec.equals(currentSpec())) {
                rebuildRows(spec);
            }
            refreshTexts();
        });
        shared.experimentProperty().addListener((obs, old, experiment) -> refreshTexts());
        rebuildRows(shared.networkProperty().get());
        refreshTexts();
    }

    // ---------------------------------------------------------------- user intents

    /** Adds a hidden layer after the last one, as wide as the last one (or {@value #NEW_LAYER_UNITS} units). */
    public void addLayer() {
        int units = layers.isEmpty() ? NEW_LAYER_UNITS : layers.get(layers.size() - 1).unitsProperty().get();
        Activation activation = layers.isEmpty() ? Activation.RELU
                : layers.get(layers.size() - 1).activationProperty().get();
        layers.add(new LayerRow(units, activation));
    }

    public void removeLayer(LayerRow row) {
        layers.remove(row);
    }

    // ---------------------------------------------------------------- reactions

    /** The spec the rows describe. */
    public NetworkSpec currentSpec() {
        List<DenseSpec> specs = new ArrayList<>(layers.size());
        for (LayerRow row : layers) {
            specs.add(new DenseSpec(row.unitsProperty().get(), row.activationProperty().get()));
        }
        return new NetworkSpec(specs);
    }

    private void rebuildRows(NetworkSpec spec) {
        syncing = true;
        try {
            List<LayerRow> rows = new ArrayList<>();
            for (DenseSpec layer : spec.hiddenLayers()) {
                rows.add(new LayerRow(layer.units(), layer.activation()));
            }
            layers.setAll(rows);
        } finally {
            syncing = false;
        }
    }

    private void refreshTexts() {
        NetworkSpec spec = shared.networkProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        StringBuilder shape = new StringBuilder();
        if (experiment == null) {
            shape.append("inputs");
            for (DenseSpec layer : spec.hiddenLayers()) {
                shape.append(" → ").append(layer.units());
            }
            shapeText.set(shape.append(" → classes").toString());
            parameterText.set("Parameters: open data to count them");
            inputText.set("One input per feature (open data to see how many)");
            outputText.set("One unit per class, softmax: the network's answer is the most probable class");
            return;
        }
        int inputs = experiment.data().inputCount();
        int classes = experiment.data().classCount();
        shape.append(inputs).append(inputs == 1 ? " input" : " inputs");
        for (DenseSpec layer : spec.hiddenLayers()) {
            shape.append(" → ").append(layer.units());
        }
        shapeText.set(shape.append(" → ").append(classes).append(" classes").toString());
        parameterText.set(String.format("Parameters: %,d", spec.parameterCount(inputs, classes)));
        inputText.set(inputs + (inputs == 1 ? " input" : " inputs") + ", one per feature value");
        outputText.set(classes + " units, one per class of '" + experiment.project().labelColumn()
                + "', softmax: the answer is the most probable class");
    }

    /** One hidden layer in the form. */
    public static final class LayerRow {
        private final ObjectProperty<Integer> units;
        private final ObjectProperty<Activation> activation;

        public LayerRow(int units, Activation activation) {
            // A half-typed spinner can offer "no value" or 0: such values are refused, the last good one stays.
            this.units = new SimpleObjectProperty<>(this, "units", units) {
                @Override
                public void set(Integer value) {
                    if (value != null && value >= 1 && value <= DenseSpec.MAX_UNITS) {
                        super.set(value);
                    }
                }
            };
            this.activation = new SimpleObjectProperty<>(this, "activation", activation) {
                @Override
                public void set(Activation value) {
                    if (value != null) {
                        super.set(value);
                    }
                }
            };
        }

        public ObjectProperty<Integer> unitsProperty() {
            return units;
        }

        public ObjectProperty<Activation> activationProperty() {
            return activation;
        }
    }

    public ObservableList<LayerRow> layers() {
        return layers;
    }

    public ReadOnlyStringProperty shapeTextProperty() {
        return shapeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parameterTextProperty() {
        return parameterText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inputTextProperty() {
        return inputText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputTextProperty() {
        return outputText.getReadOnlyProperty();
    }

    public ProjectViewModel shared() {
        return shared;
    }
}
