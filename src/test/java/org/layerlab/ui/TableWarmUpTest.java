package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.ui.FxTestSupport.onFx;
import static org.layerlab.ui.FxTestSupport.waitUntil;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class TableWarmUpTest {
    private final StackPane host = new StackPane();

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(host, 400, 300);
        scene.getStylesheets().add(LayerLabApp.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aHiddenTableIsStyledAndLaidOutWithItsCellsThenRemoved() {
        AtomicReference<TableView<Integer>> table = new AtomicReference<>();
        AtomicInteger cellsWhileThere = new AtomicInteger();
        onFx(() -> {
            table.set(TableWarmUp.addTo(host));
            assertThat(table.get().isVisible()).isFalse();
            assertThat(table.get().getSkin()).as("not styled before its first pulse").isNull();
            // Count its cells at the end of the next pulse's layout, before it can be removed.
            host.getScene().addPostLayoutPulseListener(() -> cellsWhileThere.compareAndSet(0,
                    table.get().lookupAll(".table-cell").size()));
        });
        waitUntil("the table is gone", Duration.ofSeconds(10), () -> onFx(() -> host.getChildren().isEmpty()),
                () -> "");
        assertThat(onFx(() -> table.get().getSkin())).as("styled: CSS gave it its skin").isNotNull();
        // 6 rows of 3 columns in its 200 px, the check box column included.
        assertThat(cellsWhileThere.get()).isGreaterThanOrEqualTo(18);
    }
}
