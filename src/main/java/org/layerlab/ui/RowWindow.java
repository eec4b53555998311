package org.layerlab.ui;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Shows a large table's rows in a {@link TableView} that only ever holds the rows in sight, scrolled by a scroll bar
 * of its own (docs/decisions/0024). The items are row numbers; the columns turn them into text.
 *
 * <p>Why: JavaFX 21's {@code VirtualFlow} walks a per-row size cache as long as the item list to place its rows,
 * also with a fixed cell size; with a million rows every jump of the scroll bar cost the FX thread 50–120 ms (JFR:
 * {@code getOrCreateCellSize}, {@code recalculateAndImproveEstimatedSize}). Here the table has a few dozen items and
 * scrolling replaces them: the cost no longer depends on the table's length.
 *
 * <p>Up to {@link #WINDOW_FROM_ROWS} rows the table simply holds them all and scrolls as usual. Above, the bar
 * beside the table scrolls; so do the mouse wheel over the table, Page Up/Down, Home/End and the arrow keys. The
 * table has no row selection then (a selected row would be a place in the window, not a row of the data).
 *
 * <p>FX thread only.
 */
final class RowWindow {
    /** Tables up to this many rows are shown whole: VirtualFlow handles them smoothly. */
    static final int WINDOW_FROM_ROWS = 50_000;
    /** Rows scrolled per notch of the mouse wheel. */
    private static final int WHEEL_ROWS = 3;

    private final TableView<Integer> table;
    private final ScrollBar bar;
    private final TableView.TableViewSelectionModel<Integer> selection;
    private final ObservableList<Integer> window = FXCollections.observableArrayList();
    private final double rowHeight;
    private int rows;
    private int first;
    private int shown;
    private boolean windowed;
    private boolean updatingBar;

    /**
     * @param table shows the rows; its fixed cell size must be set
     * @param bar   the vertical scroll bar beside it, shown only while the rows are windowed
     */
    RowWindow(TableView<Integer> table, ScrollBar bar) {
        this.table = table;
        this.bar = bar;
        this.selection = table.getSelectionModel();
        this.rowHeight = table.getFixedCellSize();
        if (!(rowHeight > 0)) {
            throw new IllegalArgumentException("The table needs a fixed cell size");
        }
        bar.setOrientation(Orientation.VERTICAL);
        bar.setUnitIncrement(1);
        showBar(false);
        bar.valueProperty().addListener((obs, old, value) -> {
            if (!updatingBar) {
                scrollTo((int) Math.round(value.doubleValue()));
            }
        });
        table.heightProperty().addListener((obs, old, height) -> fitToHeight());
        table.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (windowed && Math.abs(event.getDeltaY()) > Math.abs(event.getDeltaX())) {
                scrollTo(first - (int) Math.signum(event.getDeltaY()) * WHEEL_ROWS);
                event.consume();
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (!windowed) {
                return;
            }
            Integer target = switch (event.getCode()) {
                case PAGE_DOWN -> first + Math.max(1, shown - 1);
                case PAGE_UP -> first - Math.max(1, shown - 1);
                case DOWN -> first + 1;
                case UP -> first - 1;
                case HOME -> 0;
                case END -> rows;
                default -> null;
            };
            if (target != null) {
                scrollTo(target);
                event.consume();
            }
        });
    }

    /** Shows rows 0..{@code rowCount}-1 from the top. */
    void show(int rowCount) {
        rows = Math.max(0, rowCount);
        first = 0;
        windowed = rows > WINDOW_FROM_ROWS;
        showBar(windowed);
        table.setSelectionModel(windowed ? null : selection);
        if (!windowed) {
            int count = rows;
            table.setItems(FXCollections.observableList(new AbstractList<>() {
                @Override
                public Integer get(int index) {
                    return index;
                }

                @Override
                public int size() {
                    return count;
                }
            }));
            table.scrollTo(0);
            return;
        }
        table.setItems(window);
        fitToHeight();
    }

    /** Makes {@code row} the first row in sight (clamped to the table). */
    void scrollTo(int row) {
        if (!windowed) {
            table.scrollTo(Math.max(0, Math.min(rows - 1, row)));
            return;
        }
        int clamped = Math.max(0, Math.min(Math.max(0, rows - shown), row));
        if (clamped != first || window.size() != Math.min(shown, rows)) {
            first = clamped;
            fillWindow();
        }
    }

    /** The first row in sight. */
    int firstRow() {
        return windowed ? first : 0;
    }

    /** How many rows the table shows at once while windowed (0 when not windowed). */
    int rowsInSight() {
        return windowed ? shown : 0;
    }

    boolean isWindowed() {
        return windowed;
    }

    /** As many rows as fit under the header without a scroll bar of the table's own. */
    private void fitToHeight() {
        if (!windowed) {
            return;
        }
        Node header = table.lookup(".column-header-background");
        double headerHeight = header == null ? 30 : header.getLayoutBounds().getHeight();
        // Leave room for the horizontal scroll bar, which appears when the columns are wider than the table.
        double available = table.getHeight() - headerHeight - 18;
        shown = Math.max(1, (int) Math.floor(available / rowHeight));
        first = Math.max(0, Math.min(first, rows - shown));
        fillWindow();
    }

    private void fillWindow() {
        int count = Math.min(shown, rows - first);
        List<Integer> rowNumbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rowNumbers.add(first + i);
        }
        window.setAll(rowNumbers);
        updatingBar = true;
        try {
            bar.setMin(0);
            bar.setMax(Math.max(0, rows - shown));
            bar.setVisibleAmount(Math.max(1, Math.min(shown, rows)));
            bar.setBlockIncrement(Math.max(1, shown - 1));
            bar.setValue(first);
        } finally {
            updatingBar = false;
        }
    }

    private void showBar(boolean visible) {
        bar.setVisible(visible);
        bar.setManaged(visible);
    }
}
