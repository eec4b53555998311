package org.layerlab.core.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Guesses which column holds the label to predict: a column with a telling name ("label", "class",
 * "species", …) if there is one that works as classes or as a quantity to predict, else the last column that does.
 */
public final class LabelGuesser {
    /** More distinct values than this and a column is no longer a sensible set of classes. */
    public static final int MAX_CLASSES = 100;

    private static final List<String> LABEL_NAMES = List.of("label", "class", "target", "y", "species",
            "survived", "outcome", "category", "digit", "diagnosis", "result");

    private LabelGuesser() {
    }

    public static Optional<String> guess(Table table) {
        for (Column column : table.columns()) {
            if (LABEL_NAMES.contains(column.name().toLowerCase(Locale.ROOT)) && works(column)) {
                return Optional.of(column.name());
            }
        }
        List<Column> columns = table.columns();
        for (int i = columns.size() - 1; i >= 0; i--) {
            if (works(columns.get(i))) {
                return Optional.of(columns.get(i).name());
            }
        }
        return Optional.empty();
    }

    /** A usable set of classes, or a numeric column with many values (a quantity to predict by regression). */
    private static boolean works(Column column) {
        int distinct = LabelEncoding.distinctValues(column).size();
        return distinct >= 2 && (distinct <= MAX_CLASSES || TaskType.guess(column) == TaskType.REGRESSION);
    }
}
