package org.layerlab.core.data;

import java.util.HashSet;
import java.util.Set;

/**
 * What the label asks of a model: tell classes apart, or predict a number. {@link #guess} looks at the label
 * column; the user can always choose otherwise.
 */
public enum TaskType {
    CLASSIFICATION("classification"),
    REGRESSION("regression");

    /** A numeric label with more distinct values than this reads as a quantity rather than as classes. */
    public static final int MAX_DISTINCT_FOR_CLASSES = 20;

    private final String plainName;

    TaskType(String plainName) {
        this.plainName = plainName;
    }

    /** The word shown to users and written in reports: "classification" or "regression". */
    public String plainName() {
        return plainName;
    }

    /** The task for a plain name as typed on the command line, case-insensitive; null when there is none. */
    public static TaskType fromName(String name) {
        for (TaskType task : values()) {
            if (task.plainName.equalsIgnoreCase(name.trim()) || task.name().equalsIgnoreCase(name.trim())) {
                return task;
            }
        }
        return null;
    }

    /**
     * Regression for a numeric column with many distinct values (e.g. a price or a disease progression score),
     * classification for everything else (categories, and numbers that are really codes such as 0/1 or digits).
     */
    public static TaskType guess(Column label) {
        if (!(label instanceof NumericColumn numbers)) {
            return CLASSIFICATION;
        }
        Set<Double> distinct = new HashSet<>();
        for (double v : numbers.values()) {
            if (!Double.isNaN(v) && distinct.add(v) && distinct.size() > MAX_DISTINCT_FOR_CLASSES) {
                return REGRESSION;
            }
        }
        return CLASSIFICATION;
    }

    @Override
    public String toString() {
        return plainName;
    }
}
