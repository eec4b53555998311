package org.layerlab.ui;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chart redraws spread over FX pulses. A JFreeChart chart redraws synchronously, all of it, on the FX thread
 * (tens of milliseconds with software rendering on two busy cores); several charts redrawn in the same pulse
 * stalled the window for over 100 ms. Here each pulse draws at most one chart, the one that has waited longest,
 * and a chart is drawn at most once per interval while a run goes on.
 *
 * <p>Not thread-safe: the FX thread only. The clock is passed in, so the order can be tested without waiting.
 */
final class StaggeredRedraws {
    private final long intervalNanos;
    /** Charts with new points, in the order they got them; each with what tells it to redraw. */
    private final Map<String, Runnable> pending = new LinkedHashMap<>();
    private final Map<String, Long> lastDrawn = new HashMap<>();

    StaggeredRedraws(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Notes that {@code chart} has new points; {@code redraw} will tell it (once, however often this is called). */
    void request(String chart, Runnable redraw) {
        pending.putIfAbsent(chart, redraw);
    }

    /** Forgets every pending redraw (the charts are about to be emptied and redrawn anyway). */
    void clear() {
        pending.clear();
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Draws the first pending chart whose interval has passed, if any: one chart at most.
     *
     * @return whether a chart was drawn
     */
    boolean drawOneDue(long nowNanos) {
        for (Iterator<Map.Entry<String, Runnable>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Runnable> entry = it.next();
            Long last = lastDrawn.get(entry.getKey());
            if (last == null || nowNanos - last >= intervalNanos) {
                it.remove();
                lastDrawn.put(entry.getKey(), nowNanos);
                entry.getValue().run();
                return true;
            }
        }
        return false;
    }

    /**
     * Draws the chart that has waited longest, whatever its interval: after a run, when the last points are drawn one
     * chart per pulse rather than all in one.
     *
     * @return whether a chart was drawn
     */
    boolean drawOne(long nowNanos) {
        Iterator<Map.Entry<String, Runnable>> it = pending.entrySet().iterator();
        if (!it.hasNext()) {
            return false;
        }
        Map.Entry<String, Runnable> entry = it.next();
        it.remove();
        lastDrawn.put(entry.getKey(), nowNanos);
        entry.getValue().run();
        return true;
    }

    /** Draws every pending chart now. */
    void drawAll(long nowNanos) {
        while (!pending.isEmpty()) {
            Iterator<Map.Entry<String, Runnable>> it = pending.entrySet().iterator();
            Map.Entry<String, Runnable> entry = it.next();
            it.remove();
            lastDrawn.put(entry.getKey(), nowNanos);
            entry.getValue().run();
        }
    }
}
