package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.ui.NetworkViewModel.LayerRow;

/** The Network step: a form with one row per hidden layer, and a live picture and size of the network. */
public final class NetworkController {
    private final NetworkViewModel model;
    /** The row controls for each layer row, so that a change of one row does not rebuild the others. */
    private final List<RowView> rowViews = new ArrayList<>();

    @FXML private VBox layersBox;
    @FXML private Button addLayerButton;
    @FXML private Label shapeLabel;
    @FXML private Label parameterLabel;
    @FXML private Label inputLabel;
    @FXML private Label outputLabel;
    @FXML private HBox networkDiagram;
    @FXML private Node editorPane;
    @FXML private Label lockedHint;

    NetworkController(NetworkViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        shapeLabel.textProperty().bind(model.shapeTextProperty());
        parameterLabel.textProperty().bind(model.parameterTextProperty());
        inputLabel.textProperty().bind(model.inputTextProperty());
        outputLabel.textProperty().bind(model.outputTextProperty());
        editorPane.disableProperty().bind(model.shared().trainingRunningProperty());
        lockedHint.visibleProperty().bind(model.shared().trainingRunningProperty());
        addLayerButton.setTooltip(new Tooltip("Adds a hidden layer after the last one."));
        model.layers().addListener((ListChangeListener<LayerRow>) change -> {
            boolean structural = false;
            while (change.next()) {
                structural |= change.wasAdded() || change.wasRemoved() || change.wasPermutated();
            }
            if (structural) {
                rebuildRows();
            }
        });
        model.shared().networkProperty().addListener((obs, old, spec) -> drawDiagram());
        model.shared().experimentProperty().addListener((obs, old, experiment) -> drawDiagram());
        rebuildRows();
        drawDiagram();
    }

    @FXML
    private void onAddLayer() {
        model.addLayer();
    }

    // ---------------------------------------------------------------- the form

    private void rebuildRows() {
        rowViews.forEach(RowView::unbind);
        rowViews.clear();
        layersBox.getChildren().clear();
        if (model.layers().isEmpty()) {
            Label none = new Label("No hidden layers: the inputs feed the output layer directly (a linear model). "
                    + "Add a layer to let the network learn more complex patterns.");
            none.setWrapText(true);
            none.getStyleClass().add("help-text");
            layersBox.getChildren().add(none);
        }
        for (int i = 0; i < model.layers().size(); i++) {
            RowView view = new RowView(i, model.layers().get(i));
            rowViews.add(view);
            layersBox.getChildren().add(view.box);
        }
    }

    /** The controls of one hidden layer. */
    private final class RowView {
        final HBox box;
        final LayerRow row;
        final Spinner<Integer> units = new Spinner<>();
        final ComboBox<Activation> activation = new ComboBox<>();

        RowView(int index, LayerRow row) {
            this.row = row;
            Label name = new Label("Hidden layer " + (index + 1));
            name.getStyleClass().add("layer-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label kind = new Label("Dense");
            kind.getStyleClass().add("layer-kind");
            kind.setTooltip(new Tooltip("A Dense layer connects every value coming in to every one of its units."));

            SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                    new SpinnerValueFactory.IntegerSpinnerValueFactory(1, DenseSpec.MAX_UNITS, row.unitsProperty().get());
            units.setValueFactory(factory);
            factory.valueProperty().bindBidirectional(row.unitsProperty());
            units.setId("unitsSpinner" + (index + 1));
            units.getStyleClass().add("units-spinner");
            units.setPrefWidth(110);
            units.setTooltip(new Tooltip("Units: how many values this layer computes. More units can learn more, "
                    + "but need more data and time."));
            Spinners.commitOnFocusLost(units);
            Label unitsWord = new Label("units");
            unitsWord.getStyleClass().add("help-text");

            activation.getItems().setAll(Activation.values());
            activation.valueProperty().bindBidirectional(row.activationProperty());
            activation.setId("activationCombo" + (index + 1));
            activation.setPrefWidth(150);
            activation.setCellFactory(list -> new ActivationCell());
            activation.setButtonCell(new ActivationCell());
            activation.setTooltip(new Tooltip());
            activation.getTooltip().textProperty().bind(row.activationProperty().map(
                    a -> "Activation: " + a.label() + ". " + a.explanation()));

            Button remove = new Button("Remove");
            remove.setId("removeLayerButton" + (index + 1));
            remove.getStyleClass().add("subtle-button");
            remove.setOnAction(event -> model.removeLayer(row));
            remove.setTooltip(new Tooltip("Removes this layer."));

            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(10, name, kind, units, unitsWord, activation, spacer, remove);
            box.setAlignment(Pos.CENTER_LEFT);
            box.getStyleClass().add("layer-row");
        }

        void unbind() {
            units.getValueFactory().valueProperty().unbindBidirectional(row.unitsProperty());
            activation.valueProperty().unbindBidirectional(row.activationProperty());
            activation.getTooltip().textProperty().unbind();
        }
    }

