package org.layerlab.ui.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.Problem;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.edit.AutoLayout;

/** The canvas's state without a window: analysis after edits, messages, the lock while training. */
class CanvasViewModelTest {
    private static final NodeId DENSE_1 = new NodeId("dense_1");

    private int analyses;
    private final CanvasViewModel.Analyser counting = (graph, data) -> {
        analyses++;
        return ShapeInference.analyse(graph, data);
    };

    @Test
    void worksOutShapesAfterEditsThatCanChangeThemButNotAfterMoves() {
        CanvasViewModel model = new CanvasViewModel(NetworkGraph.defaultGraph(), counting, List::of);
        assertThat(model.getAnalysis()).isNull();
        assertThat(model.totalsTextProperty().get()).isEqualTo("Open data to see the shapes flowing through the "
                + "network.");

        model.dataProperty().set(DataSignature.table(4, 3));
        int afterData = analyses;
        assertThat(model.totalsTextProperty().get()).isEqualTo("Parameters: 2,499 · Memory to train: ~65 KB");

        model.editor().moveBy(List.of(DENSE_1), 10, 10);
        model.beginMove(Set.of(DENSE_1));
        model.updateMove(30, 0);
        model.endMove();
        assertThat(analyses).isEqualTo(afterData);

        model.changeSpec(DENSE_1, spec -> new DenseSpec(8, Activation.RELU));
        assertThat(analyses).isEqualTo(afterData + 1);
        assertThat(model.getAnalysis().parametersOf(DENSE_1)).isEqualTo(4 * 8 + 8);
    }

    @Test
    void saysShapesAreUnavailableWhenInferenceIsNotThere() {
        CanvasViewModel model = new CanvasViewModel(NetworkGraph.defaultGraph(), (graph, data) -> {
            throw new UnsupportedOperationException("later");
        }, List::of);
        model.dataProperty().set(DataSignature.table(4, 3));
        assertThat(model.getAnalysis()).isNull();
        assertThat(model.analysisNoteProperty().get()).isEqualTo("Shapes unavailable.");
        assertThat(model.problems()).isEmpty();
    }

    @Test
    void aRefusedEditLeavesItsReasonAndAnAppliedOneClearsIt() {
        CanvasViewModel model = new CanvasViewModel(NetworkGraph.defaultGraph(), counting, List::of);
        model.connect(DENSE_1, DENSE_1);
        assertThat(model.messageProperty().get()).contains("cannot feed itself");
        model.changeSpec(DENSE_1, spec -> new DenseSpec(8, Activation.RELU));
        assertThat(model.messageProperty().get()).isEmpty();
        model.undo();
        assertThat(model.messageProperty().get()).isEqualTo("Undone: Change dense_1.");
        assertThat(model.undoTextProperty().get()).isEqualTo("Nothing to undo");
        assertThat(model.redoTextProperty().get()).isEqualTo("Redo: Change dense_1");
    }

    @Test
    void nothingChangesWhileTheNetworkTrains() {
        CanvasViewModel model = new CanvasViewModel(NetworkGraph.defaultGraph(), counting, List::of);
        NetworkGraph before = model.getGraph();
        model.lockedProperty().set(true);

        assertThat(model.addNode(LayerKind.DENSE, 0, 0)).isEmpty();
        assertThat(model.changeSpec(DENSE_1, spec -> new DenseSpec(8, Activation.RELU))).isPresent();
        model.select(Set.of(DENSE_1));
        model.deleteSelection();
        model.autoLayout();

        assertThat(model.getGraph()).isEqualTo(before);
        assertThat(model.messageProperty().get()).contains("cannot change while it trains");
    }

