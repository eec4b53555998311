package org.layerlab.core.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;

/**
 * Points of two columns, grouped by the class column's value, for a scatter plot. Rows missing either value are
 * left out. Above {@code maxPoints} rows a random sample (fixed seed, so the picture does not jump) is drawn and
 * {@link #sampled} says so. A category column is plotted by its category number.
 *
 * @param groups class → its points as {x, y} pairs: every class of the table (also one with no point here), in order
 *               of first appearance in the table, so that every plot of one table lists the classes in the same
 *               order and so gives each class the same colour (a scatter matrix's cells, its legend, the scatter)
 * @param shown  points drawn; {@code available} rows had both values
 */
public record ScatterSample(String xColumn, String yColumn, Map<String, double[][]> groups, int shown,
                            int available) {
    /** The most points a scatter plot draws; more would not show more and would slow the window. */
    public static final int MAX_POINTS = 20_000;

    public ScatterSample {
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    public boolean sampled() {
        return shown < available;
    }

    /**
     * @param classColumn the column whose values colour the points, or null for one colour
     */
    public static ScatterSample of(Table table, String xColumn, String yColumn, String classColumn, int maxPoints,
                                   long seed) {
        Column x = table.column(xColumn);
        Column y = table.column(yColumn);
        Column byClass = classColumn == null ? null : table.column(classColumn);
        int rowCount = table.rowCount();
        int[] rows = new int[rowCount];
        int available = 0;
        for (int row = 0; row < rowCount; row++) {
            if (!x.isMissing(row) && !y.isMissing(row)) {
                rows[available++] = row;
            }
        }
        int shown = Math.min(available, maxPoints);
        if (shown < available) {
            // Partial Fisher–Yates: the first `shown` places hold a uniform sample; then back in row order.
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < shown; i++) {
                int j = i + random.nextInt(available - i);
                int swap = rows[i];
                rows[i] = rows[j];
                rows[j] = swap;
            }
            java.util.Arrays.sort(rows, 0, shown);
        }
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (String group : classOrder(table, classColumn)) {
            points.put(group, new ArrayList<>());
        }
        for (int i = 0; i < shown; i++) {
            int row = rows[i];
            String group = byClass == null ? "rows" : byClass.isMissing(row) ? "(missing)" : byClass.text(row);
            points.computeIfAbsent(group, g -> new ArrayList<>()).add(new double[] {value(x, row), value(y, row)});
        }
        Map<String, double[][]> groups = new LinkedHashMap<>();
        points.forEach((group, list) -> groups.put(group, list.toArray(double[][]::new)));
        return new ScatterSample(xColumn, yColumn, groups, shown, available);
    }

    /**
     * The classes of {@code classColumn} in order of first appearance in the table ("(missing)" for rows without
     * one); the one group "rows" when there is no class column.
     */
    public static List<String> classOrder(Table table, String classColumn) {
        if (classColumn == null) {
            return List.of("rows");
        }
        Column byClass = table.column(classColumn);
        java.util.LinkedHashSet<String> order = new java.util.LinkedHashSet<>();
        int rowCount = table.rowCount();
        for (int row = 0; row < rowCount; row++) {
            order.add(byClass.isMissing(row) ? "(missing)" : byClass.text(row));
        }
        return List.copyOf(order);
    }

    private static double value(Column column, int row) {
        return column instanceof NumericColumn numbers ? numbers.value(row) : ((CategoricalColumn) column).code(row);
    }

    /** Up to {@code max} numeric columns for a scatter matrix, the label left out, in table order. */
    public static List<String> matrixColumns(Table table, String labelColumn, int max) {
        List<String> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column instanceof NumericColumn && !column.name().equals(labelColumn) && columns.size() < max) {
                columns.add(column.name());
            }
        }
        return columns;
    }
}
