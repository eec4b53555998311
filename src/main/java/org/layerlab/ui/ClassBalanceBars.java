package org.layerlab.ui;

import java.util.List;
import java.util.function.IntFunction;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** How many examples each class has, as rows of name, bar and count: the Data step's class balance, for tables and images. */
final class ClassBalanceBars {
    private ClassBalanceBars() {
    }

    /**
     * @param countText the text after class {@code c}'s bar, e.g. "1,234 images"
     */
    static GridPane of(List<String> classNames, int[] counts, IntFunction<String> countText) {
        int max = 1;
        for (int count : counts) {
            max = Math.max(max, count);
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("class-balance");
        grid.setHgap(8);
        grid.setVgap(4);
        for (int c = 0; c < counts.length; c++) {
            Label name = new Label(classNames.get(c));
            name.getStyleClass().add("class-name");
            name.setMaxWidth(120);
            Region bar = new Region();
            bar.getStyleClass().add("class-bar");
            bar.setPrefWidth(Math.max(2, 140.0 * counts[c] / max));
            bar.setMinWidth(Region.USE_PREF_SIZE);
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            HBox track = new HBox(bar);
            track.getStyleClass().add("class-track");
            track.setPrefWidth(140);
            track.setMinWidth(60);
            HBox.setHgrow(track, Priority.ALWAYS);
            Label number = new Label(countText.apply(c));
            number.getStyleClass().add("class-count");
            grid.addRow(c, name, track, number);
        }
        return grid;
    }
}