    @Test
    void aTemplateNeedsDataAndIsOneUndoStepLaidOutForTheCanvas() {
        Template tiny = new Template("tiny", "Tiny", "One hidden layer",
                data -> NetworkGraph.mlp(List.of(data.classes() * 2), Activation.RELU));
        CanvasViewModel model = new CanvasViewModel(NetworkGraph.defaultGraph(), counting, () -> List.of(tiny));
        NetworkGraph before = model.getGraph();

        model.useTemplate(tiny);
        assertThat(model.messageProperty().get()).startsWith("Open data first");

        model.dataProperty().set(DataSignature.table(4, 3));
        int fits = model.fitRequestsProperty().get();
        model.useTemplate(tiny);
        assertThat(((DenseSpec) model.getGraph().node(DENSE_1).spec()).units()).isEqualTo(6);
        // chain() spaces layers for smaller boxes: the canvas lays them out again so that they do not touch
        assertThat(model.getGraph().node(DENSE_1).x()).isEqualTo(AutoLayout.STEP_X);
        assertThat(model.fitRequestsProperty().get()).isEqualTo(fits + 1);
        model.undo();
        assertThat(model.getGraph()).isEqualTo(before);
    }

    @Test
    void keepsPositionsThatAlreadyLeaveRoom() {
        NetworkGraph spaced = NetworkGraph.defaultGraph();
        spaced = new NetworkGraph(spaced.nodes().stream().map(n -> n.at(n.x() * 2, n.y())).toList(), spaced.edges());
        assertThat(CanvasViewModel.tidy(spaced)).isSameAs(spaced);
        NetworkGraph cramped = NetworkGraph.defaultGraph();
        assertThat(CanvasViewModel.tidy(cramped).nodes()).extracting(Node::x)
                .containsExactly(0.0, AutoLayout.STEP_X, 2 * AutoLayout.STEP_X, 3 * AutoLayout.STEP_X);
    }

    @Test
    void writesTotalsAndMemoryInPlainUnits() {
        GraphAnalysis analysis = new GraphAnalysis(Map.of(), Map.of(), List.of(), 12_345, 3 * 1024 * 1024 + 5);
        assertThat(CanvasViewModel.totals(analysis)).isEqualTo("Parameters: 12,345 · Memory to train: ~3.0 MB");
        assertThat(CanvasViewModel.approximateBytes(40 * 1024)).isEqualTo("~40 KB");
        assertThat(CanvasViewModel.approximateBytes(250L * 1024 * 1024)).isEqualTo("~250 MB");
        assertThat(CanvasViewModel.approximateBytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("~1.5 GB");
    }

    @Test
    void selectingAConnectionDeselectsLayersAndDeleteRemovesIt() {
        CanvasViewModel model = new CanvasViewModel(NetworkGraph.defaultGraph(), counting, List::of);
        model.select(Set.of(DENSE_1));
        Edge edge = model.getGraph().edges().get(0);
        model.selectEdge(edge);
        assertThat(model.selectionProperty().get()).isEmpty();
        model.deleteSelection();
        assertThat(model.getGraph().edges()).doesNotContain(edge);
        assertThat(model.selectedEdgeProperty().get()).isNull();
        assertThat(model.getGraph().nodes()).hasSize(4);
    }

    @Test
    void aFixThatInsertsALayerKeepsTheBoxesApartInOneUndoStep() {
        // Input (64 values) → Convolution → Dense → Output: the Dense needs the image flattened.
        NetworkGraph graph = CanvasViewModel.tidy(NetworkGraph.chain(List.of(
                new ConvolutionSpec(4, 3, Padding.SAME,
                        Activation.RELU), new DenseSpec(8, Activation.RELU))).withSpec(new NodeId("input_1"),
                new InputSpec(new TensorShape.Image(1, 8, 8))));
        CanvasViewModel model = new CanvasViewModel(graph, counting, List::of);
        model.dataProperty().set(DataSignature.table(64, 3));
        Problem flatten = model.problems().stream().filter(p -> p.fix().isPresent())
                .findFirst().orElseThrow();
        assertThat(flatten.fix().get().label()).isEqualTo("Insert Flatten");

        model.applyFix(flatten);

        assertThat(model.getAnalysis().trainable()).isTrue();
        assertThat(CanvasViewModel.cramped(model.getGraph())).isFalse();
        assertThat(model.undoTextProperty().get()).isEqualTo("Undo: Insert Flatten");
        model.undo();
        assertThat(model.getGraph()).isEqualTo(graph);
    }
}
