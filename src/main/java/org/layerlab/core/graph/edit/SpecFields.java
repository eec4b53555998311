package org.layerlab.core.graph.edit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.PoolType;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.WeightInit;

/**
 * The settings of each kind of layer, for an inspector: which fields a spec has (read from the record's components,
 * so a new setting shows up without UI work), how each is explained, and how to make a spec with one value changed.
 * A changed value goes through the spec's own constructor, so the spec's validation and messages apply.
 */
public final class SpecFields {
    /** Labels and explanations by component name; the same words wherever a setting appears. */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("units", new String[] {"Units",
                    "How many values this layer computes. More units can learn more complex patterns, but need more "
                            + "data and time."}),
            Map.entry("filters", new String[] {"Filters",
                    "How many different patterns the layer looks for. Each filter makes one feature map."}),
            Map.entry("kernelHeight", new String[] {"Window rows",
                    "Kernel height: how many pixels tall the small window is that slides over the image (3 is usual)."}),
            Map.entry("kernelWidth", new String[] {"Window columns",
                    "Kernel width: how many pixels wide the small window is that slides over the image (3 is usual)."}),
            Map.entry("strideHeight", new String[] {"Stride rows",
                    "How many pixels the window moves down at each step. 1 looks everywhere; 2 halves the height."}),
            Map.entry("strideWidth", new String[] {"Stride columns",
                    "How many pixels the window moves right at each step. 1 looks everywhere; 2 halves the width."}),
            Map.entry("padding", new String[] {"Padding",
                    "What happens at the border of the image. 'same size' pads it so the image keeps its size; "
                            + "'no padding' keeps the window inside, so the image shrinks a little."}),
            Map.entry("activation", new String[] {"Activation",
                    "The function applied to each value the layer computes. ReLU is a good default."}),
            Map.entry("weightInit", new String[] {"Weight init",
                    "How the weights are chosen before training starts. 'automatic' picks the usual choice."}),
            Map.entry("l1", new String[] {"L1 penalty",
                    "Pushes unimportant weights to exactly zero, against overfitting. 0 is off; try 0.0001."}),
            Map.entry("l2", new String[] {"L2 penalty",
                    "Keeps the weights small, against overfitting. 0 is off; try 0.0001."}),
            Map.entry("rate", new String[] {"Dropout rate",
                    "The share of values silenced at random while training: 0.5 drops half. Higher fights "
                            + "overfitting harder but learns slower."}),
            Map.entry("type", new String[] {"Pooling",
                    "'max' keeps the strongest value of each window; 'average' keeps their mean."}),
            Map.entry("returnSequences", new String[] {"Every step",
                    "On: passes on the output of every step (to stack another recurrent layer). Off: only the last "
                            + "step (to feed Dense or Output layers)."}),
            Map.entry("vocabulary", new String[] {"Vocabulary",
                    "How many different codes (e.g. words) the data uses; codes run from 0 to this number minus 1."}),
            Map.entry("dimensions", new String[] {"Dimensions",
                    "How many numbers represent each code. More can hold finer meaning but need more data."}),
            Map.entry("reshape", new String[] {"Read as",
                    "How to read each example: empty keeps the data's shape; '1×8×8' reads 64 values as a 1-channel "
                            + "8×8 image (channels×height×width). The sizes must multiply to the number of values."}));

    private SpecFields() {
    }

    /** The editable settings of {@code spec}, in the record's order. Specs without settings have none. */
    public static List<SpecField> of(LayerSpec spec) {
        List<SpecField> fields = new ArrayList<>();
        for (RecordComponent component : spec.getClass().getRecordComponents()) {
            fields.add(describe(spec, component));
        }
        return fields;
    }

    /** The current value of {@code field} in {@code spec}. */
    public static Object value(LayerSpec spec, SpecField field) {
        RecordComponent component = component(spec, field.component());
        try {
            return component.getAccessor().invoke(spec);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + field.component() + " of " + spec, e);
        }
    }

    /**
     * A spec like {@code spec} with {@code field} set to {@code value}, built through the spec's constructor.
     *
     * @throws IllegalArgumentException with the spec's own message when the value is not allowed
     */
    public static LayerSpec with(LayerSpec spec, SpecField field, Object value) {
        RecordComponent[] components = spec.getClass().getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (components[i].getName().equals(field.component())) {
                arguments[i] = coerce(value, types[i], field);
                found = true;
            } else {
                try {
                    arguments[i] = components[i].getAccessor().invoke(spec);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Cannot read " + components[i].getName() + " of " + spec, e);
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException(spec.kind().label() + " has no setting '" + field.component() + "'.");
        }
        try {
            Constructor<?> constructor = spec.getClass().getDeclaredConstructor(types);
            return (LayerSpec) constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalStateException("Cannot make " + spec.kind().label() + " settings", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make " + spec.kind().label() + " settings", e);
        }
    }

    /**
     * Reads a shape as a user writes it: "" for none, "64" for 64 values, "1×8×8" (or "1x8x8", "1*8*8", "1,8,8")
     * for an image of channels×height×width, "10×8" for a sequence of 10 steps of 8 values.
     *
     * @throws IllegalArgumentException saying how to write it
     */
    public static TensorShape parseShape(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        String[] parts = trimmed.toLowerCase(Locale.ROOT).split("\\s*[×x*,]\\s*");
        int[] sizes;
        try {
            sizes = Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Write the shape as numbers separated by ×, e.g. 1×8×8 for a "
                    + "1-channel 8×8 image, or leave it empty to keep the data's shape.");
        }
        return switch (sizes.length) {
            case 1 -> new TensorShape.Vector(sizes[0]);
            case 2 -> new TensorShape.Sequence(sizes[1], sizes[0]);
            case 3 -> new TensorShape.Image(sizes[0], sizes[1], sizes[2]);
            default -> throw new IllegalArgumentException("A shape has 1 to 3 sizes (values; steps×values; "
                    + "channels×height×width), not " + sizes.length + ".");
        };
    }

    /** The way {@link #parseShape} reads it back; "" for none. */
    public static String formatShape(TensorShape shape) {
        if (shape == null) {
            return "";
        }
        if (shape instanceof TensorShape.Vector v) {
            return Integer.toString(v.size());
        }
        if (shape instanceof TensorShape.Sequence s) {
            return s.length() + "×" + s.features();
        }
        TensorShape.Image i = (TensorShape.Image) shape;
        return i.channels() + "×" + i.height() + "×" + i.width();
    }

    // ---------------------------------------------------------------- helpers

    private static SpecField describe(LayerSpec spec, RecordComponent component) {
        String name = component.getName();
        String[] words = WORDS.getOrDefault(name, new String[] {name, ""});
        Class<?> type = component.getType();
        String help = words[1];
        if (spec instanceof OutputSpec && name.equals("units")) {
            return new SpecField(name, "Units", "How many answers the network gives. 0 means one per class of the "
                    + "data, which is what you want for sorting examples into classes.", SpecField.Type.INTEGER,
                    0, 100_000, null);
        }
        if (spec instanceof OutputSpec && name.equals("activation")) {
            return new SpecField(name, "Activation", "How the answers are read, and the loss that fits: softmax "
                    + "for one class per example, sigmoid for yes/no answers, identity for quantities.",
                    SpecField.Type.CHOICE, 0, 0, List.of(OutputActivation.values()));
        }
        if (type == int.class) {
            int min = name.equals("vocabulary") ? 2 : 1;
            int max = name.equals("vocabulary") ? 10_000_000 : 100_000;
            return new SpecField(name, words[0], help, SpecField.Type.INTEGER, min, max, null);
        }
        if (type == double.class) {
            double max = name.equals("rate") ? 0.99 : 1;
            return new SpecField(name, words[0], help, SpecField.Type.DECIMAL, 0, max, null);
        }
        if (type == boolean.class) {
            return new SpecField(name, words[0], help, SpecField.Type.YES_NO, 0, 1, null);
        }
        if (type.isEnum()) {
            return new SpecField(name, words[0], help, SpecField.Type.CHOICE, 0, 0,
                    List.of(type.getEnumConstants()));
        }
        if (type == TensorShape.class) {
            return new SpecField(name, words[0], help, SpecField.Type.SHAPE, 0, 0, null);
        }
        throw new IllegalStateException("No editor for " + spec.getClass().getSimpleName() + "." + name);
    }

    private static RecordComponent component(LayerSpec spec, String name) {
        for (RecordComponent component : spec.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        throw new IllegalArgumentException(spec.kind().label() + " has no setting '" + name + "'.");
    }

    private static Object coerce(Object value, Class<?> type, SpecField field) {
        if (type == int.class) {
            if (value instanceof Number number) {
                return number.intValue();
            }
            throw new IllegalArgumentException(field.label() + " needs a whole number.");
        }
        if (type == double.class) {
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            throw new IllegalArgumentException(field.label() + " needs a number.");
        }
        if (type == boolean.class) {
            if (value instanceof Boolean yes) {
                return yes;
            }
            throw new IllegalArgumentException(field.label() + " is on or off.");
        }
        if (type == TensorShape.class && value instanceof String text) {
            return parseShape(text);
        }
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(field.label() + " cannot be " + value + ".");
        }
        return value;
    }

    /** Explanation of one choice of a CHOICE field, for the drop-down's tooltips; empty when there is none. */
    public static String explain(Object choice) {
        if (choice instanceof Activation a) {
            return a.explanation();
        }
        if (choice instanceof OutputActivation a) {
            return a.explanation() + " Loss: " + a.loss() + ".";
        }
        if (choice instanceof Padding p) {
            return p.explanation();
        }
        if (choice instanceof WeightInit w) {
            return w.explanation();
        }
        if (choice instanceof PoolType p) {
            return p == PoolType.MAX ? "Keeps the strongest value of each window." : "Keeps the mean of each window.";
        }
        return "";
    }
}
