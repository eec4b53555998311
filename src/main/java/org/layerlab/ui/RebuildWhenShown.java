package org.layerlab.ui;

import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * Rebuilds part of a view when its content changes, but only while the view is on screen; a change that comes while
 * it is out of the scene is built when it comes back. Only the current step's view is in the scene
 * ({@link MainController}); the others still hear every change (a finished run sets the evaluation and the model
 * to try at once), and building their nodes then (a confusion matrix of 100 cells with tooltips, a form of 64
 * fields) took the FX thread 70–90 ms each in the pulse that ended a run, for views nobody was looking at.
 *
 * <p>FX thread only.
 */
final class RebuildWhenShown {
    private final Node part;
    private final Runnable rebuild;
    private boolean stale;

    /** Also required for the part to be on screen (e.g. its tab is selected); null: nothing more. */
    private final javafx.beans.value.ObservableBooleanValue alsoShown;

    /** {@code part}: a node of the view (its scene is null while the view is out of the scene). */
    RebuildWhenShown(Node part, Runnable rebuild) {
        this(part, null, rebuild);
    }

    /**
     * For a part that is on screen only while its view is in the scene and {@code alsoShown} holds, e.g. a chart in
     * a tab (a tab's content stays in the scene while another tab is selected).
     */
    RebuildWhenShown(Node part, javafx.beans.value.ObservableBooleanValue alsoShown, Runnable rebuild) {
        this.part = part;
        this.alsoShown = alsoShown;
        this.rebuild = rebuild;
        part.sceneProperty().addListener((obs, old, scene) -> catchUp());
        if (alsoShown != null) {
            alsoShown.addListener((obs, was, now) -> catchUp());
        }
    }

    private boolean isShown() {
        return part.getScene() != null && (alsoShown == null || alsoShown.get());
    }

    private void catchUp() {
        if (stale && isShown()) {
            stale = false;
            rebuild.run();
        }
    }

    /**
     * Charts that redraw only while on screen: out of the scene a chart hears of its data's changes but does not
     * draw (JFreeChart draws a chart in full, on the FX thread, for every change); when it comes back it draws once.
     * The viewers must have their charts set.
     */
    static void drawChartsWhenShown(ChartViewer... viewers) {
        for (ChartViewer viewer : viewers) {
            viewer.sceneProperty().addListener((obs, old, scene) -> {
                JFreeChart chart = viewer.getChart();
                if (chart != null) {
                    chart.setNotify(scene != null); // true again fires one change: the chart draws as it is now
                }
            });
            if (viewer.getScene() == null && viewer.getChart() != null) {
                viewer.getChart().setNotify(false);
            }
        }
    }

    /** The content changed: rebuild now if the part is on screen, else when it is next shown. */
    void request() {
        if (isShown()) {
            stale = false;
            rebuild.run();
        } else {
            stale = true;
        }
    }
}
