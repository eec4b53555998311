package org.layerlab.core.graph;

/**
 * The last layer: one unit per class (or per value to predict), with an activation and the loss that fits it.
 * Maps to DL4J's {@code OutputLayer}. It needs one vector per example: after an image or a sequence, shape inference
 * asks for a Flatten (or a recurrent layer's last step) rather than predicting per step.
 *
 * @param units the number of outputs, or 0 to take it from the data (one per class)
 */
public record OutputSpec(int units, OutputActivation activation) implements LayerSpec {
    public OutputSpec {
        Checks.required(activation, "an output activation");
        if (units < 0 || units > 100_000) {
            throw new IllegalArgumentException("An Output layer needs between 1 and 100000 units (or 0 for one per "
                    + "class); " + units + " is not possible.");
        }
    }

    /** Softmax over as many units as the data has classes. */
    public static OutputSpec forClasses() {
        return new OutputSpec(0, OutputActivation.SOFTMAX);
    }

    /** The unit count in effect for data with {@code classes} classes. */
    public int unitsFor(int classes) {
        return units == 0 ? classes : units;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.OUTPUT;
    }

    @Override
    public String summary() {
        return (units == 0 ? "one per class" : units + " units") + ", " + activation;
    }
}
