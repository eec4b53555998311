package org.layerlab.core.graph.edit;

import java.util.List;
import java.util.Objects;

/**
 * One setting of a layer as an inspector shows it: its label, a plain-language explanation (for the tooltip), the
 * kind of editor it needs and its limits. The value is read and changed through {@link SpecFields}.
 *
 * @param component the name of the spec record's component, e.g. "units"
 * @param min       smallest whole number allowed (INTEGER) or smallest decimal (DECIMAL)
 * @param max       largest allowed
 * @param choices   the values offered (CHOICE)
 */
public record SpecField(String component, String label, String help, Type type, double min, double max,
                        List<?> choices) {

    /** Which editor the setting needs. */
    public enum Type {
        /** A whole number between min and max (a spinner). */
        INTEGER,
        /** A decimal between min and max (a text field). */
        DECIMAL,
        /** One of a few named values (a drop-down). */
        CHOICE,
        /** On or off (a check box). */
        YES_NO,
        /** A tensor shape written as "1×8×8" or "64", or empty for none (a text field). */
        SHAPE
    }

    public SpecField {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
