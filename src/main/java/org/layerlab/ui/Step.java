package org.layerlab.ui;

/** The workflow steps, in order, as numbered in the step list. */
public enum Step {
    DATA("Data"),
    NETWORK("Network"),
    TRAIN("Train"),
    EVALUATE("Evaluate"),
    USE("Use");

    private final String title;

    Step(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public int number() {
        return ordinal() + 1;
    }
}
