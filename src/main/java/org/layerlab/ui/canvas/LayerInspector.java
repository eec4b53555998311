package org.layerlab.ui.canvas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.Problem;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.edit.SpecField;
import org.layerlab.core.graph.edit.SpecFields;
import org.layerlab.ui.Spinners;

/**
 * The settings of the selected layer: its name, then one editor per setting ({@link SpecFields} says which): whole
 * numbers in spinners, choices in drop-downs, decimals and shapes in text fields checked when committed, on/off in
 * check boxes; each with a tooltip in plain words. A value the layer refuses is not applied: its reason is shown
 * under the settings and the editor goes back to the value in force.
 *
 * <p>Editors are built when another layer (or another kind) is selected and updated in place otherwise, so that a
 * spinner being clicked is not replaced under the pointer.
 */
public final class LayerInspector extends VBox {
    private CanvasViewModel model;

    private final HBox header = new HBox(8);
    private final Label title = new Label();
    private final Label explanation = new Label();
    private final TextField nameField = new TextField();
    private final GridPane grid = new GridPane();
    private final Label outputInfo = new Label();
    private final VBox nodeProblems = new VBox(4);
    private final Label message = new Label();
    private final Label emptyText = new Label();
    private final VBox details = new VBox(10);

    private NodeId shownId;
    private Node shownNode;
    private GraphAnalysis shownAnalysis;
    private List<SpecField> shownFields = List.of();
    private LayerKind shownKind;
    private final List<FieldEditor> editors = new ArrayList<>();

