package org.layerlab.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded data table: named, typed columns of equal length. Immutable once built.
 *
 * @param source where the table was read from, as shown to the user (a file name)
 */
public record Table(String source, List<Column> columns) {
    public Table {
        columns = List.copyOf(columns);
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column column : columns) {
            if (column.size() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size()
                        + " rows, expected " + rows);
            }
        }
    }

    public int rowCount() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public int columnCount() {
        return columns.size();
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        return names;
    }

    public Optional<Column> find(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column called {@code name}, or a {@link DataProblem} that lists the columns there are. */
    public Column column(String name) {
        return find(name).orElseThrow(() -> new DataProblem("There is no column called '" + name + "' in "
                + source + ". The columns are: " + String.join(", ", columnNames()) + "."));
    }
}
