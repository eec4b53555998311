/**
 * Editing a {@link org.layerlab.core.graph.NetworkGraph} the way the canvas does, without the canvas:
 * {@link org.layerlab.core.graph.edit.GraphEditor} applies user edits as commands with undo/redo and a selection,
 * {@link org.layerlab.core.graph.edit.AutoLayout} places nodes left to right, and
 * {@link org.layerlab.core.graph.edit.SpecFields} describes each layer's settings for an inspector. The JavaFX
 * canvas only renders the editor's graph and forwards gestures to it, so every edit is testable without a window.
 */
package org.layerlab.core.graph.edit;
