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
 * <p>Up to {@link #WINDOW_FROM_COLUMNS} columns the table simply holds them all and scrolls sideways as usual.
 * Above, the bar under the table scrolls; so do a sideways scroll of the wheel or touchpad, the wheel with Shift
 * held, and the Left and Right keys. A column made wider or narrower by dragging its header's edge keeps that width when scrolled back to.
 *
 * <p>FX thread only.
 */
final class ColumnWindow {
    /** Tables with up to this many data columns are shown whole. */
    static final int WINDOW_FROM_COLUMNS = 12;

    /** A data column as the table shows it: header, width, alignment and the text of each row. */
    record Shown(String name, double width, boolean numeric, IntFunction<String> textOfRow) {
    }

    private final TableView<Integer> table;
    private final ScrollBar bar;
    private final RowWindow rows;
    /** Re-marks the table's columns (label, excluded) after the places show other columns. */
    private final Runnable restyle;
    /** The first data column in sight, while windowed. */
    private final SimpleIntegerProperty first = new SimpleIntegerProperty();
    private final List<TableColumn<Integer, String>> places = new ArrayList<>();
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
        places.clear();
        table.getStyleClass().remove("windowed-columns");
        showBar(windowed);
        List<TableColumn<Integer, ?>> all = new ArrayList<>();
        all.add(rowNumbers);
        if (!windowed) {
            for (Shown column : columns) {
                TableColumn<Integer, String> view = column(column.name());
                view.setCellValueFactory(rows.cells(column.textOfRow()));
                view.setPrefWidth(column.width());
                if (column.numeric()) {
                    view.getStyleClass().add("numeric");
                }
                all.add(view);
            }
            // All columns in one change: the table rebuilds its cells once rather than once per column.
            table.getColumns().setAll(all);
            return;
        }
        // The table's own horizontal bar would only scroll the last place's leftover pixels: ours scrolls columns.
        table.getStyleClass().add("windowed-columns");
        first.set(0);
        int count = Math.min(columns.size(), placesThatFit(0));
        for (int place = 0; place < count; place++) {
            places.add(place(place));
        }
        all.addAll(places);
        table.getColumns().setAll(all);
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
        return windowed ? first.get() : 0;
    }

    /** How many data columns the table holds at once (all of them when not windowed). */
    int columnsHeld() {
        return windowed ? places.size() : columns.size();
    }

    boolean isWindowed() {
        return windowed;
    }

    private TableColumn<Integer, String> column(String name) {
        TableColumn<Integer, String> view = new TableColumn<>(name);
        view.setUserData(name);
        view.setSortable(false);
        view.setReorderable(false);
        return view;
    }

    /** Place {@code place}: shows data column {@code first + place}, or nothing past the last column. */
    private TableColumn<Integer, String> place(int place) {
        TableColumn<Integer, String> view = column("");
        view.setCellValueFactory(rows.cells(row -> {
            int column = first.get() + place;
            return column < columns.size() ? columns.get(column).textOfRow().apply(row) : "";
        }, first));
        view.widthProperty().addListener((obs, old, width) -> {
            int column = first.get() + place;
            if (!arranging && column < columns.size()) {
                widths[column] = width.doubleValue(); // the user dragged the header's edge
            }
        });
        return view;
    }

    /** Adds places when more columns fit (the window grew, or narrower columns came into sight), then fills them. */
    private void arrange() {
        if (!windowed) {
            return;
        }
        int needed = Math.min(columns.size(), placesThatFit(first.get()));
        if (needed > places.size()) {
            List<TableColumn<Integer, String>> more = new ArrayList<>();
            for (int place = places.size(); place < needed; place++) {
                more.add(place(place));
            }
            places.addAll(more);
            table.getColumns().addAll(more);
        }
        fill();
    }

    /** Gives each place the header, width and alignment of the column it now shows. */
    private void fill() {
        arranging = true;
        try {
            for (int place = 0; place < places.size(); place++) {
                TableColumn<Integer, String> view = places.get(place);
                int column = first.get() + place;
                boolean exists = column < columns.size();
                String name = exists ? columns.get(column).name() : "";
                view.setText(name);
                view.setUserData(exists ? name : null);
                view.setPrefWidth(exists ? widths[column] : 56);
                boolean numeric = exists && columns.get(column).numeric();
                if (numeric != view.getStyleClass().contains("numeric")) {
                    if (numeric) {
                        view.getStyleClass().add("numeric");
                    } else {
                        view.getStyleClass().remove("numeric");
                    }
                }
            }
            updateBar();
        } finally {
            arranging = false;
        }
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
            bar.setVisibleAmount(Math.max(1, Math.min(places.size(), columns.size())));
            bar.setBlockIncrement(Math.max(1, places.size() - 1));
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
