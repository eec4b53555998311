package org.layerlab.ui;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.util.Callback;

/**
 * Shows a large table's rows in a {@link TableView} that only ever holds the rows in sight, scrolled by a scroll bar
 * of its own (docs/decisions/0024).
 *
 * <p>Why: with a million items JavaFX 21's {@code VirtualFlow} walks a per-row size cache to place its rows, also
 * with a fixed cell size, and each row it moves to a new index gets a full CSS pass ({@code setCellIndex} calls
 * {@code applyCss}): every jump of the scroll bar cost the FX thread 50–120 ms. Here the table's items are the
 * places in sight, 0 to about 30, and never change while scrolling; each cell shows the text of row
 * {@code first + place} through a binding on {@code first}, so scrolling only changes the cells' texts.
 *
 * <p>Up to {@link #WINDOW_FROM_ROWS} rows the table simply holds them all (the items are row numbers) and scrolls as
 * usual. Above, the bar beside the table scrolls; so do the mouse wheel over the table, Page Up/Down, Home/End and
 * the arrow keys. The table has no row selection then (a selected row would be a place in sight, not a row of the
 * data). Columns get their text through {@link #cells}, which works either way.
 *
 * <p>FX thread only.
 */
final class RowWindow {
    /** Tables up to this many rows are shown whole: VirtualFlow handles them smoothly. */
    static final int WINDOW_FROM_ROWS = 50_000;
    /** The style class of a table's own scroll bar while it is hidden ({@link #hideOwnBar}). */
    static final String HIDDEN_BAR = "windowed-away";
    private static final String HIDDEN_BAR_KEY = "layerlab.hiddenOwnBar.";
    /** Rows scrolled per notch of the mouse wheel. */
    private static final int WHEEL_ROWS = 3;

