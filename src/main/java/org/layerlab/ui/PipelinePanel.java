package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckComboBox;
import org.layerlab.core.preprocess.PipelinePreview;
import org.layerlab.core.preprocess.PipelineStep;
import org.layerlab.core.preprocess.PipelineStep.ImputeStrategy;
import org.layerlab.core.preprocess.PipelineStep.StepKind;

/**
 * Wires the Preprocessing card of the Data view (declared in DataView.fxml) to its {@link PipelineViewModel}: the step
 * list, the Add menu, Remove/Up/Down, the selected step's settings and the before/after preview tables.
 */
final class PipelinePanel {
    private final PipelineViewModel model;
    private final ListView<PipelineStep> stepList;
    private final VBox stepEditor;
    private final TableView<List<String>> beforeTable;
    private final TableView<List<String>> afterTable;
    /** True while the list or the editor is rebuilt from the model, so that this is not taken for a user edit. */
    private boolean syncing;

    PipelinePanel(PipelineViewModel model, ListView<PipelineStep> stepList, MenuButton addStepButton,
                  Button removeButton, Button upButton, Button downButton, VBox stepEditor, Label previewNote,
                  TableView<List<String>> beforeTable, TableView<List<String>> afterTable) {
        this.model = model;
        this.stepList = stepList;
        this.stepEditor = stepEditor;
        this.beforeTable = beforeTable;
        this.afterTable = afterTable;

        for (StepKind kind : StepKind.values()) {
            MenuItem item = new MenuItem(kind.label());
            item.setId("add-" + kind.id());
            item.setOnAction(event -> model.add(kind));
            addStepButton.getItems().add(item);
        }
        addStepButton.setTooltip(new Tooltip("Add a step at the end of the pipeline."));

        stepList.setItems(model.steps());
        stepList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(PipelineStep step, boolean empty) {
                super.updateItem(step, empty);
                setText(empty || step == null ? null : (getIndex() + 1) + ". " + step.describe());
                setTooltip(empty || step == null ? null : new Tooltip(step.kind().explanation()));
            }
        });
        stepList.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (!syncing) {
                model.selectedProperty().set(index.intValue());
            }
        });
        model.selectedProperty().addListener((obs, old, index) -> selectInList(index.intValue()));
        model.steps().addListener((ListChangeListener<PipelineStep>) change -> {
            selectInList(model.selectedProperty().get());
            buildEditor();
        });
        model.selectedProperty().addListener((obs, old, index) -> buildEditor());

        removeButton.disableProperty().bind(model.selectedProperty().lessThan(0));
        upButton.disableProperty().bind(model.selectedProperty().lessThan(1));
        downButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.selectedProperty().get() < 0 || model.selectedProperty().get() >= model.steps().size() - 1,
                model.selectedProperty(), model.steps()));

        previewNote.textProperty().bind(model.previewNoteProperty());
        // Built when scrolled to, as the augmentation preview: the tables are below the fold of the Data step's
        // column at the usual window sizes, and building them (new columns and cells for every table opened) took
        // the FX thread while a large table's rows first appeared (docs/decisions/0030).
        RebuildWhenShown previewBuild = new RebuildWhenShown(beforeTable, ScrolledIntoView.of(beforeTable),
                () -> showPreview(model.previewProperty().get()));
        model.previewProperty().addListener((obs, old, preview) -> previewBuild.request());
        buildEditor();
        previewBuild.request();
    }

    private void selectInList(int index) {
        syncing = true;
        try {
            if (index < 0 || index >= model.steps().size()) {
                stepList.getSelectionModel().clearSelection();
            } else if (stepList.getSelectionModel().getSelectedIndex() != index) {
                stepList.getSelectionModel().select(index);
            }
        } finally {
            syncing = false;
        }
    }

    /** The selected step's settings: the columns it works on and, for Impute, how it fills. */
    private void buildEditor() {
        stepEditor.getChildren().clear();
        int index = model.selectedProperty().get();
        if (index < 0 || index >= model.steps().size()) {
            return;
        }
        PipelineStep step = model.steps().get(index);
        Label explanation = new Label(step.kind().explanation());
        explanation.setWrapText(true);
        explanation.getStyleClass().add("help-text");

        CheckComboBox<String> columns = new CheckComboBox<>(FXCollections.observableArrayList(model.featureColumns()));
        columns.setId("stepColumns");
        columns.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(columns, Priority.ALWAYS);
        for (String name : step.columns()) {
            columns.getCheckModel().check(name);
        }
        columns.setTitle(step.columns().isEmpty() ? "All it applies to" : null);
        columns.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) change -> {
            List<String> chosen = new ArrayList<>();
            for (String name : model.featureColumns()) {
                if (columns.getCheckModel().isChecked(name)) {
                    chosen.add(name);
                }
            }
            columns.setTitle(chosen.isEmpty() ? "All it applies to" : null);
            model.replace(index, current(index).withColumns(chosen));
        });
        HBox columnRow = new HBox(8, new Label("Columns"), columns);
        columnRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        stepEditor.getChildren().addAll(explanation, columnRow);

        if (step instanceof PipelineStep.Impute impute) {
            ComboBox<ImputeStrategy> strategy = new ComboBox<>(FXCollections.observableArrayList(ImputeStrategy.values()));
            strategy.setId("imputeStrategy");
            strategy.setValue(impute.strategy());
            TextField constant = new TextField(impute.constant());
            constant.setId("imputeConstant");
            constant.setPromptText("value, e.g. 0");
            constant.setPrefColumnCount(8);
            constant.setDisable(impute.strategy() != ImputeStrategy.CONSTANT);
            Label problem = new Label();
            problem.getStyleClass().add("problem");
            problem.setWrapText(true);
            Runnable apply = () -> {
                ImputeStrategy chosen = strategy.getValue();
                constant.setDisable(chosen != ImputeStrategy.CONSTANT);
                try {
                    PipelineStep.Impute edited = new PipelineStep.Impute(current(index).columns(), chosen,
                            constant.getText());
                    problem.setText("");
                    model.replace(index, edited);
                } catch (IllegalArgumentException invalid) {
                    problem.setText(invalid.getMessage());
                }
            };
            strategy.setOnAction(event -> apply.run());
            constant.setOnAction(event -> apply.run());
            constant.focusedProperty().addListener((obs, was, focused) -> {
                if (!focused) {
                    apply.run();
                }
            });
            HBox row = new HBox(8, new Label("Fill with"), strategy, constant);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            stepEditor.getChildren().addAll(row, problem);
        }
    }

    private PipelineStep current(int index) {
        return model.steps().get(index);
    }

    private void showPreview(PipelinePreview preview) {
        fill(beforeTable, preview == null ? List.of() : preview.beforeColumns(),
                preview == null ? List.of() : preview.before(), preview);
        fill(afterTable, preview == null ? List.of() : preview.afterColumns(),
                preview == null ? List.of() : preview.after(), preview);
    }

    /** Shows the preview rows, with the row factory set before the items (see {@link PreviewTables#show}). */
    private static void fill(TableView<List<String>> table, List<String> names, List<List<String>> rows,
                             PipelinePreview preview) {
        if (preview == null) {
            PreviewTables.show(table, List.of(), List.of());
            return;
        }
        List<TableColumn<List<String>, ?>> columns = new ArrayList<>();
        // Each item is the row's number followed by its cells.
        TableColumn<List<String>, String> number = PreviewTables.column("#", 0);
        number.setPrefWidth(44);
        columns.add(number);
        for (int c = 0; c < names.size(); c++) {
            columns.add(PreviewTables.column(names.get(c), c + 1));
        }
        List<List<String>> items = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> item = new ArrayList<>();
            item.add(Integer.toString(preview.rows().get(r) + 1));
            item.addAll(rows.get(r));
            items.add(item);
        }
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(List<String> item, boolean empty) {
                super.updateItem(item, empty);
                boolean dropped = !empty && item != null && getIndex() < preview.droppedRows().size()
                        && preview.droppedRows().get(getIndex());
                getStyleClass().remove("dropped-row");
                if (dropped) {
                    getStyleClass().add("dropped-row");
                }
                setTooltip(dropped ? new Tooltip("This step leaves this row out.") : null);
            }
        });
        PreviewTables.show(table, columns, items);
    }
}
