package org.layerlab.core.graph.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.Fix;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Padding;

class GraphEditorTest {
    private static final NodeId INPUT = new NodeId("input_1");
    private static final NodeId DENSE_1 = new NodeId("dense_1");
    private static final NodeId DENSE_2 = new NodeId("dense_2");
    private static final NodeId OUTPUT = new NodeId("output_1");

    /** input_1 → dense_1 (64) → dense_2 (32) → output_1, 180 units apart. */
    private static NetworkGraph start() {
        return NetworkGraph.defaultGraph();
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                edit("add a Dense layer", e -> e.addNode(LayerKind.DENSE, 10, 20) != null),
                edit("connect", e -> e.connect(INPUT, DENSE_2).isApplied()),
                edit("disconnect", e -> e.disconnect(new Edge(DENSE_1, DENSE_2)).isApplied()),
                edit("delete two layers", e -> e.delete(List.of(DENSE_1, DENSE_2)).isApplied()),
                edit("move two layers", e -> e.moveBy(List.of(DENSE_1, OUTPUT), 15, -40).isApplied()),
                edit("drag a layer", e -> {
                    e.beginMove(List.of(DENSE_1));
                    e.updateMove(5, 5);
                    e.updateMove(50, 70);
                    return e.endMove().isApplied();
                }),
                edit("set units", e -> e.changeSpec(DENSE_1, s -> new DenseSpec(10, Activation.TANH)).isApplied()),
                edit("rename", e -> e.rename(DENSE_2, "narrow").isApplied()),
                edit("paste", e -> {
                    e.copy(List.of(DENSE_1, DENSE_2));
                    return e.paste().isApplied();
                }),
                edit("use another network", e -> e.replaceWith(NetworkGraph.mlp(List.of(5), Activation.ELU),
                        "Use template").isApplied()),
                edit("apply a fix", e -> e.applyFix(new Fix("Set 8 units",
                        g -> g.withSpec(DENSE_2, new DenseSpec(8, Activation.RELU)))).isApplied()),
                edit("tidy up", e -> e.moveBy(List.of(DENSE_1), 0, 300).isApplied() & e.autoLayout().isApplied()));
    }

    private static Arguments edit(String name, Function<GraphEditor, Boolean> edit) {
        return Arguments.of(name, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void everyEditIsUndoneAndRedone(String name, Function<GraphEditor, Boolean> edit) {
        GraphEditor editor = new GraphEditor(start());
        assertThat(edit.apply(editor)).as("the edit was applied").isTrue();
        NetworkGraph edited = editor.graph();
        assertThat(edited).isNotEqualTo(start());

        while (editor.canUndo()) {
            editor.undo();
        }
        assertThat(editor.graph()).isEqualTo(start());
        assertThat(editor.canRedo()).isTrue();

        while (editor.canRedo()) {
            editor.redo();
        }
        assertThat(editor.graph()).isEqualTo(edited);
    }

    @Test
    void aDragIsOneUndoStepHoweverManyUpdatesItHas() {
        GraphEditor editor = new GraphEditor(start());
        List<GraphChange> changes = new ArrayList<>();
        editor.addListener(changes::add);

        editor.beginMove(List.of(DENSE_1, DENSE_2));
        for (int i = 1; i <= 30; i++) {
            editor.updateMove(i, 2 * i);
        }
        editor.endMove();

        assertThat(changes).hasSize(30).allMatch(c -> c.cause() == GraphChange.Cause.GESTURE)
                .allMatch(GraphChange::positionsOnly);
        assertThat(editor.graph().node(DENSE_1).x()).isEqualTo(180 + 30);
        assertThat(editor.graph().node(DENSE_2).y()).isEqualTo(60);
        assertThat(editor.undoDescription()).contains("Move 2 layers");
        editor.undo();
        assertThat(editor.graph()).isEqualTo(start());
        assertThat(editor.canUndo()).isFalse();
    }

    @Test
    void anEditDuringADragEndsTheDragFirst() {
        GraphEditor editor = new GraphEditor(start());
        editor.beginMove(List.of(DENSE_1));
        editor.updateMove(0, 40);
        editor.rename(DENSE_1, "wide");

        assertThat(editor.isMoving()).isFalse();
        editor.undo();
        assertThat(editor.graph().node(DENSE_1).name()).isEqualTo("dense_1");
        assertThat(editor.graph().node(DENSE_1).y()).isEqualTo(40);
        editor.undo();
        assertThat(editor.graph()).isEqualTo(start());
    }

    @Test
    void aCancelledOrMotionlessDragLeavesNoUndoStep() {
        GraphEditor editor = new GraphEditor(start());
        editor.beginMove(List.of(DENSE_1));
        editor.updateMove(10, 10);
        editor.cancelMove();
        editor.beginMove(List.of(DENSE_1));
        editor.endMove();

        assertThat(editor.graph()).isEqualTo(start());
        assertThat(editor.canUndo()).isFalse();
    }

    @Test
    void pasteGivesFreshIdsAndNamesKeepsInnerConnectionsAndOffsetsEachPaste() {
        GraphEditor editor = new GraphEditor(start());
        editor.select(List.of(DENSE_1, DENSE_2));
        editor.copySelection();

        editor.paste();
        NetworkGraph once = editor.graph();
        editor.paste();

        NetworkGraph graph = editor.graph();
        assertThat(graph.nodes()).extracting(n -> n.id().value())
                .containsExactly("input_1", "dense_1", "dense_2", "output_1", "dense_3", "dense_4", "dense_5",
                        "dense_6");
        assertThat(graph.edges()).contains(new Edge(new NodeId("dense_3"), new NodeId("dense_4")),
                new Edge(new NodeId("dense_5"), new NodeId("dense_6")));
        assertThat(graph.edges()).hasSize(3 + 2);
        assertThat(graph.node(new NodeId("dense_3")).spec()).isEqualTo(graph.node(DENSE_1).spec());
        assertThat(graph.node(new NodeId("dense_3")).x()).isEqualTo(180 + GraphEditor.PASTE_OFFSET);
        assertThat(graph.node(new NodeId("dense_5")).x()).isEqualTo(180 + 2 * GraphEditor.PASTE_OFFSET);
        assertThat(editor.selection()).containsExactly(new NodeId("dense_5"), new NodeId("dense_6"));

        editor.undo();
        assertThat(editor.graph()).isEqualTo(once);
        assertThat(editor.selection()).isEmpty();
    }

    @Test
    void pasteAvoidsNamesTheUserGave() {
        GraphEditor editor = new GraphEditor(start());
        editor.rename(OUTPUT, "dense_3");
        editor.copy(List.of(DENSE_1));
        editor.paste();
        assertThat(editor.selection()).containsExactly(new NodeId("dense_4"));
    }

    @Test
    void anInvalidSettingIsRefusedWithTheSpecsMessageAndChangesNothing() {
        GraphEditor editor = new GraphEditor(start());
        List<GraphChange> changes = new ArrayList<>();
        editor.addListener(changes::add);

        EditResult result = editor.changeSpec(DENSE_1, s -> new DenseSpec(0, Activation.RELU));

        assertThat(result.isRefused()).isTrue();
        assertThat(result.message()).contains("between 1 and 100000 units");
        assertThat(editor.graph()).isEqualTo(start());
        assertThat(editor.canUndo()).isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void refusesSelfLoopsDuplicatesAndConnectionsIntoTheInput() {
        GraphEditor editor = new GraphEditor(start());
        assertThat(editor.connect(DENSE_1, DENSE_1).message()).contains("cannot feed itself");
        assertThat(editor.connect(DENSE_1, DENSE_2).message()).isEqualTo("dense_1 already feeds dense_2.");
        assertThat(editor.connect(DENSE_2, INPUT).message()).contains("takes nothing in");
        assertThat(editor.graph()).isEqualTo(start());
        assertThat(editor.canUndo()).isFalse();
    }

    @Test
    void allowsWiringThatValidationWillReport() {
        GraphEditor editor = new GraphEditor(start());
        NodeId conv = editor.addNode(LayerKind.CONVOLUTION, 0, 200);
        // a second input into a Dense, and a cycle: allowed while editing, reported by shape inference
        assertThat(editor.connect(conv, DENSE_2).isApplied()).isTrue();
        assertThat(editor.connect(DENSE_2, DENSE_1).isApplied()).isTrue();
    }

    @Test
    void renameRefusesBlankAndTakenNames() {
        GraphEditor editor = new GraphEditor(start());
        assertThat(editor.rename(DENSE_1, "  ").message()).isEqualTo("A layer needs a name.");
        assertThat(editor.rename(DENSE_1, "dense_2").message()).contains("already called 'dense_2'");
        assertThat(editor.rename(DENSE_1, " hidden ").isApplied()).isTrue();
        assertThat(editor.graph().node(DENSE_1).name()).isEqualTo("hidden");
    }

    @Test
    void addSelectsTheNewNodeWithAFreeNameAndDefaults() {
        GraphEditor editor = new GraphEditor(start());
        NodeId added = editor.addNode(LayerKind.DENSE, 40, 50);
        Node node = editor.graph().node(added);
        assertThat(added.value()).isEqualTo("dense_3");
        assertThat(node.spec()).isEqualTo(LayerKind.DENSE.defaultSpec());
        assertThat(node.x()).isEqualTo(40);
        assertThat(editor.selection()).containsExactly(added);
        assertThat(editor.undoDescription()).contains("Add Dense");
    }

    @Test
    void deletingTheSelectionDropsItsConnectionsAndUndoBringsThemBack() {
        GraphEditor editor = new GraphEditor(start());
        editor.select(DENSE_1);
        editor.deleteSelection();
        assertThat(editor.graph().edges()).containsExactly(new Edge(DENSE_2, OUTPUT));
        assertThat(editor.selection()).isEmpty();
        editor.undo();
        assertThat(editor.graph()).isEqualTo(start());
    }

    @Test
    void undoAfterUndoAndANewEditForgetsTheRedo() {
        GraphEditor editor = new GraphEditor(start());
        editor.rename(DENSE_1, "a");
        editor.undo();
        editor.rename(DENSE_1, "b");
        assertThat(editor.canRedo()).isFalse();
    }

    @Test
    void theHistoryKeepsTheLastTwoHundredEdits() {
        GraphEditor editor = new GraphEditor(start());
        for (int i = 0; i < GraphEditor.HISTORY_LIMIT + 50; i++) {
            editor.moveBy(List.of(DENSE_1), 1, 0);
        }
        int undone = 0;
        while (editor.canUndo()) {
            editor.undo();
            undone++;
        }
        assertThat(undone).isEqualTo(GraphEditor.HISTORY_LIMIT);
        assertThat(editor.graph().node(DENSE_1).x()).isEqualTo(180 + 50);
    }

    @Test
    void resetClearsHistoryAndSelectionAndTellsListeners() {
        GraphEditor editor = new GraphEditor(start());
        editor.rename(DENSE_1, "a");
        editor.select(DENSE_1);
        List<GraphChange> changes = new ArrayList<>();
        editor.addListener(changes::add);

        editor.reset(NetworkGraph.mlp(List.of(3), Activation.RELU));

        assertThat(editor.canUndo()).isFalse();
        assertThat(editor.selection()).isEmpty();
        assertThat(changes).singleElement().extracting(GraphChange::cause).isEqualTo(GraphChange.Cause.RESET);
    }

    @Test
    void aFixThatInsertsALayerIsOneUndoStep() {
        NetworkGraph conv = NetworkGraph.chain(List.of(new ConvolutionSpec(4, 3, Padding.SAME, Activation.RELU),
                new DenseSpec(10, Activation.RELU)));
        GraphEditor editor = new GraphEditor(conv);
        Edge edge = new Edge(new NodeId("convolution_1"), DENSE_1);
        editor.applyFix(new Fix("Insert Flatten", g -> g.withInserted(
                new Node(new NodeId(g.freeName(LayerKind.FLATTEN)), null, new FlattenSpec(), 0, 0), edge)));
        assertThat(editor.graph().inputsOf(DENSE_1)).containsExactly(new NodeId("flatten_1"));
        assertThat(editor.undoDescription()).contains("Insert Flatten");
        editor.undo();
        assertThat(editor.graph()).isEqualTo(conv);
    }

    @Test
    void aFixThatNoLongerFitsIsRefused() {
        GraphEditor editor = new GraphEditor(start());
        EditResult result = editor.applyFix(new Fix("Set units", g -> g.withSpec(new NodeId("gone"),
                new DenseSpec(1, Activation.RELU))));
        assertThat(result.isRefused()).isTrue();
        assertThat(editor.graph()).isEqualTo(start());
    }

    @Test
    void listenersHearEditsUndoAndHistory() {
        GraphEditor editor = new GraphEditor(start());
        List<String> heard = new ArrayList<>();
        editor.addListener(new GraphEditor.Listener() {
            @Override
            public void graphChanged(GraphChange change) {
                heard.add(change.cause() + " " + change.description() + (change.positionsOnly() ? " (moved)" : ""));
            }

            @Override
            public void selectionChanged(Set<NodeId> selection) {
                heard.add("selected " + selection);
            }

            @Override
            public void historyChanged() {
                heard.add("history " + editor.canUndo() + "/" + editor.canRedo());
            }
        });
        editor.addNode(LayerKind.DROPOUT, 0, 0);
        editor.moveBy(List.of(DENSE_1), 1, 1);
        editor.undo();
        assertThat(heard).containsExactly(
                "EDIT Add Dropout", "history true/false", "selected [dropout_1]",
                "EDIT Move dense_1 (moved)", "history true/false",
                "UNDO Move dense_1 (moved)", "history true/true");
    }
}
