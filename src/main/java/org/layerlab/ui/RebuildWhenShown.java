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

    /** {@code part}: a node of the view (its scene is null while the view is out of the scene). */
    RebuildWhenShown(Node part, Runnable rebuild) {
        this.part = part;
        this.rebuild = rebuild;
        part.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && stale) {
                stale = false;
                rebuild.run();
            }
        });
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
        if (part.getScene() != null) {
            stale = false;
            rebuild.run();
        } else {
            stale = true;
        }
    }
}
