package org.layerlab.ui;

import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.graph.edit.GraphChange;
import org.layerlab.core.graph.edit.GraphEditor;
import org.layerlab.ui.canvas.CanvasViewModel;

/**
 * The Network step: the canvas editing the shared project's network. The project's graph stays the truth: every
 * finished edit on the canvas (not every step of a drag) is written to it, so Save writes what is on screen and
 * the Train step sees the network as drawn; a graph that arrives from elsewhere (an opened project) replaces the
 * canvas's content and history. The canvas is fed the shape of the loaded data, so shapes, parameter counts and
 * templates fit it, and it is locked while the network trains.
 */
public final class NetworkViewModel {
    private final ProjectViewModel shared;
    private final CanvasViewModel canvas;
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private boolean pushing;
    private boolean resetting;

    public NetworkViewModel(ProjectViewModel shared) {
        this.shared = shared;
        this.canvas = CanvasViewModel.forApp(shared.networkProperty().get(), Templates::all);
        canvas.lockedProperty().bind(shared.trainingRunningProperty());
        canvas.editor().addListener(new GraphEditor.Listener() {
            @Override
            public void graphChanged(GraphChange change) {
                if (change.cause() != GraphChange.Cause.GESTURE && change.cause() != GraphChange.Cause.RESET) {
                    push();
                }
            }

            @Override
            public void historyChanged() {
                push(); // the end of a drag records history without another change of the graph
            }
        });
        shared.networkProperty().addListener((obs, old, graph) -> {
            if (!pushing && graph != null && !graph.equals(canvas.getGraph())) {
                // Not written back from here, even when the canvas laid it out again for its boxes: setting the
                // property inside its own change would reach the other listeners out of order. The next edit does.
                resetting = true;
                try {
                    canvas.reset(graph);
                } finally {
                    resetting = false;
                }
            }
        });
        shared.experimentProperty().addListener((obs, old, experiment) -> canvas.dataProperty().set(signature(shared)));
        shared.imageExperimentProperty().addListener((obs, old, images) -> canvas.dataProperty().set(signature(shared)));
        canvas.dataProperty().set(signature(shared));
        canvas.analysisProperty().addListener((obs, old, analysis) -> refreshCaption());
        canvas.graphProperty().addListener((obs, old, graph) -> refreshCaption());
        push();
        refreshCaption();
    }

    /** What the canvas shows and edits. */
    public CanvasViewModel canvas() {
        return canvas;
    }

    /** The open data's shape and classes — an image folder's images or a table's rows — or null when none is ready. */
    static DataSignature signature(ProjectViewModel shared) {
        if (shared.getImageExperiment() != null) {
            return shared.getImageExperiment().data().signature();
        }
        return signature(shared.getExperiment());
    }

    /** The data's shape and classes, or null when there is no prepared data to fit the network to. */
    static DataSignature signature(PreparedExperiment experiment) {
        if (experiment == null || experiment.data().inputCount() < 1 || experiment.data().classCount() < 1) {
            return null;
        }
        return experiment.data().signature();
    }

    /** Writes the canvas's network to the project when it differs (a finished edit, an undo, a tidied layout). */
    private void push() {
        NetworkGraph graph = canvas.getGraph();
        if (resetting || canvas.editor().isMoving() || graph.equals(shared.networkProperty().get())) {
            return;
        }
        pushing = true;
        try {
            shared.networkProperty().set(graph);
        } finally {
            pushing = false;
        }
    }

    /** "19,754 parameters", "1 problem to fix", or "6 layers" before data is open. */
    private void refreshCaption() {
        GraphAnalysis analysis = canvas.getAnalysis();
        int layers = canvas.getGraph().nodes().size();
        if (analysis == null) {
            caption.set(layers + (layers == 1 ? " layer" : " layers"));
        } else if (!analysis.trainable()) {
            long errors = analysis.errors().size();
            caption.set(errors + (errors == 1 ? " problem" : " problems") + " to fix");
        } else {
            caption.set(String.format(Locale.ROOT, "%,d parameters", analysis.totalParameters()));
        }
    }

    /** The Network step's line in the step list. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Selects one layer on the canvas (for tests and links from messages). */
    public void select(NodeId id) {
        canvas.select(Set.of(id));
    }

    public ProjectViewModel shared() {
        return shared;
    }
}
