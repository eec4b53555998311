package org.layerlab.core.graph.edit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.Fix;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;

/**
 * The network being edited on the canvas, the selection, a clipboard, and undo/redo for every edit.
 *
 * <p>Each edit is a command that replaces the current (immutable) graph with a new one and records the old one, so
 * undo is a swap of snapshots; the history keeps the last {@value #HISTORY_LIMIT} edits. A drag of nodes is a
 * <em>gesture</em>: {@link #beginMove}, any number of {@link #updateMove} (each shown at once), then
 * {@link #endMove}, which records the whole drag as one undo step.
 *
 * <p>Edits that cannot be done (a layer feeding itself, a setting out of range) are refused with a message and
 * change nothing. Edits that make a network that cannot train (a Dense layer straight after a convolution) are
 * allowed: the network may be half-built while the user works, and shape inference reports what is wrong.
 *
 * <p>Not thread-safe: use it from one thread (the UI thread in the app). Listeners are called on that thread.
 */
public final class GraphEditor {
    /** Undo steps kept; older ones are forgotten. */
    public static final int HISTORY_LIMIT = 200;
    /** How far (in canvas units, right and down) each paste is placed from what was copied. */
    public static final double PASTE_OFFSET = 30;

    /** Told about every change of the graph, the selection and the undo history. */
    public interface Listener {
        void graphChanged(GraphChange change);

        default void selectionChanged(Set<NodeId> selection) {
        }

        /** Undo or redo became possible or impossible, or their descriptions changed. */
        default void historyChanged() {
        }
    }

    private record Step(NetworkGraph graph, String description) {
    }

    /** Copied nodes and the connections among them, kept until the next copy. */
    private record Clipboard(List<Node> nodes, List<Edge> edges) {
    }

    private NetworkGraph graph;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private Set<NodeId> selection = Set.of();
    private Clipboard clipboard;
    private int pastes;

    private NetworkGraph gestureStart;
    private Set<NodeId> gestureNodes = Set.of();

    public GraphEditor(NetworkGraph initial) {
        this.graph = Objects.requireNonNull(initial, "initial");
    }

