/**
 * The LayerLab window: one {@code XxxView.fxml} + {@code XxxController} per workflow step (Data, Network,
 * Train, Evaluate) under a {@link org.layerlab.ui.MainController}, with the state worth testing in plain
 * {@code XxxViewModel} classes. The shared {@link org.layerlab.ui.ProjectViewModel} holds the current project,
 * table, prepared experiment and last result; everything slow (reading files, preparing data, training,
 * evaluating, starting ND4J) runs off the FX thread and comes back through {@link org.layerlab.ui.FxThread}.
 *
 * <p>Only LayerLab's own core types are used here: no DL4J or ND4J type is imported by UI code.
 */
package org.layerlab.ui;
