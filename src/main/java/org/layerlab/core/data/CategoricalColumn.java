package org.layerlab.core.data;

import java.util.List;
import java.util.Objects;

/** A column of categories: each cell is an index into {@link #levels()}, or -1 when missing. */
public record CategoricalColumn(String name, int[] codes, List<String> levels) implements Column {
    public CategoricalColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codes, "codes");
        levels = List.copyOf(levels);
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    /** A plain loop over the codes: the Data step counts every column's missing values on the FX thread. */
    @Override
    public int missingCount() {
        int missing = 0;
        for (int code : codes) {
            if (code < 0) {
                missing++;
            }
        }
        return missing;
    }

    public int code(int row) {
        return codes[row];
    }

    @Override
    public String text(int row) {
        int code = codes[row];
        return code < 0 ? "" : levels.get(code);
    }
}
