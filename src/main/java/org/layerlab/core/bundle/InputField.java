package org.layerlab.core.bundle;

import java.util.List;
import org.layerlab.core.data.ColumnType;

/**
 * One value a prediction needs: its column name, whether it is a number or a category, and for categories the
 * values seen in training.
 */
public record InputField(String name, ColumnType type, List<String> categories) {
    public InputField {
        categories = List.copyOf(categories);
    }
}