    public NetworkGraph graph() {
        return graph;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- selection

    /** The selected nodes, in the order they were selected. */
    public Set<NodeId> selection() {
        return selection;
    }

    /** The one selected node, if exactly one is selected (what the inspector shows). */
    public Optional<Node> selectedNode() {
        return selection.size() == 1 ? graph.find(selection.iterator().next()) : Optional.empty();
    }

    public void select(Collection<NodeId> ids) {
        Set<NodeId> chosen = new LinkedHashSet<>();
        for (NodeId id : ids) {
            if (graph.find(id).isPresent()) {
                chosen.add(id);
            }
        }
        setSelection(chosen);
    }

    public void select(NodeId id) {
        select(List.of(id));
    }

    /** Adds the node to the selection, or takes it out if it was in (shift-click). */
    public void toggleSelected(NodeId id) {
        Set<NodeId> chosen = new LinkedHashSet<>(selection);
        if (!chosen.remove(id) && graph.find(id).isPresent()) {
            chosen.add(id);
        }
        setSelection(chosen);
    }

    public void selectAll() {
        select(graph.nodes().stream().map(Node::id).toList());
    }

    public void clearSelection() {
        setSelection(Set.of());
    }

    private void setSelection(Set<NodeId> chosen) {
        Set<NodeId> fixed = Collections.unmodifiableSet(new LinkedHashSet<>(chosen));
        if (fixed.equals(selection)) {
            return;
        }
        selection = fixed;
        listeners.forEach(l -> l.selectionChanged(selection));
    }

    /** Drops selected nodes that are no longer in the graph (after delete, undo, a template). */
    private void pruneSelection() {
        if (selection.stream().anyMatch(id -> graph.find(id).isEmpty())) {
            Set<NodeId> kept = new LinkedHashSet<>();
            for (NodeId id : selection) {
                if (graph.find(id).isPresent()) {
                    kept.add(id);
                }
            }
            setSelection(kept);
        }
    }

    // ---------------------------------------------------------------- edits

    /**
     * Places a new node of {@code kind}, with its default settings and a free name such as "dense_3", with its
     * top-left corner at ({@code x}, {@code y}), and selects it.
     */
    public NodeId addNode(LayerKind kind, double x, double y) {
        String name = graph.freeName(kind);
        NodeId id = new NodeId(name);
        commit(graph.withNode(new Node(id, name, kind.defaultSpec(), x, y)), "Add " + kind.label());
        select(id);
        return id;
    }

    /**
     * Connects the output of {@code from} to an input of {@code to}. Refused for a node feeding itself, a connection
     * that is already there, and a connection into an Input (which has no inputs); anything else is allowed and left
     * to validation.
     */
    public EditResult connect(NodeId from, NodeId to) {
        Optional<Node> source = graph.find(from);
        Optional<Node> target = graph.find(to);
        if (source.isEmpty() || target.isEmpty()) {
            return EditResult.refused("That layer is no longer in the network.");
        }
        if (from.equals(to)) {
            return EditResult.refused("A layer cannot feed itself: connect its output to another layer's input.");
        }
        Edge edge = new Edge(from, to);
        if (graph.edges().contains(edge)) {
            return EditResult.refused(source.get().name() + " already feeds " + target.get().name() + ".");
        }
        if (target.get().spec().inputArity() == 0) {
            return EditResult.refused("An " + target.get().spec().kind().label()
                    + " layer takes nothing in: the data enters there.");
        }
        return commit(graph.withEdge(edge), "Connect " + source.get().name() + " to " + target.get().name());
    }

    public EditResult disconnect(Edge edge) {
        if (!graph.edges().contains(edge)) {
            return EditResult.unchanged();
        }
        return commit(graph.withoutEdge(edge), "Disconnect " + nameOf(edge.from()) + " from " + nameOf(edge.to()));
    }

    /** Removes the nodes and every connection to or from them. */
    public EditResult delete(Collection<NodeId> ids) {
        Set<NodeId> doomed = new HashSet<>();
        for (NodeId id : ids) {
            if (graph.find(id).isPresent()) {
                doomed.add(id);
            }
        }
        if (doomed.isEmpty()) {
            return EditResult.unchanged();
        }
        String what = doomed.size() == 1 ? nameOf(doomed.iterator().next()) : doomed.size() + " layers";
        NetworkGraph without = new NetworkGraph(
                graph.nodes().stream().filter(n -> !doomed.contains(n.id())).toList(),
                graph.edges().stream().filter(e -> !doomed.contains(e.from()) && !doomed.contains(e.to())).toList());
        return commit(without, "Delete " + what);
    }

    public EditResult deleteSelection() {
        return delete(selection);
    }

    /** Moves the nodes by ({@code dx}, {@code dy}) canvas units as one undo step. */
    public EditResult moveBy(Collection<NodeId> ids, double dx, double dy) {
        Set<NodeId> moving = present(ids);
        if (moving.isEmpty() || (dx == 0 && dy == 0)) {
            return EditResult.unchanged();
        }
        return commit(moved(graph, moving, dx, dy), moveDescription(moving));
    }

    /** Starts dragging {@code ids}; the graph at this moment is what one undo returns to. */
    public void beginMove(Collection<NodeId> ids) {
        endMove();
        gestureStart = graph;
        gestureNodes = present(ids);
    }

    /**
     * Shows the dragged nodes displaced by ({@code dx}, {@code dy}) from where they were when the gesture began (not
     * from the last update), without recording an undo step.
     */
    public void updateMove(double dx, double dy) {
        if (gestureStart == null || gestureNodes.isEmpty()) {
            return;
        }
        NetworkGraph before = graph;
        graph = moved(gestureStart, gestureNodes, dx, dy);
        fire(new GraphChange(before, graph, moveDescription(gestureNodes), GraphChange.Cause.GESTURE));
    }

    /** Ends a drag: records it as one undo step if anything moved. Does nothing without a drag going on. */
    public EditResult endMove() {
        if (gestureStart == null) {
            return EditResult.unchanged();
        }
        NetworkGraph start = gestureStart;
        gestureStart = null;
        if (start.equals(graph)) {
            return EditResult.unchanged();
        }
        String description = moveDescription(gestureNodes);
        record(start, description);
        listeners.forEach(Listener::historyChanged);
        return EditResult.applied(description);
    }

    /** Ends a drag by putting the nodes back where they were (e.g. on Escape). */
    public void cancelMove() {
        if (gestureStart == null) {
            return;
        }
        NetworkGraph before = graph;
        graph = gestureStart;
        gestureStart = null;
        if (!before.equals(graph)) {
            fire(new GraphChange(before, graph, "Cancel move", GraphChange.Cause.GESTURE));
        }
    }

    public boolean isMoving() {
        return gestureStart != null;
    }

    /** Replaces a node's settings with a spec already built (and so already valid). */
    public EditResult setSpec(NodeId id, LayerSpec spec) {
        Optional<Node> node = graph.find(id);
        if (node.isEmpty()) {
            return EditResult.refused("That layer is no longer in the network.");
        }
        if (node.get().spec().equals(spec)) {
            return EditResult.unchanged();
        }
        return commit(graph.withSpec(id, spec), "Change " + node.get().name());
    }

    /**
     * Changes a node's settings through {@code change}, which builds the new spec (e.g. with the units typed in the
     * inspector). When the spec refuses the value, its message is returned and nothing changes.
     */
    public EditResult changeSpec(NodeId id, UnaryOperator<LayerSpec> change) {
        Optional<Node> node = graph.find(id);
        if (node.isEmpty()) {
            return EditResult.refused("That layer is no longer in the network.");
        }
        LayerSpec changed;
        try {
            changed = change.apply(node.get().spec());
        } catch (IllegalArgumentException refused) {
            return EditResult.refused(refused.getMessage());
        }
        return setSpec(id, changed);
    }

    /** Renames a node; names must be unique (they appear in messages) and not blank. */
    public EditResult rename(NodeId id, String newName) {
        Optional<Node> node = graph.find(id);
        if (node.isEmpty()) {
            return EditResult.refused("That layer is no longer in the network.");
        }
        String name = newName == null ? "" : newName.strip();
        if (name.isEmpty()) {
            return EditResult.refused("A layer needs a name.");
        }
        if (name.equals(node.get().name())) {
            return EditResult.unchanged();
        }
        boolean taken = graph.nodes().stream().anyMatch(n -> !n.id().equals(id)
                && (n.name().equals(name) || n.id().value().equals(name)));
        if (taken) {
            return EditResult.refused("Another layer is already called '" + name + "'.");
        }
        return commit(graph.withReplaced(node.get().named(name)), "Rename " + node.get().name() + " to " + name);
    }

    // ---------------------------------------------------------------- clipboard

    /** Remembers the nodes and the connections among them for {@link #paste}. Not an edit: nothing to undo. */
    public EditResult copy(Collection<NodeId> ids) {
        Set<NodeId> chosen = present(ids);
        if (chosen.isEmpty()) {
            return EditResult.refused("Select the layers to copy first.");
        }
        clipboard = new Clipboard(graph.nodes().stream().filter(n -> chosen.contains(n.id())).toList(),
                graph.edges().stream().filter(e -> chosen.contains(e.from()) && chosen.contains(e.to())).toList());
        pastes = 0;
        return EditResult.applied("Copied " + (chosen.size() == 1 ? nameOf(chosen.iterator().next())
                : chosen.size() + " layers"));
    }

    public EditResult copySelection() {
        return copy(selection);
    }

    public boolean canPaste() {
        return clipboard != null;
    }

    /**
     * Adds a copy of the clipboard: new ids and names, the same settings, the connections among the copied nodes,
     * each paste {@value #PASTE_OFFSET} units further right and down. Selects what was pasted.
     */
    public EditResult paste() {
        if (clipboard == null) {
            return EditResult.refused("Copy some layers first.");
        }
        double offset = PASTE_OFFSET * (pastes + 1);
        NetworkGraph result = graph;
        Map<NodeId, NodeId> fresh = new HashMap<>();
        List<NodeId> added = new ArrayList<>();
        for (Node node : clipboard.nodes()) {
            String name = result.freeName(node.spec().kind());
            NodeId id = new NodeId(name);
            fresh.put(node.id(), id);
            added.add(id);
            result = result.withNode(new Node(id, name, node.spec(), node.x() + offset, node.y() + offset));
        }
        for (Edge edge : clipboard.edges()) {
            result = result.withEdge(new Edge(fresh.get(edge.from()), fresh.get(edge.to())));
        }
        pastes++;
        EditResult done = commit(result, "Paste " + (added.size() == 1 ? "a layer" : added.size() + " layers"));
        select(added);
        return done;
    }

    // ---------------------------------------------------------------- whole-graph edits

    /** Replaces the whole network (e.g. with a template) as one undo step. */
    public EditResult replaceWith(NetworkGraph replacement, String description) {
        Objects.requireNonNull(replacement, "replacement");
        return commit(replacement, description);
    }

    /** Applies a one-click fix offered with a problem. */
    public EditResult applyFix(Fix fix) {
        NetworkGraph fixed;
        try {
            fixed = fix.applyTo(graph);
        } catch (RuntimeException failure) {
            return EditResult.refused("The fix '" + fix.label() + "' no longer fits this network: "
                    + failure.getMessage());
        }
        return commit(fixed, fix.label());
    }

    /** Places every node by {@link AutoLayout}. */
    public EditResult autoLayout() {
        return commit(AutoLayout.layOut(graph), "Tidy up the layout");
    }

    /** Starts over with another network (an opened project): the history is cleared, the selection too. */
    public void reset(NetworkGraph replacement) {
        Objects.requireNonNull(replacement, "replacement");
        gestureStart = null;
        NetworkGraph before = graph;
        graph = replacement;
        boolean hadHistory = !undo.isEmpty() || !redo.isEmpty();
        undo.clear();
        redo.clear();
        setSelection(Set.of());
        fire(new GraphChange(before, graph, "Open", GraphChange.Cause.RESET));
        if (hadHistory) {
            listeners.forEach(Listener::historyChanged);
        }
    }

    // ---------------------------------------------------------------- undo and redo

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What undo would take back, e.g. "Add Dense". */
    public Optional<String> undoDescription() {
        return undo.isEmpty() ? Optional.empty() : Optional.of(undo.peek().description());
    }

    public Optional<String> redoDescription() {
        return redo.isEmpty() ? Optional.empty() : Optional.of(redo.peek().description());
    }

    public EditResult undo() {
        endMove();
        if (undo.isEmpty()) {
            return EditResult.unchanged();
        }
        Step step = undo.pop();
        redo.push(new Step(graph, step.description()));
        NetworkGraph before = graph;
        graph = step.graph();
        fire(new GraphChange(before, graph, step.description(), GraphChange.Cause.UNDO));
        pruneSelection();
        listeners.forEach(Listener::historyChanged);
        return EditResult.applied("Undo " + step.description());
    }

    public EditResult redo() {
        endMove();
        if (redo.isEmpty()) {
            return EditResult.unchanged();
        }
        Step step = redo.pop();
        undo.push(new Step(graph, step.description()));
        NetworkGraph before = graph;
        graph = step.graph();
        fire(new GraphChange(before, graph, step.description(), GraphChange.Cause.REDO));
        pruneSelection();
        listeners.forEach(Listener::historyChanged);
        return EditResult.applied("Redo " + step.description());
    }

    // ---------------------------------------------------------------- helpers

    /** Makes {@code next} the graph as one undo step (unless it equals the current one). */
    private EditResult commit(NetworkGraph next, String description) {
        endMove();
        if (next.equals(graph)) {
            return EditResult.unchanged();
        }
        NetworkGraph before = graph;
        graph = next;
        record(before, description);
        fire(new GraphChange(before, graph, description, GraphChange.Cause.EDIT));
        listeners.forEach(Listener::historyChanged);
        pruneSelection();
        return EditResult.applied(description);
    }

    private void record(NetworkGraph before, String description) {
        undo.push(new Step(before, description));
        while (undo.size() > HISTORY_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    private void fire(GraphChange change) {
        listeners.forEach(l -> l.graphChanged(change));
    }

    private Set<NodeId> present(Collection<NodeId> ids) {
        Set<NodeId> found = new LinkedHashSet<>();
        for (NodeId id : ids) {
            if (graph.find(id).isPresent()) {
                found.add(id);
            }
        }
        return found;
    }

    private static NetworkGraph moved(NetworkGraph graph, Set<NodeId> ids, double dx, double dy) {
        return new NetworkGraph(graph.nodes().stream()
                .map(n -> ids.contains(n.id()) ? n.at(n.x() + dx, n.y() + dy) : n).toList(), graph.edges());
    }

    private String moveDescription(Set<NodeId> ids) {
        return "Move " + (ids.size() == 1 ? nameOf(ids.iterator().next()) : ids.size() + " layers");
    }

    private String nameOf(NodeId id) {
        return graph.find(id).map(Node::name).orElse(id.value());
    }
}