    public LayerInspector() {
        getStyleClass().add("layer-inspector");
        setSpacing(10);
        title.getStyleClass().add("h3");
        header.setAlignment(Pos.CENTER_LEFT);
        explanation.getStyleClass().add("help-text");
        explanation.setWrapText(true);
        explanation.setMinHeight(Control.USE_PREF_SIZE);
        nameField.setId("inspector-name");
        nameField.setTooltip(tip("The layer's name, shown on the canvas and in messages. Each name is used once."));
        nameField.setOnAction(event -> commitName());
        nameField.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commitName();
            }
        });
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(90);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        outputInfo.getStyleClass().add("inspector-output");
        outputInfo.setWrapText(true);
        outputInfo.setId("inspector-output");
        message.getStyleClass().add("problem");
        message.setWrapText(true);
        message.setMinHeight(Control.USE_PREF_SIZE);
        message.setId("inspector-message");
        showMessage("");
        emptyText.getStyleClass().add("help-text");
        emptyText.setWrapText(true);
        emptyText.setId("inspector-empty");
        details.getChildren().addAll(header, explanation, grid, outputInfo, nodeProblems, message);
        getChildren().setAll(emptyText);
    }

    public void setModel(CanvasViewModel canvasModel) {
        this.model = canvasModel;
        model.selectionProperty().addListener((obs, old, now) -> refresh());
        model.graphProperty().addListener((obs, old, now) -> refresh());
        model.analysisProperty().addListener((obs, old, now) -> refresh());
        disableProperty().bind(model.lockedProperty());
        refresh();
    }

    private void refresh() {
        Optional<Node> selected = model.selectedNode();
        if (selected.isEmpty()) {
            shownId = null;
            shownNode = null;
            int count = model.selectionProperty().get().size();
            String text = count > 1
                    ? count + " layers selected. Drag one of them to move them all; Delete removes them; Ctrl+C "
                    + "copies them and Ctrl+V pastes the copy."
                    : "Select a layer to see and change its settings.\n\nAdd layers by dragging them from the "
                    + "palette onto the canvas. Connect two layers by dragging from the dot on the right of one "
                    + "to the dot on the left of the other.";
            if (!text.equals(emptyText.getText())) {
                emptyText.setText(text);
            }
            if (getChildren().size() != 1 || getChildren().get(0) != emptyText) {
                getChildren().setAll(emptyText);
            }
            return;
        }
        Node node = selected.get();
        if (node.id().equals(shownId) && shownNode != null && node.spec().equals(shownNode.spec())
                && node.name().equals(shownNode.name()) && model.getAnalysis() == shownAnalysis) {
            return; // only moved: nothing shown here changed
        }
        shownNode = node;
        shownAnalysis = model.getAnalysis();
        List<SpecField> fields = SpecFields.of(node.spec());
        if (!node.id().equals(shownId) || node.spec().kind() != shownKind || !sameFields(fields)) {
            build(node, fields);
        }
        if (!nameField.isFocused()) {
            nameField.setText(node.name());
        }
        for (FieldEditor editor : editors) {
            editor.show(SpecFields.value(node.spec(), editor.field));
        }
        showAnalysis(node);
    }

    private boolean sameFields(List<SpecField> fields) {
        if (fields.size() != shownFields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).component().equals(shownFields.get(i).component())) {
                return false;
            }
        }
        return true;
    }

    private void build(Node node, List<SpecField> fields) {
        shownId = node.id();
        shownKind = node.spec().kind();
        shownFields = fields;
        showMessage("");
        header.getChildren().setAll(LayerIcons.icon(shownKind, 22), title);
        title.setText(shownKind.label());
        explanation.setText(shownKind.explanation());
        grid.getChildren().clear();
        editors.clear();
        Label nameLabel = new Label("Name");
        nameLabel.setTooltip(nameField.getTooltip());
        grid.addRow(0, nameLabel, nameField);
        int row = 1;
        for (SpecField field : fields) {
            FieldEditor editor = editorFor(field);
            editors.add(editor);
            Label label = new Label(field.label());
            label.setTooltip(tip(field.help()));
            label.setMinWidth(Control.USE_PREF_SIZE);
            editor.control.setId("inspector-" + field.component());
            if (editor.control instanceof Control control) {
                control.setTooltip(tip(field.help()));
                control.setMaxWidth(Double.MAX_VALUE);
            }
            GridPane.setHalignment(label, HPos.LEFT);
            grid.addRow(row++, label, editor.control);
        }
        if (fields.isEmpty()) {
            Label none = new Label("This layer has no settings.");
            none.getStyleClass().add("help-text");
            grid.add(none, 0, row, 2, 1);
        }
        getChildren().setAll(details);
    }

    private void showAnalysis(Node node) {
        GraphAnalysis analysis = model.getAnalysis();
        nodeProblems.getChildren().clear();
        if (analysis == null) {
            outputInfo.setText(model.analysisNoteProperty().get());
            return;
        }
        String shape = analysis.shapeOf(node.id()).map(TensorShape::describe).orElse("unknown");
        outputInfo.setText(String.format(Locale.ROOT, "Output shape: %s · %,d parameters", shape,
                analysis.parametersOf(node.id())));
        for (Problem problem : analysis.problemsOf(node.id())) {
            Label text = new Label(problem.message());
            text.setWrapText(true);
            text.setMinHeight(Control.USE_PREF_SIZE);
            text.setMaxWidth(Double.MAX_VALUE);
            VBox box = new VBox(6, text);
            box.getStyleClass().add(problem.isError() ? "problem" : "warning-text");
            problem.fix().ifPresent(fix -> {
                Button button = new Button("Fix: " + fix.label());
                button.getStyleClass().add("fix-button");
                button.setWrapText(true);
                button.setOnAction(event -> model.applyFix(problem));
                box.getChildren().add(button);
            });
            nodeProblems.getChildren().add(box);
        }
    }

    private void commitName() {
        if (model == null || shownId == null) {
            return;
        }
        String typed = nameField.getText();
        Optional<Node> node = model.getGraph().find(shownId);
        if (node.isEmpty() || node.get().name().equals(typed)) {
            return;
        }
        Optional<String> refused = model.rename(shownId, typed);
        showMessage(refused.orElse(""));
        if (refused.isPresent()) {
            nameField.setText(node.get().name());
        }
    }

    /** Applies {@code value} to the shown layer; the reason when refused. */
    private Optional<String> commit(SpecField field, Object value) {
        if (model == null || shownId == null) {
            return Optional.empty();
        }
        Optional<String> refused = model.changeSpec(shownId, spec -> SpecFields.with(spec, field, value));
        showMessage(refused.orElse(""));
        return refused;
    }

    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(!text.isEmpty());
        message.setManaged(!text.isEmpty());
    }

    private LayerSpec currentSpec() {
        return model.getGraph().find(shownId).map(Node::spec).orElse(null);
    }

    // ---------------------------------------------------------------- editors

    /** One setting's editor: shows a value without committing it, commits what the user enters. */
    private abstract static class FieldEditor {
        final SpecField field;
        final javafx.scene.Node control;
        boolean updating;

        FieldEditor(SpecField field, javafx.scene.Node control) {
            this.field = field;
            this.control = control;
        }

        final void show(Object value) {
            updating = true;
            try {
                display(value);
            } finally {
                updating = false;
            }
        }

        abstract void display(Object value);
    }

    private FieldEditor editorFor(SpecField field) {
        return switch (field.type()) {
            case INTEGER -> integerEditor(field);
            case DECIMAL -> textEditor(field, LayerInspector::formatDecimal, text -> {
                try {
                    return Double.parseDouble(text.strip().replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Type a number, such as 0.5.");
                }
            });
            case SHAPE -> textEditor(field, value -> SpecFields.formatShape((TensorShape) value), text -> text);
            case CHOICE -> choiceEditor(field);
            case YES_NO -> yesNoEditor(field);
        };
    }

    private FieldEditor integerEditor(SpecField field) {
        Spinner<Integer> spinner = new Spinner<>();
        SteppingFactory factory = new SteppingFactory((int) field.min(), (int) field.max());
        spinner.setValueFactory(factory);
        Spinners.commitOnFocusLost(spinner);
        spinner.setPrefWidth(130);
        FieldEditor editor = new FieldEditor(field, spinner) {
            @Override
            void display(Object value) {
                factory.setValue((Integer) value);
            }
        };
        factory.valueProperty().addListener((obs, old, value) -> {
            if (editor.updating || value == null) {
                return;
            }
            Optional<String> refused = commit(field, value);
            if (refused.isPresent() && currentSpec() != null) {
                editor.show(SpecFields.value(currentSpec(), field));
            }
        });
        return editor;
    }

    private FieldEditor textEditor(SpecField field, Function<Object, String> format, Function<String, Object> parse) {
        TextField text = new TextField();
        text.setPrefColumnCount(8);
        FieldEditor editor = new FieldEditor(field, text) {
            @Override
            void display(Object value) {
                String shown = format.apply(value);
                if (!shown.equals(text.getText())) {
                    text.setText(shown);
                }
                text.getStyleClass().remove("invalid");
            }
        };
        Runnable apply = () -> {
            LayerSpec spec = currentSpec();
            if (spec == null || format.apply(SpecFields.value(spec, field)).equals(text.getText())) {
                return;
            }
            Optional<String> refused;
            try {
                refused = commit(field, parse.apply(text.getText()));
            } catch (IllegalArgumentException unreadable) {
                refused = Optional.of(unreadable.getMessage());
                showMessage(unreadable.getMessage());
            }
            text.getStyleClass().remove("invalid");
            if (refused.isPresent()) {
                text.getStyleClass().add("invalid");
            }
        };
        text.setOnAction(event -> apply.run());
        text.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                apply.run();
            }
        });
        return editor;
    }

    private FieldEditor choiceEditor(SpecField field) {
        ComboBox<Object> combo = new ComboBox<>();
        combo.getItems().setAll(field.choices());
        combo.setCellFactory(list -> new ChoiceCell());
        combo.setButtonCell(new ChoiceCell());
        FieldEditor editor = new FieldEditor(field, combo) {
            @Override
            void display(Object value) {
                combo.setValue(value);
            }
        };
        combo.valueProperty().addListener((obs, old, value) -> {
            if (!editor.updating && value != null) {
                commit(field, value);
            }
        });
        return editor;
    }

    private FieldEditor yesNoEditor(SpecField field) {
        CheckBox box = new CheckBox();
        FieldEditor editor = new FieldEditor(field, box) {
            @Override
            void display(Object value) {
                box.setSelected(Boolean.TRUE.equals(value));
            }
        };
        box.selectedProperty().addListener((obs, old, value) -> {
            if (!editor.updating) {
                commit(field, value);
            }
        });
        return editor;
    }

    /** A choice with its explanation as tooltip. */
    private static final class ChoiceCell extends ListCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else {
                setText(item.toString());
                String explained = SpecFields.explain(item);
                setTooltip(explained.isEmpty() ? null : tip(explained));
            }
        }
    }

    /**
     * Arrows step within [min, max]; a typed value is passed on as it is, so that the layer's own check explains
     * what is wrong with it (a plain IntegerSpinnerValueFactory would silently clamp it).
     */
    private static final class SteppingFactory extends SpinnerValueFactory<Integer> {
        private final int min;
        private final int max;

        SteppingFactory(int min, int max) {
            this.min = min;
            this.max = max;
            setConverter(new StringConverter<>() {
                @Override
                public String toString(Integer value) {
                    return value == null ? "" : value.toString();
                }

                @Override
                public Integer fromString(String text) {
                    return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
                }
            });
        }

        @Override
        public void decrement(int steps) {
            Integer value = getValue();
            setValue(value == null ? min : Math.max(min, value - steps));
        }

        @Override
        public void increment(int steps) {
            Integer value = getValue();
            setValue(value == null ? min : Math.min(max, value + steps));
        }
    }

    static String formatDecimal(Object value) {
        double number = ((Number) value).doubleValue();
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static Tooltip tip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(340);
        return tooltip;
    }

    /** For tests: the editor control of a setting, if shown. */
    Optional<javafx.scene.Node> editorOf(String component) {
        return editors.stream().filter(e -> e.field.component().equals(component)).map(e -> e.control).findFirst();
    }
}
