package org.layerlab.core.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.explore.ColumnSummary.CategoryCount;

/**
 * How many rows have each category of a column, for the bar chart: the most frequent first, the rest (beyond
 * {@code limit}) summed as {@code other}.
 */
public record CategoryCounts(List<CategoryCount> shown, int other, int missing, int distinct) {
    public CategoryCounts {
        shown = List.copyOf(shown);
    }

    public static CategoryCounts of(CategoricalColumn column, int limit) {
        int[] counts = new int[column.levels().size()];
        int missing = 0;
        for (int code : column.codes()) {
            if (code < 0) {
                missing++;
            } else {
                counts[code]++;
            }
        }
        List<CategoryCount> all = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                all.add(new CategoryCount(column.levels().get(code), counts[code]));
            }
        }
        all.sort(Comparator.comparingInt(CategoryCount::count).reversed().thenComparing(CategoryCount::category));
        int other = 0;
        for (int i = limit; i < all.size(); i++) {
            other += all.get(i).count();
        }
        return new CategoryCounts(all.subList(0, Math.min(limit, all.size())), other, missing, all.size());
    }
}
