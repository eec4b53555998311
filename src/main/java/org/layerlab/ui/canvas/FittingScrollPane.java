package org.layerlab.ui.canvas;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * A scroll pane that wants to be as tall as its content at the width it actually has, and scrolls only when its
 * parent gives it less. A plain ScrollPane asks its content for a height at no particular width, which under-counts
 * wrapped text (the settings card was cut short by a few lines).
 */
public final class FittingScrollPane extends ScrollPane {
    @Override
    protected double computePrefHeight(double width) {
        Node content = getContent();
        double available = width >= 0 ? width : getWidth();
        if (content == null || available <= 0) {
            return super.computePrefHeight(width);
        }
        Insets insets = getInsets();
        return content.prefHeight(available - insets.getLeft() - insets.getRight()) + insets.getTop()
                + insets.getBottom();
    }
}
