package org.layerlab.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Background work that newly opened data asks for but nobody looks at yet (the explore views' summaries and samples,
 * the augmentation preview), held back while the view that shows the new data appears, a piece per pulse, and started
 * once it has. On two cores that work took the CPU the window needed to show a million-row table
 * (docs/decisions/0030). Without a view that says when the data is shown, nothing is held. UI thread only.
 */
final class WorkAfterShowing {
    private boolean heldByView;
    private boolean holding;
    private final Map<Object, Runnable> held = new LinkedHashMap<>();

    /** From now on work for new data waits until {@link #shown} is called: for the view that shows new data. */
    void holdForView() {
        heldByView = true;
    }

    /** New data arrives: work asked for from now on waits for {@link #shown}, if a view holds it. */
    void newData() {
        holding = heldByView;
    }

    /**
     * Whether work must wait: if so, {@code request} (which asks for it again) is remembered under {@code key}, the
     * latest of a key replacing earlier ones, and run by {@link #shown}.
     */
    boolean held(Object key, Runnable request) {
        if (holding) {
            held.put(key, request);
        }
        return holding;
    }

    /** The view has shown the new data: the requests held back are made now, in the order first asked. */
    void shown() {
        holding = false;
        List<Runnable> due = List.copyOf(held.values());
        held.clear();
        due.forEach(Runnable::run);
    }
}
