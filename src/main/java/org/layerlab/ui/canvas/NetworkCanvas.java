package org.layerlab.ui.canvas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ObservableDoubleValue;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Transform;
import javafx.scene.transform.Translate;
import javax.imageio.ImageIO;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Problem;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.edit.GraphChange;
import org.layerlab.core.graph.edit.GraphEditor;

/**
 * The canvas: draws the editor's graph and turns gestures into edits.
 *
 * <ul>
 *   <li>Drag a layer to move it (with the other selected layers); click selects, Shift- or Ctrl-click adds to the
 *       selection.</li>
 *   <li>Drag from the dot on a layer's right (its output) to the dot on another's left (its input) to connect them;
 *       dropping anywhere on the other layer's box works too.</li>
 *   <li>Drag on empty space to pan; Shift-drag on empty space selects the layers inside a rectangle. Panning is the
 *       plain drag because moving around is what a newcomer tries first; selecting many is rarer.</li>
 *   <li>Mouse wheel (or Ctrl+wheel, or a pinch) zooms around the pointer.</li>
 *   <li>Delete/Backspace, Ctrl+C, Ctrl+V, Ctrl+D (duplicate), Ctrl+A, Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, arrow keys.</li>
 * </ul>
 *
 * <p>Rendering is incremental: one {@link NodeView} per node and one {@link EdgeView} per connection, keyed by id;
 * an edit updates only the views whose node or connection changed, a drag only re-routes the connections of the
 * nodes that moved, and zoom and pan change one transform.
 */
public final class NetworkCanvas extends Region {
    /** The drag-and-drop content of a palette entry: this prefix and the kind's name. */
    public static final String KIND_PREFIX = "layerlab-layer:";
    static final double MIN_ZOOM = 0.15;
    static final double MAX_ZOOM = 3;
    private static final double ARROW_STEP = 10;
    private static final PseudoClass CANDIDATE = PseudoClass.getPseudoClass("candidate");

    private CanvasViewModel model;

    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Group world = new Group();
    /** What is drawn (and exported): connections, nodes, shape labels. No transform of its own. */
    private final Group drawing = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group labelLayer = new Group();
    private final CubicCurve liveWire = new CubicCurve();
    private final Rectangle rubberBand = new Rectangle();
    private final Label emptyHint = new Label("Drag layers here from the palette, or pick a template.");

    private final Map<NodeId, NodeView> nodeViews = new HashMap<>();
    private final Map<Edge, EdgeView> edgeViews = new HashMap<>();
    private final Map<NodeId, List<EdgeView>> edgesByNode = new HashMap<>();

    private final ContextMenu nodeMenu = new ContextMenu();
    private final ContextMenu edgeMenu = new ContextMenu();
    private final ContextMenu backgroundMenu = new ContextMenu();
    private Edge menuEdge;
    private Point2D menuPoint = Point2D.ZERO;

    // gesture state
    private Point2D pressScene;
    private boolean movingNodes;
    private boolean panning;
    private boolean banding;
    private boolean dragged;
    private Point2D panStart;
    private NodeView wireFrom;
    private boolean wireFromOutput;
    private Circle wireCandidate;
    /** How the view follows size changes until the user pans or zooms: not, fit everything, or a readable overview. */
    private enum Follow { NONE, ALL, OVERVIEW }

    private Follow follow = Follow.NONE;
    /** How much of the canvas's right side is covered (by the floating settings card), in pixels. */
    private final DoubleProperty coveredRight =
            new SimpleDoubleProperty(this, "coveredRight");
    /** The smallest zoom an overview uses: below it, text is too small to read, so the view shows the start. */
    static final double READABLE_ZOOM = 0.6;

