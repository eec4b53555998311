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
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.ShapeInference;

/**
 * The Network step as a form: an editable list of hidden Dense layers. The form is only one way to edit a
 * {@link NetworkGraph} (the canvas will be another), so the graph in the shared project stays the truth: every edit
 * produces a new graph, and a graph that arrives from elsewhere (an opened project) rebuilds the rows.
 *
 * <p>The form can show only a plain stack (Input → Dense … → Output). Any other network (a template, a branching
 * network from a project file) is left untouched: the rows are empty, adding is off, and the texts say why.
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
            if (!syncing && isDenseStack(shared.networkProperty().get())) {
                shared.networkProperty().set(currentSpec());
            }
        });
        shared.networkProperty().addListener((obs, old, graph) -> {
            if (!graph.equals(currentSpec())) {
                rebuildRows(graph);
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
        if (!isDenseStack(shared.networkProperty().get())) {
            return;
        }
        int units = layers.isEmpty() ? NEW_LAYER_UNITS : layers.get(layers.size() - 1).unitsProperty().get();
        Activation activation = layers.isEmpty() ? Activation.RELU
                : layers.get(layers.size() - 1).activationProperty().get();
        layers.add(new LayerRow(units, activation));
    }

    public void removeLayer(LayerRow row) {
        layers.remove(row);
    }

    // ---------------------------------------------------------------- reactions

    /**
     * The graph the rows describe: the current stack with its Dense layers replaced by the rows (the Output keeps
     * its settings). When the current network is not a plain stack, it is returned unchanged.
     */
    public NetworkGraph currentSpec() {
        NetworkGraph current = shared.networkProperty().get();
        if (!isDenseStack(current)) {
            return current;
        }
        List<DenseSpec> specs = new ArrayList<>(layers.size());
        for (LayerRow row : layers) {
            specs.add(new DenseSpec(row.unitsProperty().get(), row.activationProperty().get()));
        }
        NetworkGraph rebuilt = NetworkGraph.chain(specs);
        Node output = rebuilt.nodes().get(rebuilt.nodes().size() - 1);
        Node oldOutput = current.nodesOfKind(org.layerlab.core.graph.LayerKind.OUTPUT).get(0);
        return rebuilt.withSpec(output.id(), oldOutput.spec());
    }

    /** Input (as the data comes), Dense layers, Output, in one line: what the form can show and edit. */
    static boolean isDenseStack(NetworkGraph graph) {
        if (!graph.isChain()) {
            return false;
        }
        List<NodeId> order = graph.topologicalOrder().orElseThrow();
        for (int i = 0; i < order.size(); i++) {
            LayerSpec spec = graph.node(order.get(i)).spec();
            boolean fits = i == 0 ? spec instanceof InputSpec input && input.reshape() == null
                    : i == order.size() - 1 ? spec instanceof OutputSpec : spec instanceof DenseSpec;
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    /** The Dense layers of a stack in order (none for another kind of network). */
    static List<DenseSpec> denseLayers(NetworkGraph graph) {
        if (!isDenseStack(graph)) {
            return List.of();
        }
        return graph.topologicalOrder().orElseThrow().stream().map(id -> graph.node(id).spec())
                .filter(DenseSpec.class::isInstance).map(DenseSpec.class::cast).toList();
    }

    private void rebuildRows(NetworkGraph graph) {
        syncing = true;
        try {
            List<LayerRow> rows = new ArrayList<>();
            for (DenseSpec layer : denseLayers(graph)) {
                rows.add(new LayerRow(layer.units(), layer.activation()));
            }
            layers.setAll(rows);
        } finally {
            syncing = false;
        }
    }

    private void refreshTexts() {
        NetworkGraph graph = shared.networkProperty().get();
        PreparedExperiment experiment = shared.getExperiment();
        StringBuilder shape = new StringBuilder();
        if (!isDenseStack(graph)) {
            int count = graph.nodes().size();
            shapeText.set("A network of " + count + " nodes (from a template or the canvas); this form edits plain "
                    + "stacks of Dense layers only.");
            if (experiment == null || experiment.data().inputCount() < 1 || experiment.data().classCount() < 1) {
                parameterText.set("Parameters: open data to count them");
            } else {
                GraphAnalysis analysis = ShapeInference.analyse(graph, experiment.data().signature());
                parameterText.set(String.format("Parameters: %,d", analysis.totalParameters())
                        + analysis.firstError().map(e -> ". " + e).orElse(""));
            }
            inputText.set("");
            outputText.set("");
            return;
        }
        List<DenseSpec> hidden = denseLayers(graph);
        if (experiment == null || experiment.data().inputCount() < 1 || experiment.data().classCount() < 1) {
            shape.append("inputs");
            for (DenseSpec layer : hidden) {
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
        for (DenseSpec layer : hidden) {
            shape.append(" → ").append(layer.units());
        }
        shapeText.set(shape.append(" → ").append(classes).append(" classes").toString());
        parameterText.set(String.format("Parameters: %,d",
                ShapeInference.analyse(graph, experiment.data().signature()).totalParameters()));
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
