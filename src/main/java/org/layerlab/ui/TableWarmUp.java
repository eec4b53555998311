package org.layerlab.ui;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Pane;

/**
 * A small hidden table laid out with the window's first frame and then removed, so that the first real table of the
 * session does not pay JavaFX's one-time costs for tables (loading and initialising the classes of table, row, cell,
 * header and check box skins; CSS for them) while a data set opens. Measured, the first table with rows in a session
 * (the Data step's column list) held the FX thread 60–87 ms in one pulse where later ones took a fraction of that
 * (docs/performance.md, session 6). The window's first frame is slow anyway; this adds to it, not to a later one.
 *
 * <p>FX thread. (Built on another thread, even off screen, JavaFX's controls share text-measuring state with the
 * window's: that broke the window's text layout in tests — docs/decisions/0027.)
 */
final class TableWarmUp {
    private TableWarmUp() {
    }

    /** Adds the hidden table to {@code host}, which must be in the window's scene, and removes it once laid out. */
    static TableView<Integer> addTo(Pane host) {
        TableView<Integer> table = new TableView<>(FXCollections.observableArrayList(List.of(0, 1, 2, 3, 4, 5)));
        table.getStyleClass().add("data-table");
        TableColumn<Integer, String> number = new TableColumn<>("#");
        number.getStyleClass().add("row-number");
        number.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Integer.toString(cell.getValue() + 1)));
        TableColumn<Integer, String> value = new TableColumn<>("value");
        value.getStyleClass().add("numeric");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Double.toString(cell.getValue() / 7.0)));
        TableColumn<Integer, Integer> use = new TableColumn<>("Use");
        use.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        use.setCellFactory(column -> new TableCell<>() {
            private final CheckBox box = new CheckBox();

            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty ? null : box);
            }
        });
        table.getColumns().setAll(List.of(number, value, use));
        table.setManaged(false);
        table.setVisible(false);
        table.resize(360, 200);
        host.getChildren().add(table);
        // Styled and laid out in the next pulse; gone at the start of the one after, before anyone could see it.
        new OnePerPulse().afterNextLayout(() -> host.getChildren().remove(table));
        return table;
    }
}
