/**
 * The network canvas: a palette of layers, the canvas that draws a {@link org.layerlab.core.graph.NetworkGraph} and
 * turns mouse and keyboard gestures into {@link org.layerlab.core.graph.edit.GraphEditor} commands, an inspector for
 * the selected layer, and the list of problems with their fixes. All state lives in {@link
 * org.layerlab.ui.canvas.CanvasViewModel} and the core editor; the views only render it.
 */
package org.layerlab.ui.canvas;
