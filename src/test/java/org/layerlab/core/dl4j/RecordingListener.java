package org.layerlab.core.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingListener;

/** Keeps every event of a run, in order. */
class RecordingListener implements TrainingListener {
    final List<TrainingEvent> events = new ArrayList<>();

    @Override
    public synchronized void on(TrainingEvent event) {
        events.add(event);
    }

    synchronized <T extends TrainingEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized int size() {
        return events.size();
    }
}
