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

    /**
     * Counted once per column and remembered (by the identity of its array, which never changes): the Data step
     * shows every column's count on the FX thread, and a million rows took milliseconds per column there. The
     * reader counts while it still works in the background ({@link ColumnBuilder}).
     */
    @Override
    public int missingCount() {
        return MISSING.get(codes, () -> {
            int missing = 0;
            for (int code : codes) {
                if (code < 0) {
                    missing++;
                }
            }
            return missing;
        });
    }

    /** Missing counts by column array. */
    private static final ArrayMemo<Integer> MISSING = new ArrayMemo<>();

    public int code(int row) {
        return codes[row];
    }

    @Override
    public String text(int row) {
        int code = codes[row];
        return code < 0 ? "" : levels.get(code);
    }
}
