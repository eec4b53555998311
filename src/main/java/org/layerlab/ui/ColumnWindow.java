package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Shows a wide table's columns in a {@link TableView} that only holds the columns in sight, scrolled sideways a
 * whole column at a time by a scroll bar of its own (docs/decisions/0025). The rows are {@link RowWindow}'s.
 *
 * <p>Why: a table cell costs JavaFX about a quarter of a millisecond to create and style, and a {@code TableView}
 * makes cells for every column of every row in sight, whether the column is in sight or not (its own horizontal
 * virtualisation measures the row, which is as wide as all columns together). Opening a table of 20 columns held
 * the window for 200–400 ms; 65 columns (the digits sample) for 300 ms; 300 columns for 1.3 s, and every later
 * layout of the table for another 200 ms. Here the table's columns are <em>places</em>: as many as fit beside each
 * other, each showing the header, width and texts of data column {@code first + place}. Scrolling sideways changes
 * what the places show; no cell is created.
 *
 * <p>The places are the same table columns for every table, and there are always at least {@link #PLACES} of them;
 * those not needed show nothing and are zero wide. A table row keeps the cells it made for a column as long as the
 * table's list of columns does not change, and any change of that list makes every row take its cells out and put
 * them back, which restyles each cell as if new (about a quarter of a millisecond per cell). So a new table, shown in
 * the same places, only changes the cells' texts and widths; with {@link DataController}'s warm-up while no table is
 * open, even the first table of a session finds its cells made and styled (docs/decisions/0030).
 *
 * <p>Up to {@link #WINDOW_FROM_COLUMNS} columns the table simply holds them all and scrolls sideways as usual.
 * Above, the bar under the table scrolls; so do a sideways scroll of the wheel or touchpad, the wheel with Shift
 * held, and the Left and Right keys. A column made wider or narrower by dragging its header's edge keeps that width when scrolled back to.
 *
 * <p>FX thread only.
 */
final class ColumnWindow {
    /** Tables with up to this many data columns are shown whole. */
    static final int WINDOW_FROM_COLUMNS = 12;
    /** The places made up front: more than {@link #WINDOW_FROM_COLUMNS}, and than a wide window fits. */
    static final int PLACES = 16;
    /** The narrowest a place showing a column gets (JavaFX's default). */
    private static final double MIN_WIDTH = 10;

    /** A data column as the table shows it: header, width, alignment and the text of each row. */
    record Shown(String name, double width, boolean numeric, IntFunction<String> textOfRow) {
    }

    private final TableView<Integer> table;
    private final ScrollBar bar;
    private final RowWindow rows;
    /** Re-marks the table's columns (label, excluded) after the places show other columns. */
    private final Runnable restyle;
    /** The first data column in sight, while windowed (0 otherwise). */
    private final SimpleIntegerProperty first = new SimpleIntegerProperty();
    /** Changes whenever what the places show changes, so that their cells ask for their texts again. */
    private final SimpleIntegerProperty shownVersion = new SimpleIntegerProperty();
    private final List<TableColumn<Integer, String>> places = new ArrayList<>();
    /** How many places, from the first, show a data column (or the blank past the last one); the rest are unused. */
    private int used;
    private TableColumn<Integer, ?> rowNumbers;
    private List<Shown> columns = List.of();
    private double[] widths = new double[0];
    private boolean windowed;
    /** True while the places are being set up, so that their width changes are not taken for the user's. */
    private boolean arranging;
    private boolean updatingBar;

    /**
     * @param table   shows the rows and columns
     * @param bar     the horizontal scroll bar under it, shown only while the columns are windowed
     * @param rows    the table's rows
     * @param restyle marks the columns (by their user data, the column's name) after they change
     */
    ColumnWindow(TableView<Integer> table, ScrollBar bar, RowWindow rows, Runnable restyle) {
        this.table = table;
        this.bar = bar;
        this.rows = rows;
        this.restyle = restyle;
        while (places.size() < PLACES) {
            places.add(place(places.size()));
        }
        bar.setOrientation(Orientation.HORIZONTAL);
        bar.setUnitIncrement(1);
        showBar(false);
        bar.valueProperty().addListener((obs, old, value) -> {
            if (!updatingBar) {
                scrollTo((int) Math.round(value.doubleValue()));
            }
        });
        table.widthProperty().addListener((obs, old, width) -> arrange());
        // The rows' viewport is laid out after the table gets its width: follow the viewport too, or a table that came
        // back to a wider window (its step was out of the scene when the window grew) keeps too few places.
        RowWindow.followViewport(table, (o, was, bounds) -> {
            if (was.getWidth() != bounds.getWidth()) {
                arrange();
            }
        });
        table.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (!windowed) {
                return;
            }
            // A sideways scroll of a touchpad or tilting wheel, or the wheel with Shift held, as in a spreadsheet.
            double sideways = Math.abs(event.getDeltaX()) > Math.abs(event.getDeltaY()) ? event.getDeltaX()
                    : event.isShiftDown() ? event.getDeltaY() : 0;
            if (sideways != 0) {
                scrollTo(first.get() - (int) Math.signum(sideways));
                event.consume();
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (!windowed) {
                return;
            }
            switch (event.getCode()) {
                case LEFT -> scrollTo(first.get() - 1);
                case RIGHT -> scrollTo(first.get() + 1);
                default -> {
                    return;
                }
            }
            event.consume();
        });
    }

    /** Shows {@code shown} after {@code rowNumbers} (the "#" column, always in sight), from the first column. */
    void show(TableColumn<Integer, ?> rowNumbers, List<Shown> shown) {
        this.rowNumbers = rowNumbers;
        this.columns = List.copyOf(shown);
        this.widths = shown.stream().mapToDouble(Shown::width).toArray();
        windowed = columns.size() > WINDOW_FROM_COLUMNS;
        first.set(0);
        // The table's own horizontal bar would only scroll the last place's leftover pixels: ours scrolls columns.
        RowWindow.hideOwnBar(table, Orientation.HORIZONTAL, windowed);
        showBar(windowed);
        fill();
    }

    /** Makes data column {@code column} the first in sight (clamped to the table). */
    void scrollTo(int column) {
        if (!windowed) {
            return;
        }
        int target = Math.max(0, Math.min(lastFirst(), column));
        if (target == first.get()) {
            updateBar();
            return;
        }
        first.set(target);
        arrange();
    }

    /** The first data column in sight (0 when not windowed). */
    int firstColumn() {
        return first.get();
    }

    /** How many data columns the table shows at once (all of them when not windowed). */
    int columnsHeld() {
        return windowed ? used : columns.size();
    }

    boolean isWindowed() {
        return windowed;
    }

    /** Place {@code place}: shows data column {@code first + place} while it is one of the {@link #used} places. */
    private TableColumn<Integer, String> place(int place) {
        TableColumn<Integer, String> view = new TableColumn<>("");
        view.setSortable(false);
        view.setReorderable(false);
        view.setCellValueFactory(rows.cells(row -> {
            int column = first.get() + place;
            return place < used && column < columns.size() ? columns.get(column).textOfRow().apply(row) : "";
        }, shownVersion));
        view.widthProperty().addListener((obs, old, width) -> {
            int column = first.get() + place;
            if (windowed && !arranging && place < used && column < columns.size()) {
                widths[column] = width.doubleValue(); // the user dragged the header's edge
            }
        });
        return view;
    }

    /** Follows a change of the room there is (the window, or the widths of the columns now in sight). */
    private void arrange() {
        if (windowed) {
            fill();
        }
    }

    /** Gives each place the header, width and alignment of the column it now shows, or makes it unused. */
    private void fill() {
        used = windowed ? Math.min(columns.size(), placesThatFit(first.get())) : columns.size();
        List<TableColumn<Integer, ?>> all = new ArrayList<>();
        all.add(rowNumbers);
        while (places.size() < used) {
            places.add(place(places.size())); // a wider window than the places were made for
        }
        all.addAll(places);
        if (!table.getColumns().equals(all)) {
            table.getColumns().setAll(all); // in one change: the rows redo their cells once
        }
        arranging = true;
        try {
            for (int place = 0; place < places.size(); place++) {
                TableColumn<Integer, String> view = places.get(place);
                int column = first.get() + place;
                boolean exists = place < used && column < columns.size();
                String name = exists ? columns.get(column).name() : "";
                view.setText(name);
                view.setUserData(exists ? name : null);
                view.setMinWidth(place < used ? MIN_WIDTH : 0);
                view.setPrefWidth(exists ? widths[column] : place < used ? 56 : 0);
                view.setResizable(place < used);
                if (exists) {
                    // Not on the places left unused: a change of a column's classes restyles all its cells.
                    StyleClasses.set(view.getStyleClass(), "numeric", columns.get(column).numeric());
                }
            }
            if (windowed) {
                updateBar();
            }
        } finally {
            arranging = false;
        }
        shownVersion.set(shownVersion.get() + 1);
        restyle.run();
    }

    /** How many columns from {@code from} fill the width beside the row numbers, counting a partly seen one. */
    private int placesThatFit(int from) {
        double available = viewportWidth() - (rowNumbers == null ? 0 : rowNumbers.getWidth());
        int count = 0;
        double used = 0;
        for (int column = from; column < columns.size() && used < available; column++) {
            used += widths[column];
            count++;
        }
        return Math.max(1, count);
    }

    /** The first column from which every remaining column fits fully in sight: the bar's end. */
    private int lastFirst() {
        double available = viewportWidth() - (rowNumbers == null ? 0 : rowNumbers.getWidth());
        double used = 0;
        int column = columns.size();
        while (column > 0 && used + widths[column - 1] <= available) {
            used += widths[column - 1];
            column--;
        }
        return Math.min(column, columns.size() - 1);
    }

    private double viewportWidth() {
        Node viewport = RowWindow.viewportOf(table);
        if (viewport != null && viewport.getLayoutBounds().getWidth() > 0) {
            return viewport.getLayoutBounds().getWidth();
        }
        return table.getWidth() > 0 ? table.getWidth() - 18 : 600; // before the first layout: a guess, fixed later
    }

    private void updateBar() {
        updatingBar = true;
        try {
            int end = Math.max(0, lastFirst());
            bar.setMin(0);
            bar.setMax(end);
            bar.setVisibleAmount(Math.max(1, Math.min(used, columns.size())));
            bar.setBlockIncrement(Math.max(1, used - 1));
            bar.setValue(Math.min(first.get(), end));
            showBar(end > 0); // a window wide enough for every column needs no bar
        } finally {
            updatingBar = false;
        }
    }

    private void showBar(boolean visible) {
        bar.setVisible(visible);
        bar.setManaged(visible);
    }
}
