package org.layerlab.ui.canvas;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Problem;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.edit.AutoLayout;
import org.layerlab.core.graph.edit.EditResult;
import org.layerlab.core.graph.edit.GraphChange;
import org.layerlab.core.graph.edit.GraphEditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canvas's state for the views: the {@link GraphEditor} (graph, selection, history), the data the network is
 * fed with, and what shape inference says about the graph — worked out again after every edit that can change it
 * (not after a mere move). User intents go through here so that a refused edit leaves its reason in
 * {@link #messageProperty()}, and so that nothing is edited while the network trains.
 *
 * <p>Use on the FX thread only.
 */
public final class CanvasViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(CanvasViewModel.class);
    /** Room between boxes for a connection and its shape label, in canvas units. */
    static final double MIN_GAP = 40;

    /** Works out shapes, parameter counts and problems; the app uses {@link ShapeInference#analyse}. */
    @FunctionalInterface
    public interface Analyser {
        GraphAnalysis analyse(NetworkGraph graph, DataSignature data);
    }

    private final GraphEditor editor;
    private final Analyser analyser;
    private final Supplier<List<Template>> templates;

    private final ReadOnlyObjectWrapper<NetworkGraph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final ObjectProperty<DataSignature> data = new SimpleObjectProperty<>(this, "data");
    private final ReadOnlyObjectWrapper<GraphAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyStringWrapper analysisNote = new ReadOnlyStringWrapper(this, "analysisNote", "");
    private final ReadOnlyStringWrapper totalsText = new ReadOnlyStringWrapper(this, "totalsText", "");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    /** One read-only view, kept: its listeners hang on it, and a fresh view per call could be collected. */
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<Set<NodeId>> selection =
            new ReadOnlyObjectWrapper<>(this, "selection", Set.of());
    private final ReadOnlyObjectWrapper<Edge> selectedEdge = new ReadOnlyObjectWrapper<>(this, "selectedEdge");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");
    /** Bumped when the view should fit the whole network in sight (a new network or a template). */
    private final ReadOnlyIntegerWrapper fitRequests = new ReadOnlyIntegerWrapper(this, "fitRequests");

    public CanvasViewModel(NetworkGraph initial, Analyser analyser, Supplier<List<Template>> templates) {
        this.editor = new GraphEditor(tidy(initial));
        this.analyser = Objects.requireNonNull(analyser, "analyser");
        this.templates = Objects.requireNonNull(templates, "templates");
        graph.set(editor.graph());
        editor.addListener(new GraphEditor.Listener() {
            @Override
            public void graphChanged(GraphChange change) {
                onGraphChanged(change);
            }

            @Override
            public void selectionChanged(Set<NodeId> chosen) {
                selection.set(chosen);
                if (!chosen.isEmpty()) {
                    selectedEdge.set(null);
                }
            }

            @Override
            public void historyChanged() {
                refreshHistory();
            }
        });
        data.addListener((obs, old, signature) -> reanalyse());
        reanalyse();
        refreshHistory();
    }

    /** The canvas of the app: shapes from {@link ShapeInference}. */
    public static CanvasViewModel forApp(NetworkGraph initial, Supplier<List<Template>> templates) {
        return new CanvasViewModel(initial, ShapeInference::analyse, templates);
    }

    public GraphEditor editor() {
        return editor;
    }

    // ---------------------------------------------------------------- user intents

    public Optional<NodeId> addNode(LayerKind kind, double x, double y) {
        if (refuseWhileLocked()) {
            return Optional.empty();
        }
        clearMessage();
        return Optional.of(editor.addNode(kind, x, y));
    }

    public void connect(NodeId from, NodeId to) {
        if (!refuseWhileLocked()) {
            report(editor.connect(from, to));
        }
    }

    public void disconnect(Edge edge) {
        if (!refuseWhileLocked()) {
            report(editor.disconnect(edge));
            if (selectedEdge.get() != null && selectedEdge.get().equals(edge)) {
                selectedEdge.set(null);
            }
        }
    }

    /** Deletes the selected connection if one is selected, else the selected layers. */
    public void deleteSelection() {
        if (refuseWhileLocked()) {
            return;
        }
        if (selectedEdge.get() != null) {
            disconnect(selectedEdge.get());
        } else {
            report(editor.deleteSelection());
        }
    }

    public void beginMove(Set<NodeId> ids) {
        if (!locked.get()) {
            editor.beginMove(ids);
        }
    }

    public void updateMove(double dx, double dy) {
        editor.updateMove(dx, dy);
    }

    public void endMove() {
        editor.endMove();
    }

    public void cancelMove() {
        editor.cancelMove();
    }

    public void moveSelection(double dx, double dy) {
        if (!refuseWhileLocked()) {
            report(editor.moveBy(editor.selection(), dx, dy));
        }
    }

    /** Changes a setting of a layer; returns the reason when the value is refused (and then nothing changes). */
    public Optional<String> changeSpec(NodeId id, UnaryOperator<LayerSpec> change) {
        if (refuseWhileLocked()) {
            return Optional.of(message.get());
        }
        EditResult result = editor.changeSpec(id, change);
        report(result);
        return result.isRefused() ? Optional.of(result.message()) : Optional.empty();
    }

    public Optional<String> rename(NodeId id, String name) {
        if (refuseWhileLocked()) {
            return Optional.of(message.get());
        }
        EditResult result = editor.rename(id, name);
        report(result);
        return result.isRefused() ? Optional.of(result.message()) : Optional.empty();
    }

    public void copySelection() {
        EditResult result = editor.copySelection();
        if (result.isRefused()) {
            report(result);
        } else {
            message.set(result.message() + ". Paste with Ctrl+V.");
        }
    }

    public void paste() {
        if (!refuseWhileLocked()) {
            report(editor.paste());
        }
    }

    /** Takes back the last edit; the message then says what was undone. */
    public void undo() {
        if (!refuseWhileLocked()) {
            editor.undo();
        }
    }

    public void redo() {
        if (!refuseWhileLocked()) {
            editor.redo();
        }
    }

    public void autoLayout() {
        if (!refuseWhileLocked()) {
            report(editor.autoLayout());
            fitRequests.set(fitRequests.get() + 1);
        }
    }

    /**
     * Applies a problem's one-click fix as one undo step. A fix that adds a layer makes room for it by moving the
     * layers after it one step; when that leaves boxes touching on this canvas, the network is laid out again in
     * the same step.
     */
    public void applyFix(Problem problem) {
        if (refuseWhileLocked() || problem.fix().isEmpty()) {
            return;
        }
        NetworkGraph current = editor.graph();
        NetworkGraph fixed;
        try {
            fixed = problem.fix().get().applyTo(current);
        } catch (RuntimeException unfit) {
            report(editor.applyFix(problem.fix().get())); // says why, in the editor's words
            return;
        }
        if (!cramped(current) && cramped(fixed)) {
            fixed = AutoLayout.layOut(fixed);
        }
        report(editor.replaceWith(fixed, problem.fix().get().label()));
    }

    /** The templates the menu offers (empty when none are available). */
    public List<Template> templates() {
        return templates.get();
    }

    /** Replaces the network with {@code template} built for the loaded data (one undo step). */
    public void useTemplate(Template template) {
        if (refuseWhileLocked()) {
            return;
        }
        DataSignature signature = data.get();
        if (signature == null) {
            message.set("Open data first: a template fits its input and output to the data.");
            return;
        }
        NetworkGraph built;
        try {
            built = template.buildFor(signature);
        } catch (IllegalArgumentException unfit) {
            message.set("The " + template.name() + " template does not fit this data: " + unfit.getMessage());
            return;
        }
        report(editor.replaceWith(tidy(built), "Use the " + template.name() + " template"));
        fitRequests.set(fitRequests.get() + 1);
    }

    public void select(Set<NodeId> ids) {
        editor.select(ids);
        if (!ids.isEmpty()) {
            selectedEdge.set(null);
        }
    }

    public void toggleSelected(NodeId id) {
        editor.toggleSelected(id);
    }

    public void selectAll() {
        editor.selectAll();
    }

    public void selectEdge(Edge edge) {
        editor.clearSelection();
        selectedEdge.set(edge);
    }

    public void clearSelection() {
        editor.clearSelection();
        selectedEdge.set(null);
    }

    /** Starts over with {@code replacement} (an opened project): no undo into the previous network. */
    public void reset(NetworkGraph replacement) {
        selectedEdge.set(null);
        editor.reset(tidy(replacement));
        fitRequests.set(fitRequests.get() + 1);
    }

    /**
     * {@code graph} laid out by {@link AutoLayout} when its boxes would touch on the canvas (e.g. a network from a
     * template or an old project file, placed for other box sizes); as it is otherwise.
     */
    static NetworkGraph tidy(NetworkGraph graph) {
        return cramped(graph) ? AutoLayout.layOut(graph) : graph;
    }

    /** True when two boxes would touch, or leave too little room between them for a connection and its label. */
    static boolean cramped(NetworkGraph graph) {
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Node a = nodes.get(i);
                Node b = nodes.get(j);
                if (Math.abs(a.x() - b.x()) < NodeView.WIDTH + MIN_GAP
                        && Math.abs(a.y() - b.y()) < NodeView.HEIGHT + 8) {
                    return true;
                }
            }
        }
        return false;
    }

    public void clearMessage() {
        message.set("");
    }

    /** Shows {@code text} where refused edits are explained (e.g. "Saved a picture to …"). */
    public void say(String text) {
        message.set(text == null ? "" : text);
    }

    // ---------------------------------------------------------------- reactions

    private void onGraphChanged(GraphChange change) {
        graph.set(change.after());
        if (selectedEdge.get() != null && !change.after().edges().contains(selectedEdge.get())) {
            selectedEdge.set(null);
        }
        if (!change.positionsOnly()) {
            reanalyse();
        }
        if (change.cause() == GraphChange.Cause.UNDO || change.cause() == GraphChange.Cause.REDO) {
            message.set((change.cause() == GraphChange.Cause.UNDO ? "Undone: " : "Redone: ") + change.description()
                    + ".");
        }
    }

    private void reanalyse() {
        DataSignature signature = data.get();
        if (signature == null) {
            setAnalysis(null, "Open data to see the shapes flowing through the network.");
            return;
        }
        try {
            setAnalysis(analyser.analyse(editor.graph(), signature), "");
        } catch (UnsupportedOperationException notYet) {
            setAnalysis(null, "Shapes unavailable.");
        } catch (RuntimeException failure) {
            LOG.warn("Shape inference failed", failure);
            setAnalysis(null, "Shapes could not be worked out: " + failure.getMessage());
        }
    }

    private void setAnalysis(GraphAnalysis result, String note) {
        analysis.set(result);
        analysisNote.set(note);
        problems.setAll(result == null ? List.of() : result.problems());
        totalsText.set(result == null ? note : totals(result));
    }

    /** "Parameters: 12,345 · Memory to train: ~3 MB". */
    static String totals(GraphAnalysis result) {
        return String.format(Locale.ROOT, "Parameters: %,d · Memory to train: %s", result.totalParameters(),
                approximateBytes(result.memoryEstimateBytes()));
    }

    /** "~3 MB", "~1.2 GB", "~40 KB". */
    static String approximateBytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return "~" + Math.max(1, Math.round(bytes / 1024.0)) + " KB";
        }
        double mb = bytes / (1024.0 * 1024.0);
        if (mb < 1024) {
            return mb < 10 ? String.format(Locale.ROOT, "~%.1f MB", mb) : "~" + Math.round(mb) + " MB";
        }
        return String.format(Locale.ROOT, "~%.1f GB", mb / 1024);
    }

    private void refreshHistory() {
        canUndo.set(editor.canUndo());
        canRedo.set(editor.canRedo());
        undoText.set(editor.undoDescription().map(d -> "Undo: " + d).orElse("Nothing to undo"));
        redoText.set(editor.redoDescription().map(d -> "Redo: " + d).orElse("Nothing to redo"));
    }

    private void report(EditResult result) {
        if (result.isRefused()) {
            message.set(result.message());
        } else if (result.isApplied()) {
            message.set("");
        }
    }

    private boolean refuseWhileLocked() {
        if (locked.get()) {
            message.set("The network cannot change while it trains. Stop the training first (Train step).");
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<NetworkGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    public NetworkGraph getGraph() {
        return graph.get();
    }

    /** The data the network is fed with; null until data is loaded (then shapes cannot be known). */
    public ObjectProperty<DataSignature> dataProperty() {
        return data;
    }

    /** The latest analysis, or null when there is none (no data, or inference failed: see the note). */
    public ReadOnlyObjectProperty<GraphAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public GraphAnalysis getAnalysis() {
        return analysis.get();
    }

    public ReadOnlyStringProperty analysisNoteProperty() {
        return analysisNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalsTextProperty() {
        return totalsText.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return problemsView;
    }

    public ReadOnlyObjectProperty<Set<NodeId>> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Optional<Node> selectedNode() {
        return editor.selectedNode();
    }

    public ReadOnlyObjectProperty<Edge> selectedEdgeProperty() {
        return selectedEdge.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** The reason the last edit was refused, or what just happened; empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while the network trains: edits are refused, looking around is not. */
    public BooleanProperty lockedProperty() {
        return locked;
    }

    public ReadOnlyIntegerProperty fitRequestsProperty() {
        return fitRequests.getReadOnlyProperty();
    }
}