    public NetworkCanvas() {
        getStyleClass().add("network-canvas");
        setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        world.getTransforms().addAll(pan, zoom);
        world.setManaged(false);
        drawing.getChildren().addAll(edgeLayer, nodeLayer, labelLayer);
        liveWire.getStyleClass().add("live-wire");
        liveWire.setMouseTransparent(true);
        liveWire.setVisible(false);
        world.getChildren().addAll(drawing, liveWire);
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setManaged(false);
        rubberBand.setMouseTransparent(true);
        rubberBand.setVisible(false);
        emptyHint.getStyleClass().add("canvas-hint");
        emptyHint.setManaged(false);
        emptyHint.setMouseTransparent(true);
        getChildren().addAll(world, rubberBand, emptyHint);

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onBackgroundPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onBackgroundDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onBackgroundReleased);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, event -> {
            zoomAt(event.getZoomFactor(), event.getX(), event.getY());
            event.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, event -> {
            if (model != null) {
                menuPoint = toCanvas(event.getSceneX(), event.getSceneY());
                backgroundMenu.show(this, event.getScreenX(), event.getScreenY());
                event.consume();
            }
        });
        setOnDragOver(this::onDragOver);
        setOnDragDropped(this::onDragDropped);
        widthProperty().addListener((obs, old, width) -> followSize());
        heightProperty().addListener((obs, old, height) -> followSize());
    }

    /** Shows and edits {@code canvasModel}'s graph. Called once. */
    public void setModel(CanvasViewModel canvasModel) {
        if (this.model != null) {
            throw new IllegalStateException("The canvas already shows a network");
        }
        this.model = canvasModel;
        buildMenus();
        model.editor().addListener(new GraphEditor.Listener() {
            @Override
            public void graphChanged(GraphChange change) {
                show(change.before(), change.after(), change.positionsOnly());
            }
        });
        model.selectionProperty().addListener((obs, old, now) -> showSelection(old, now));
        model.selectedEdgeProperty().addListener((obs, old, now) -> {
            if (old != null && edgeViews.containsKey(old)) {
                edgeViews.get(old).setSelected(false);
            }
            if (now != null && edgeViews.containsKey(now)) {
                edgeViews.get(now).setSelected(true);
            }
        });
        model.analysisProperty().addListener((obs, old, analysis) -> showAnalysis());
        model.fitRequestsProperty().addListener((obs, old, count) -> requestFit());
        show(NetworkGraph.empty(), model.getGraph(), false);
        requestFit();
    }

    // ---------------------------------------------------------------- rendering

    /** Brings the views from {@code before} to {@code after}, touching only what differs. */
    private void show(NetworkGraph before, NetworkGraph after, boolean positionsOnly) {
        Set<NodeId> moved = new HashSet<>();
        Set<NodeId> changed = new HashSet<>();
        Set<NodeId> present = new HashSet<>();
        for (Node node : after.nodes()) {
            present.add(node.id());
            NodeView view = nodeViews.get(node.id());
            if (view == null) {
                view = createNodeView(node);
                moved.add(node.id());
                changed.add(node.id());
            } else if (view.node() != node && !view.node().equals(node)) {
                if (view.node().x() != node.x() || view.node().y() != node.y()) {
                    moved.add(node.id());
                }
                if (!view.node().spec().equals(node.spec())) {
                    changed.add(node.id());
                }
                view.update(node);
            }
        }
        if (!positionsOnly || nodeViews.size() != present.size()) {
            nodeViews.keySet().removeIf(id -> {
                if (!present.contains(id)) {
                    nodeLayer.getChildren().remove(nodeViews.get(id));
                    return true;
                }
                return false;
            });
        }
        List<EdgeView> added = List.of();
        if (before.edges() != after.edges() && !before.edges().equals(after.edges())) {
            added = syncEdges(after);
            for (EdgeView edge : added) {
                route(edge);
            }
        }
        for (NodeId id : moved) {
            for (EdgeView edge : edgesByNode.getOrDefault(id, List.of())) {
                route(edge);
            }
        }
        if (!positionsOnly) {
            // The model worked out the analysis before this runs and the canvas showed it on the views it had;
            // what is left is the views made or changed just now.
            showAnalysis(changed, added);
        }
        emptyHint.setVisible(after.nodes().isEmpty());
        if (emptyHint.isVisible()) {
            placeHint();
        }
    }

    private NodeView createNodeView(Node node) {
        NodeView view = new NodeView(node);
        nodeViews.put(node.id(), view);
        nodeLayer.getChildren().add(view);
        view.setSelected(model.selectionProperty().get().contains(node.id()));
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> onNodePressed(view, event));
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> onNodeDragged(event));
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, event -> onNodeReleased(event));
        view.setOnContextMenuRequested(event -> {
            if (!model.selectionProperty().get().contains(view.node().id())) {
                model.select(Set.of(view.node().id()));
            }
            nodeMenu.show(view, event.getScreenX(), event.getScreenY());
            event.consume();
        });
        for (Circle port : new Circle[] {view.outputPort(), view.inputPort()}) {
            boolean output = port == view.outputPort();
            port.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> onPortPressed(view, output, event));
            port.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onWireDragged);
            port.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onWireReleased);
        }
        return view;
    }

    /** Adds and removes connection views to match {@code graph}; returns the views added. */
    private List<EdgeView> syncEdges(NetworkGraph graph) {
        List<EdgeView> added = new ArrayList<>();
        Set<Edge> wanted = new HashSet<>(graph.edges());
        edgeViews.entrySet().removeIf(entry -> {
            if (!wanted.contains(entry.getKey())) {
                EdgeView view = entry.getValue();
                edgeLayer.getChildren().removeAll(view.curve, view.hitArea);
                labelLayer.getChildren().remove(view.shape);
                return true;
            }
            return false;
        });
        for (Edge edge : graph.edges()) {
            if (!edgeViews.containsKey(edge)) {
                EdgeView view = new EdgeView(edge);
                added.add(view);
                edgeViews.put(edge, view);
                edgeLayer.getChildren().addAll(view.hitArea, view.curve);
                labelLayer.getChildren().add(view.shape);
                view.setSelected(edge.equals(model.selectedEdgeProperty().get()));
                view.hitArea.setOnMousePressed(event -> {
                    requestFocus();
                    if (event.getButton() == MouseButton.PRIMARY) {
                        model.selectEdge(edge);
                    }
                    event.consume();
                });
                view.hitArea.setOnContextMenuRequested(event -> {
                    menuEdge = edge;
                    model.selectEdge(edge);
                    edgeMenu.show(view.hitArea, event.getScreenX(), event.getScreenY());
                    event.consume();
                });
                view.shape.setOnMousePressed(view.hitArea.getOnMousePressed());
            }
        }
        edgesByNode.clear();
        for (EdgeView view : edgeViews.values()) {
            edgesByNode.computeIfAbsent(view.edge.from(), k -> new ArrayList<>()).add(view);
            edgesByNode.computeIfAbsent(view.edge.to(), k -> new ArrayList<>()).add(view);
        }
        return added;
    }

    private void route(EdgeView edge) {
        NodeView from = nodeViews.get(edge.edge.from());
        NodeView to = nodeViews.get(edge.edge.to());
        if (from != null && to != null) {
            edge.route(from.outX(), from.outY(), to.inX(), to.inY());
        }
    }

    /** Parameter counts and problems on the nodes, shapes on the connections: all of them. */
    private void showAnalysis() {
        showAnalysis(nodeViews.keySet(), edgeViews.values());
    }

    /** The same for some nodes, and for some connections plus those leaving the given nodes. */
    private void showAnalysis(Set<NodeId> nodes, Collection<EdgeView> edges) {
        GraphAnalysis analysis = model.getAnalysis();
        Set<EdgeView> shapes = new HashSet<>(edges);
        for (NodeId id : nodes) {
            NodeView view = nodeViews.get(id);
            if (view == null) {
                continue;
            }
            if (analysis == null) {
                view.showAnalysis(null, List.of());
            } else {
                view.showAnalysis(analysis.parametersOf(id), analysis.problemsOf(id));
            }
            for (EdgeView edge : edgesByNode.getOrDefault(id, List.of())) {
                if (edge.edge.from().equals(id)) {
                    shapes.add(edge);
                }
            }
        }
        for (EdgeView view : shapes) {
            view.showShape(analysis == null ? null
                    : analysis.shapeOf(view.edge.from()).map(TensorShape::describe).orElse(null));
        }
    }

    private void showSelection(Set<NodeId> old, Set<NodeId> now) {
        for (NodeId id : old) {
            if (!now.contains(id) && nodeViews.containsKey(id)) {
                nodeViews.get(id).setSelected(false);
            }
        }
        for (NodeId id : now) {
            if (nodeViews.containsKey(id)) {
                nodeViews.get(id).setSelected(true);
                nodeViews.get(id).toFront();
            }
        }
    }

    // ---------------------------------------------------------------- node gestures

    private void onNodePressed(NodeView view, MouseEvent event) {
        requestFocus();
        if (event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        NodeId id = view.node().id();
        if (event.isShiftDown() || event.isShortcutDown()) {
            model.toggleSelected(id);
        } else if (!model.selectionProperty().get().contains(id)) {
            model.select(Set.of(id));
        }
        movingNodes = model.selectionProperty().get().contains(id) && !model.lockedProperty().get();
        if (movingNodes) {
            pressScene = new Point2D(event.getSceneX(), event.getSceneY());
            model.beginMove(model.selectionProperty().get());
        }
        event.consume();
    }

    private void onNodeDragged(MouseEvent event) {
        if (movingNodes) {
            double scale = zoom.getX();
            model.updateMove((event.getSceneX() - pressScene.getX()) / scale,
                    (event.getSceneY() - pressScene.getY()) / scale);
        }
        event.consume();
    }

    private void onNodeReleased(MouseEvent event) {
        if (movingNodes) {
            movingNodes = false;
            model.endMove();
        }
        event.consume();
        revealSelected();
    }

    /**
     * The part of the canvas's right side covered by something floating over it (the settings of the selected
     * layer); {@link #revealSelected} keeps the selected layer out from under it.
     */
    public DoubleProperty coveredRightProperty() {
        return coveredRight;
    }

    /**
     * Scrolls a selected layer that sits under the covered right side (or outside the canvas) into the free part.
     * Done when a press ends, not when it starts: the canvas must not move under a layer being dragged.
     */
    public void revealSelected() {
        Set<NodeId> selected = model.selectionProperty().get();
        if (selected.size() != 1 || getWidth() <= 0) {
            return;
        }
        NodeView view = nodeViews.get(selected.iterator().next());
        if (view == null) {
            return;
        }
        double scale = zoom.getX();
        double left = pan.getX() + view.node().x() * scale;
        double right = left + NodeView.WIDTH * scale;
        double top = pan.getY() + view.node().y() * scale;
        double bottom = top + NodeView.HEIGHT * scale;
        double free = getWidth() - coveredRight.get() - 16;
        double dx = right > free ? free - right : left < 16 ? 16 - left : 0;
        double dy = bottom > getHeight() - 16 ? getHeight() - 16 - bottom : top < 16 ? 16 - top : 0;
        if (dx != 0 || dy != 0) {
            follow = Follow.NONE;
            pan.setX(pan.getX() + dx);
            pan.setY(pan.getY() + dy);
        }
    }

    // ---------------------------------------------------------------- wiring

    private void onPortPressed(NodeView view, boolean output, MouseEvent event) {
        requestFocus();
        event.consume();
        if (event.getButton() != MouseButton.PRIMARY || model.lockedProperty().get()) {
            return;
        }
        wireFrom = view;
        wireFromOutput = output;
        drawWire(toCanvas(event.getSceneX(), event.getSceneY()));
        liveWire.setVisible(true);
    }

    private void onWireDragged(MouseEvent event) {
        event.consume();
        if (wireFrom == null) {
            return;
        }
        Point2D point = toCanvas(event.getSceneX(), event.getSceneY());
        drawWire(point);
        Circle candidate = findTarget(point).map(v -> wireFromOutput ? v.inputPort() : v.outputPort()).orElse(null);
        if (candidate != wireCandidate) {
            if (wireCandidate != null) {
                wireCandidate.pseudoClassStateChanged(CANDIDATE, false);
            }
            wireCandidate = candidate;
            if (candidate != null) {
                candidate.pseudoClassStateChanged(CANDIDATE, true);
            }
        }
    }

    private void onWireReleased(MouseEvent event) {
        event.consume();
        if (wireFrom == null) {
            return;
        }
        Point2D point = toCanvas(event.getSceneX(), event.getSceneY());
        Optional<NodeView> target = findTarget(point);
        NodeView from = wireFrom;
        wireFrom = null;
        liveWire.setVisible(false);
        if (wireCandidate != null) {
            wireCandidate.pseudoClassStateChanged(CANDIDATE, false);
            wireCandidate = null;
        }
        target.ifPresent(to -> {
            if (wireFromOutput) {
                model.connect(from.node().id(), to.node().id());
            } else {
                model.connect(to.node().id(), from.node().id());
            }
        });
    }

    private void drawWire(Point2D point) {
        double x1 = wireFromOutput ? wireFrom.outX() : point.getX();
        double y1 = wireFromOutput ? wireFrom.outY() : point.getY();
        double x2 = wireFromOutput ? point.getX() : wireFrom.inX();
        double y2 = wireFromOutput ? point.getY() : wireFrom.inY();
        double reach = Math.max(40, Math.abs(x2 - x1) / 2);
        liveWire.setStartX(x1);
        liveWire.setStartY(y1);
        liveWire.setControlX1(x1 + reach);
        liveWire.setControlY1(y1);
        liveWire.setControlX2(x2 - reach);
        liveWire.setControlY2(y2);
        liveWire.setEndX(x2);
        liveWire.setEndY(y2);
    }

    /** The node a wire dropped at {@code point} goes to: the one whose port is nearest, or whose box is under it. */
    private Optional<NodeView> findTarget(Point2D point) {
        NodeView best = null;
        double bestDistance = 18;
        for (NodeView view : nodeViews.values()) {
            if (view == wireFrom) {
                continue;
            }
            Circle port = wireFromOutput ? view.inputPort() : view.outputPort();
            if (!port.isVisible()) {
                continue;
            }
            double px = wireFromOutput ? view.inX() : view.outX();
            double py = wireFromOutput ? view.inY() : view.outY();
            double distance = point.distance(px, py);
            Node node = view.node();
            boolean inside = point.getX() >= node.x() && point.getX() <= node.x() + NodeView.WIDTH
                    && point.getY() >= node.y() && point.getY() <= node.y() + NodeView.HEIGHT;
            if (inside) {
                distance = Math.min(distance, 17.9);
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = view;
            }
        }
        return Optional.ofNullable(best);
    }

    // ---------------------------------------------------------------- background: pan, rubber band, click

    private void onBackgroundPressed(MouseEvent event) {
        requestFocus();
        if (event.getButton() != MouseButton.PRIMARY && event.getButton() != MouseButton.MIDDLE) {
            return;
        }
        pressScene = new Point2D(event.getSceneX(), event.getSceneY());
        dragged = false;
        if (event.getButton() == MouseButton.PRIMARY && event.isShiftDown()) {
            banding = true;
            Point2D local = sceneToLocal(pressScene);
            rubberBand.setX(local.getX());
            rubberBand.setY(local.getY());
            rubberBand.setWidth(0);
            rubberBand.setHeight(0);
            rubberBand.setVisible(true);
        } else {
            panning = true;
            panStart = new Point2D(pan.getX(), pan.getY());
        }
    }

    private void onBackgroundDragged(MouseEvent event) {
        if (pressScene == null) {
            return;
        }
        double dx = event.getSceneX() - pressScene.getX();
        double dy = event.getSceneY() - pressScene.getY();
        dragged |= Math.abs(dx) > 2 || Math.abs(dy) > 2;
        if (panning) {
            follow = Follow.NONE;
            setCursor(Cursor.CLOSED_HAND);
            pan.setX(panStart.getX() + dx);
            pan.setY(panStart.getY() + dy);
        } else if (banding) {
            Point2D a = sceneToLocal(pressScene);
            Point2D b = sceneToLocal(event.getSceneX(), event.getSceneY());
            rubberBand.setX(Math.min(a.getX(), b.getX()));
            rubberBand.setY(Math.min(a.getY(), b.getY()));
            rubberBand.setWidth(Math.abs(a.getX() - b.getX()));
            rubberBand.setHeight(Math.abs(a.getY() - b.getY()));
        }
    }

    private void onBackgroundReleased(MouseEvent event) {
        if (pressScene == null) {
            return;
        }
        if (banding) {
            Point2D a = world.parentToLocal(rubberBand.getX(), rubberBand.getY());
            Point2D b = world.parentToLocal(rubberBand.getX() + rubberBand.getWidth(),
                    rubberBand.getY() + rubberBand.getHeight());
            Rectangle2D area = new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
            Set<NodeId> chosen = new LinkedHashSet<>(model.selectionProperty().get());
            for (Node node : model.getGraph().nodes()) {
                if (area.intersects(node.x(), node.y(), NodeView.WIDTH, NodeView.HEIGHT)) {
                    chosen.add(node.id());
                }
            }
            model.select(chosen);
            rubberBand.setVisible(false);
        } else if (!dragged) {
            model.clearSelection();
        }
        setCursor(Cursor.DEFAULT);
        pressScene = null;
        panning = false;
        banding = false;
    }

    private void onScroll(ScrollEvent event) {
        if (event.getDeltaY() == 0) {
            return;
        }
        zoomAt(Math.pow(1.0025, event.getDeltaY()), event.getX(), event.getY());
        event.consume();
    }

    // ---------------------------------------------------------------- keyboard

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination DUPLICATE = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SELECT_ALL = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    private void onKeyPressed(KeyEvent event) {
        if (model == null) {
            return;
        }
        boolean handled = true;
        if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
            model.deleteSelection();
        } else if (REDO.match(event) || REDO_Y.match(event)) {
            model.redo();
        } else if (UNDO.match(event)) {
            model.undo();
        } else if (COPY.match(event)) {
            model.copySelection();
        } else if (PASTE.match(event)) {
            model.paste();
        } else if (DUPLICATE.match(event)) {
            model.copySelection();
            model.paste();
        } else if (SELECT_ALL.match(event)) {
            model.selectAll();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            model.cancelMove();
            model.clearSelection();
        } else if (event.getCode().isArrowKey() && !model.selectionProperty().get().isEmpty()) {
            double step = event.isShiftDown() ? ARROW_STEP * 5 : ARROW_STEP;
            switch (event.getCode()) {
                case LEFT, KP_LEFT -> model.moveSelection(-step, 0);
                case RIGHT, KP_RIGHT -> model.moveSelection(step, 0);
                case UP, KP_UP -> model.moveSelection(0, -step);
                default -> model.moveSelection(0, step);
            }
        } else {
            handled = false;
        }
        if (handled) {
            event.consume();
        }
    }

    // ---------------------------------------------------------------- dropping palette entries

    private void onDragOver(DragEvent event) {
        if (kindOf(event).isPresent() && !model.lockedProperty().get()) {
            event.acceptTransferModes(TransferMode.COPY);
            event.consume();
        }
    }

    private void onDragDropped(DragEvent event) {
        Optional<LayerKind> kind = kindOf(event);
        if (kind.isEmpty()) {
            return;
        }
        Point2D point = world.parentToLocal(event.getX(), event.getY());
        model.addNode(kind.get(), point.getX() - NodeView.WIDTH / 2, point.getY() - NodeView.HEIGHT / 2);
        event.setDropCompleted(true);
        event.consume();
        requestFocus();
        Platform.runLater(this::revealSelected);
    }

    private static Optional<LayerKind> kindOf(DragEvent event) {
        String text = event.getDragboard().hasString() ? event.getDragboard().getString() : null;
        if (text == null || !text.startsWith(KIND_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LayerKind.valueOf(text.substring(KIND_PREFIX.length())));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** Adds a layer in the middle of what is in view (a double-click on a palette entry). */
    public void addAtCentre(LayerKind kind) {
        Point2D centre = world.parentToLocal(getWidth() / 2, getHeight() / 2);
        // Nudge so repeated adds do not stack exactly.
        double nudge = (model.getGraph().nodes().size() % 5) * 14;
        model.addNode(kind, centre.getX() - NodeView.WIDTH / 2 + nudge, centre.getY() - NodeView.HEIGHT / 2 + nudge);
        requestFocus();
        Platform.runLater(this::revealSelected);
    }

    // ---------------------------------------------------------------- menus

    private void buildMenus() {
        nodeMenu.getItems().addAll(
                item("Copy", "Ctrl+C", model::copySelection),
                item("Duplicate", "Ctrl+D", () -> {
                    model.copySelection();
                    model.paste();
                }),
                new SeparatorMenuItem(),
                item("Delete", "Delete", model::deleteSelection));
        edgeMenu.getItems().add(item("Remove connection", "Delete", () -> {
            if (menuEdge != null) {
                model.disconnect(menuEdge);
            }
        }));
        backgroundMenu.getItems().addAll(
                item("Paste", "Ctrl+V", model::paste),
                item("Select all", "Ctrl+A", model::selectAll),
                new SeparatorMenuItem(),
                item("Tidy up the layout", "", model::autoLayout),
                item("Show everything", "", this::zoomToFit));
    }

    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem item = new MenuItem(text + (keys.isEmpty() ? "" : "    " + keys));
        item.setOnAction(event -> action.run());
        return item;
    }

    // ---------------------------------------------------------------- zoom, pan, fit

    public double getZoom() {
        return zoom.getX();
    }

    /** The zoom factor (1 = 100 %). */
    public ObservableDoubleValue zoomProperty() {
        return zoom.xProperty();
    }

    /** Zooms by {@code factor} keeping the point ({@code x}, {@code y}) of the canvas where it is. */
    public void zoomAt(double factor, double x, double y) {
        follow = Follow.NONE;
        double old = zoom.getX();
        double scale = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, old * factor));
        if (scale == old) {
            return;
        }
        pan.setX(x - (x - pan.getX()) * scale / old);
        pan.setY(y - (y - pan.getY()) * scale / old);
        zoom.setX(scale);
        zoom.setY(scale);
    }

    public void zoomIn() {
        zoomAt(1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / 1.25, getWidth() / 2, getHeight() / 2);
    }

    /** Shows the whole network, at most at 100 %, and keeps doing so as the canvas is resized. */
    public void zoomToFit() {
        follow = Follow.ALL;
        fit(MIN_ZOOM);
    }

    /**
     * Shows the network at a size that can be read: all of it if it fits at {@value #READABLE_ZOOM} or more, else its
     * start (the Input end) at that zoom. Used when a network appears (a template, an opened project).
     */
    public void overview() {
        follow = Follow.OVERVIEW;
        fit(READABLE_ZOOM);
    }

    private void fit(double smallest) {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        List<Node> nodes = model == null ? List.of() : model.getGraph().nodes();
        if (nodes.isEmpty()) {
            zoom.setX(1);
            zoom.setY(1);
            pan.setX(40);
            pan.setY(getHeight() / 2);
            return;
        }
        Rectangle2D bounds = bounds(nodes);
        double margin = 30;
        double scale = Math.min((getWidth() - 2 * margin) / bounds.getWidth(),
                (getHeight() - 2 * margin) / bounds.getHeight());
        scale = Math.max(smallest, Math.min(1, scale));
        zoom.setX(scale);
        zoom.setY(scale);
        double width = bounds.getWidth() * scale;
        pan.setX(width <= getWidth() - 2 * margin ? (getWidth() - width) / 2 - bounds.getMinX() * scale
                : margin - bounds.getMinX() * scale);
        pan.setY((getHeight() - bounds.getHeight() * scale) / 2 - bounds.getMinY() * scale);
    }

    /** Scrolls so that {@code id} is in the middle of the canvas, keeping the zoom. */
    public void centreOn(NodeId id) {
        NodeView view = nodeViews.get(id);
        if (view == null) {
            return;
        }
        follow = Follow.NONE;
        double scale = zoom.getX();
        pan.setX(getWidth() / 2 - (view.node().x() + NodeView.WIDTH / 2) * scale);
        pan.setY(getHeight() / 2 - (view.node().y() + NodeView.HEIGHT / 2) * scale);
    }

    private void requestFit() {
        follow = Follow.OVERVIEW;
        followSize();
    }

    private void followSize() {
        if (follow == Follow.ALL) {
            fit(MIN_ZOOM);
        } else if (follow == Follow.OVERVIEW) {
            fit(READABLE_ZOOM);
        }
        if (emptyHint.isVisible()) {
            placeHint();
        }
    }

    private void placeHint() {
        emptyHint.autosize();
        emptyHint.relocate((getWidth() - emptyHint.getWidth()) / 2, (getHeight() - emptyHint.getHeight()) / 2);
    }

    @Override
    protected void layoutChildren() {
        if (emptyHint.isVisible()) {
            placeHint();
        }
    }

    private static Rectangle2D bounds(List<Node> nodes) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Node node : nodes) {
            minX = Math.min(minX, node.x());
            minY = Math.min(minY, node.y());
            maxX = Math.max(maxX, node.x() + NodeView.WIDTH);
            maxY = Math.max(maxY, node.y() + NodeView.HEIGHT);
        }
        // Room for ports, and for connections that detour above a row.
        double above = EdgeView.DETOUR_HEIGHT - NodeView.HEIGHT / 2 + 20;
        return new Rectangle2D(minX - 10, minY - above, maxX - minX + 20, maxY - minY + above + 10);
    }

    // ---------------------------------------------------------------- export and helpers

    /** The network as a picture: everything drawn, at {@code scale} times its size, on white. */
    public WritableImage snapshotDrawing(double scale) {
        Set<NodeId> selected = model.selectionProperty().get();
        selected.forEach(id -> Optional.ofNullable(nodeViews.get(id)).ifPresent(v -> v.setSelected(false)));
        try {
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.WHITE);
            parameters.setTransform(Transform.scale(scale, scale));
            Bounds b = drawing.getBoundsInParent();
            double margin = 24;
            parameters.setViewport(new Rectangle2D((b.getMinX() - margin) * scale, (b.getMinY() - margin) * scale,
                    (b.getWidth() + 2 * margin) * scale, (b.getHeight() + 2 * margin) * scale));
            return drawing.snapshot(parameters, null);
        } finally {
            selected.forEach(id -> Optional.ofNullable(nodeViews.get(id)).ifPresent(v -> v.setSelected(true)));
        }
    }

    /** Writes the network as a PNG picture (twice its on-screen size at 100 %, for sharp prints). */
    public void exportPng(Path file) throws IOException {
        WritableImage image = snapshotDrawing(2);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("No PNG writer is available.");
        }
    }

    /** Canvas units (where nodes are placed) of a point on the screen. */
    public Point2D toCanvas(double sceneX, double sceneY) {
        return world.sceneToLocal(sceneX, sceneY);
    }

    NodeView nodeView(NodeId id) {
        return nodeViews.get(id);
    }

    EdgeView edgeView(Edge edge) {
        return edgeViews.get(edge);
    }

    int nodeViewCount() {
        return nodeViews.size();
    }
}
