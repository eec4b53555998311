package org.layerlab.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a label column and the class index of each row. Numeric labels become classes named by
 * their values ("0", "1", …) in numeric order; categories keep their names in alphabetical order.
 *
 * @param classOfRow class index per row, -1 where the label is missing
 */
public record LabelEncoding(String column, List<String> classNames, int[] classOfRow) {
    public LabelEncoding {
        classNames = List.copyOf(classNames);
    }

    public static LabelEncoding of(Table table, String labelColumn) {
        Column column = table.column(labelColumn);
        List<String> classes = distinctValues(column);
        if (classes.size() < 2) {
            throw new DataProblem("The label column '" + labelColumn + "' has "
                    + (classes.isEmpty() ? "no values" : "only one class ('" + classes.get(0) + "')")
                    + ". A model needs at least two classes to tell apart: choose another label column, or add "
                    + "rows of the other classes.");
        }
        if (classes.size() > LabelGuesser.MAX_CLASSES) {
            throw new DataProblem("The label column '" + labelColumn + "' has " + classes.size()
                    + " different values — too many to treat as classes (at most " + LabelGuesser.MAX_CLASSES
                    + "). Choose the column that holds the class of each row.");
        }
        int[] classOfRow = new int[column.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        for (int row = 0; row < column.size(); row++) {
            classOfRow[row] = column.isMissing(row) ? -1 : index.get(column.text(row));
        }
        return new LabelEncoding(labelColumn, classes, classOfRow);
    }

    /** The distinct non-missing values of a column, in the order classes are numbered. Stops early past the limit. */
    static List<String> distinctValues(Column column) {
        if (column instanceof NumericColumn numbers) {
            TreeSet<Double> values = new TreeSet<>();
            for (double v : numbers.values()) {
                if (!Double.isNaN(v) && values.add(v) && values.size() > LabelGuesser.MAX_CLASSES) {
                    break;
                }
            }
            List<String> names = new ArrayList<>();
            for (double v : values) {
                names.add(NumericColumn.format(v));
            }
            return names;
        }
        CategoricalColumn categories = (CategoricalColumn) column;
        boolean[] used = new boolean[categories.levels().size()];
        for (int code : categories.codes()) {
            if (code >= 0) {
                used[code] = true;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                names.add(categories.levels().get(i));
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    public int classCount() {
        return classNames.size();
    }

    /**
     * Rows per class, for the class-balance view. Counted once per encoding (a pass over every row, which the
     * preparation makes in the background) and remembered, so the view asks for it on the UI thread for free.
     */
    public int[] classCounts() {
        return COUNTS.get(classOfRow, () -> {
            int[] counts = new int[classNames.size()];
            for (int c : classOfRow) {
                if (c >= 0) {
                    counts[c]++;
                }
            }
            return counts;
        }).clone();
    }

    /** Class counts by class-of-row array. */
    private static final ArrayMemo<int[]> COUNTS = new ArrayMemo<>();
}
