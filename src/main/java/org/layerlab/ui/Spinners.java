package org.layerlab.ui;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextFormatter;

/** Small fixes that make editable spinners behave as users expect. */
public final class Spinners {
    private Spinners() {
    }

    /**
     * Makes a typed value count when the user leaves the field (not only on Enter), and puts back the last
     * good value when the text is not a number in range.
     */
    public static <T> void commitOnFocusLost(Spinner<T> spinner) {
        spinner.setEditable(true);
        spinner.getEditor().focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commit(spinner);
            }
        });
        spinner.getEditor().setOnAction(event -> commit(spinner));
        // Digits only: nothing else can become a whole number.
        spinner.getEditor().setTextFormatter(new TextFormatter<>(change ->
                change.getControlNewText().matches("\\d{0,7}") ? change : null));
    }

    public static <T> void commit(Spinner<T> spinner) {
        SpinnerValueFactory<T> factory = spinner.getValueFactory();
        if (factory == null) {
            return;
        }
        String text = spinner.getEditor().getText();
        try {
            T value = factory.getConverter().fromString(text);
            if (value != null) {
                factory.setValue(value);
            }
        } catch (RuntimeException notANumber) {
            // fall through: show the last good value again
        }
        spinner.getEditor().setText(factory.getConverter().toString(factory.getValue()));
    }
}