    private final TableView<Integer> table;
    private final ScrollBar bar;
    private final TableView.TableViewSelectionModel<Integer> selection;
    private final double rowHeight;
    /** The first row in sight, while windowed. */
    private final SimpleIntegerProperty first = new SimpleIntegerProperty();
    private int rows;
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
        followViewport(table, (o, was, bounds) -> fitToHeight());
        table.addEventFilter(ScrollEvent.SCROLL, event -> {
            // Shift + wheel scrolls sideways, as in a spreadsheet (ColumnWindow).
            if (windowed && !event.isShiftDown() && Math.abs(event.getDeltaY()) > Math.abs(event.getDeltaX())) {
                scrollTo(first.get() - (int) Math.signum(event.getDeltaY()) * WHEEL_ROWS);
                event.consume();
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (!windowed) {
                return;
            }
            Integer target = switch (event.getCode()) {
                case PAGE_DOWN -> first.get() + Math.max(1, shown - 1);
                case PAGE_UP -> first.get() - Math.max(1, shown - 1);
                case DOWN -> first.get() + 1;
                case UP -> first.get() - 1;
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

    /**
     * A cell value factory for a column of this table: the text of the row each cell shows, from
     * {@code textOfRow} (row numbers start at 0). While windowed each place in sight gets one binding, made once, that
     * follows the first row in sight.
     */
    Callback<TableColumn.CellDataFeatures<Integer, String>, ObservableValue<String>> cells(IntFunction<String> textOfRow) {
        return cells(textOfRow, null);
    }

    /**
     * As {@link #cells(IntFunction)}, for a column whose texts also change when {@code alsoChanges} does (a place of
     * {@link ColumnWindow} shows another column when the table scrolls sideways).
     */
    Callback<TableColumn.CellDataFeatures<Integer, String>, ObservableValue<String>> cells(IntFunction<String> textOfRow,
                                                                                          Observable alsoChanges) {
        List<ObservableValue<String>> byPlace = new ArrayList<>();
        return cell -> {
            int item = cell.getValue();
            if (!windowed) {
                return alsoChanges == null ? new ReadOnlyStringWrapper(textOfRow.apply(item))
                        : Bindings.createStringBinding(() -> textOfRow.apply(item), alsoChanges);
            }
            while (byPlace.size() <= item) {
                int place = byPlace.size();
                Callable<String> text = () -> {
                    int row = first.get() + place;
                    return row < rows ? textOfRow.apply(row) : "";
                };
                byPlace.add(alsoChanges == null ? Bindings.createStringBinding(text, first)
                        : Bindings.createStringBinding(text, first, alsoChanges));
            }
            return byPlace.get(item);
        };
    }

    /** The rows' viewport of {@code table} (below the header, above a horizontal scroll bar); null before its skin. */
    static Node viewportOf(TableView<?> table) {
        return table.lookup(".clipped-container");
    }

    /**
     * Tells {@code listener} of every change of the bounds of {@code table}'s rows' viewport, which exists once the
     * table's skin does (and is made anew with a new skin).
     */
    static void followViewport(TableView<?> table, ChangeListener<Bounds> listener) {
        Node[] followed = {null};
        Runnable attach = () -> {
            Node viewport = viewportOf(table);
            if (viewport != null && viewport != followed[0]) {
                followed[0] = viewport;
                viewport.layoutBoundsProperty().addListener(listener);
            }
        };
        table.skinProperty().addListener((obs, old, skin) -> attach.run());
        attach.run();
    }

    /**
     * Hides the table's own scroll bar of {@code orientation} (while a bar of ours scrolls a window of the table), or
     * shows it again: by a style class on that bar, which the table's next skin gets too. A style class on the table
     * itself would do, but changing it restyles every row and cell of the table as if they were new: 60–100 ms when
     * a large table replaced a small one (docs/decisions/0030).
     */
    static void hideOwnBar(TableView<?> table, Orientation orientation, boolean hidden) {
        table.getProperties().put(HIDDEN_BAR_KEY + orientation, hidden);
        if (table.getProperties().put(HIDDEN_BAR_KEY + "followsSkin", Boolean.TRUE) == null) {
            table.skinProperty().addListener((obs, old, skin) -> markOwnBars(table));
        }
        markOwnBars(table);
    }

    private static void markOwnBars(TableView<?> table) {
        for (Node node : table.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar own && own.getParent() instanceof javafx.scene.control.skin.VirtualFlow) {
                boolean hidden = Boolean.TRUE.equals(table.getProperties().get(HIDDEN_BAR_KEY + own.getOrientation()));
                StyleClasses.set(own.getStyleClass(), HIDDEN_BAR, hidden);
            }
        }
    }

    /** Shows rows 0..{@code rowCount}-1 from the top. */
    void show(int rowCount) {
        rows = Math.max(0, rowCount);
        windowed = rows > WINDOW_FROM_ROWS;
        first.set(0);
        showBar(windowed);
        table.setSelectionModel(windowed ? null : selection);
        // The table's own vertical bar would only scroll the last row's leftover pixels: ours scrolls the rows.
        hideOwnBar(table, Orientation.VERTICAL, windowed);
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
        shown = 0;
        fitToHeight();
    }

    /** Makes {@code row} the first row in sight (clamped to the table). */
    void scrollTo(int row) {
        if (!windowed) {
            table.scrollTo(Math.max(0, Math.min(rows - 1, row)));
            return;
        }
        first.set(Math.max(0, Math.min(Math.max(0, rows - shown), row)));
        updateBar();
    }

    /** The first row in sight. */
    int firstRow() {
        return windowed ? first.get() : 0;
    }

    /** How many rows the table shows at once while windowed (0 when not windowed). */
    int rowsInSight() {
        return windowed ? shown : 0;
    }

    boolean isWindowed() {
        return windowed;
    }

    /** As many places as fit under the header without a scroll bar of the table's own. */
    private void fitToHeight() {
        if (!windowed) {
            return;
        }
        Node viewport = viewportOf(table);
        double available;
        if (viewport != null && viewport.getLayoutBounds().getHeight() > 0) {
            available = viewport.getLayoutBounds().getHeight();
        } else {
            Node header = table.lookup(".column-header-background");
            double headerHeight = header == null ? 30 : header.getLayoutBounds().getHeight();
            available = table.getHeight() - headerHeight - 18; // room for a horizontal scroll bar
        }
        int fit = Math.min(rows, Math.max(1, (int) Math.floor(available / rowHeight)));
        if (fit != shown || table.getItems().size() != fit) {
            shown = fit;
            List<Integer> places = new ArrayList<>(fit);
            for (int place = 0; place < fit; place++) {
                places.add(place);
            }
            ObservableList<Integer> items = FXCollections.observableArrayList(places);
            table.setItems(items);
        }
        first.set(Math.max(0, Math.min(first.get(), rows - shown)));
        updateBar();
    }

    private void updateBar() {
        updatingBar = true;
        try {
            bar.setMin(0);
            bar.setMax(Math.max(0, rows - shown));
            bar.setVisibleAmount(Math.max(1, shown));
            bar.setBlockIncrement(Math.max(1, shown - 1));
            bar.setValue(first.get());
        } finally {
            updatingBar = false;
        }
    }

    private void showBar(boolean visible) {
        bar.setVisible(visible);
        bar.setManaged(visible);
    }
}