    /** Shows each activation with its explanation as a tooltip in the drop-down list. */
    private static final class ActivationCell extends ListCell<Activation> {
        @Override
        protected void updateItem(Activation item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else {
                setText(item.label());
                setTooltip(new Tooltip(item.explanation()));
            }
        }
    }

    // ---------------------------------------------------------------- the picture

    /**
     * Every node in order (each after its inputs) as a block whose height grows with the values it passes on. An
     * interim picture until the canvas replaces this step.
     */
    private void drawDiagram() {
        networkDiagram.getChildren().clear();
        NetworkGraph graph = model.shared().networkProperty().get();
        PreparedExperiment experiment = model.shared().getExperiment();
        GraphAnalysis analysis = experiment == null || experiment.data().inputCount() < 1
                || experiment.data().classCount() < 1 ? null
                : ShapeInference.analyse(graph, experiment.data().signature());
        List<NodeId> order = graph.topologicalOrder()
                .orElseGet(() -> graph.nodes().stream().map(org.layerlab.core.graph.Node::id).toList());
        long max = 1;
        for (NodeId id : order) {
            max = Math.max(max, size(graph, analysis, id));
        }
        boolean first = true;
        for (NodeId id : order) {
            org.layerlab.core.graph.Node node = graph.node(id);
            if (!first) {
                networkDiagram.getChildren().add(arrow());
            }
            first = false;
            String shape = analysis == null ? "?" : analysis.shapeOf(id).map(TensorShape::describe).orElse("?");
            if (analysis == null && node.spec() instanceof DenseSpec dense) {
                shape = Integer.toString(dense.units());
            }
            String style = switch (node.spec().kind()) {
                case INPUT -> "diagram-input";
                case OUTPUT -> "diagram-output";
                default -> "diagram-hidden";
            };
            long size = size(graph, analysis, id);
            networkDiagram.getChildren().add(block(node.spec().kind().label(), shape,
                    caption(node.spec()),
                    size > 0 ? (int) Math.min(Integer.MAX_VALUE, size) : null, (int) Math.min(Integer.MAX_VALUE, max),
                    style));
        }
    }

    /** The short line under a block: the activation where there is one (the blocks are narrow). */
    private static String caption(org.layerlab.core.graph.LayerSpec spec) {
        if (spec instanceof DenseSpec dense) {
            return dense.activation().label();
        }
        if (spec instanceof org.layerlab.core.graph.OutputSpec output) {
            return output.activation().toString();
        }
        return spec instanceof org.layerlab.core.graph.InputSpec ? "" : spec.summary();
    }

    /** The values a node passes on (units for a Dense layer before data is open), or 0 when unknown. */
    private static long size(NetworkGraph graph, GraphAnalysis analysis, NodeId id) {
        if (analysis != null) {
            return analysis.shapeOf(id).map(TensorShape::elementCount).orElse(0L);
        }
        return graph.node(id).spec() instanceof DenseSpec dense ? dense.units() : 0;
    }

    private static Node block(String title, String units, String activation, Integer size, int max, String style) {
        Region bar = new Region();
        bar.getStyleClass().addAll("diagram-bar", style);
        double share = size == null ? 0.3 : Math.log1p(size) / Math.log1p(max);
        double height = 16 + 84 * share;
        bar.setMinHeight(height);
        bar.setPrefHeight(height);
        bar.setMaxHeight(height);
        bar.setPrefWidth(44);
        bar.setMaxWidth(44);
        VBox barBox = new VBox(bar);
        barBox.setAlignment(Pos.CENTER);
        barBox.setMinHeight(104);
        barBox.setPrefHeight(104);
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("diagram-title");
        Label unitsLabel = new Label(units);
        unitsLabel.getStyleClass().add("diagram-units");
        Label activationLabel = new Label(activation.isEmpty() ? " " : activation);
        activationLabel.getStyleClass().add("diagram-activation");
        VBox block = new VBox(4, barBox, titleLabel, unitsLabel, activationLabel);
        block.setAlignment(Pos.TOP_CENTER);
        block.setMinWidth(Region.USE_PREF_SIZE);
        block.setPrefWidth(78);
        return block;
    }

    private static Node arrow() {
        Label arrow = new Label("→");
        arrow.getStyleClass().add("diagram-arrow");
        arrow.setMinHeight(104);
        arrow.setAlignment(Pos.CENTER);
        VBox box = new VBox(arrow);
        box.setAlignment(Pos.TOP_CENTER);
        return box;
    }
}
