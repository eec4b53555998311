package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The preview tables of the Data step (preprocessing and augmentation), whose items are rows of texts and whose columns
 * are replaced with every new preview. FX thread only.
 */
final class PreviewTables {
    private PreviewTables() {
    }

    /** A column, not sortable, showing text {@code index} of each row. */
    static TableColumn<List<String>, String> column(String header, int index) {
        TableColumn<List<String>, String> view = new TableColumn<>(header);
        view.setSortable(false);
        view.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(index)));
        return view;
    }

    /**
     * Replaces the table's columns and rows. The rows go out first, or each row in place would rebuild its cells for
     * the new columns and then again for the new items; the columns come in one change, as one by one they rebuilt the
     * header and every row's cells once per column (a tenth of a second for the preview of a wide table).
     */
    static void show(TableView<List<String>> table, List<TableColumn<List<String>, ?>> columns,
                     List<List<String>> rows) {
        table.setItems(FXCollections.observableArrayList());
        table.getColumns().setAll(columns);
        table.setItems(FXCollections.observableArrayList(new ArrayList<>(rows)));
    }
}
