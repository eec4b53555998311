/**
 * The network a user builds, as LayerLab's own small records, independent of how it is edited (the canvas, a form,
 * a template) and of the engine that trains it (translated to DL4J in {@code core.dl4j}).
 *
 * <p>A {@link org.layerlab.core.graph.NetworkGraph} holds {@link org.layerlab.core.graph.Node}s (a
 * {@link org.layerlab.core.graph.LayerSpec} per palette entry of {@link org.layerlab.core.graph.LayerKind}, with a
 * canvas position) and {@link org.layerlab.core.graph.Edge}s. {@link org.layerlab.core.graph.ShapeInference} works
 * out, for data of a given {@link org.layerlab.core.graph.DataSignature}, the {@link org.layerlab.core.graph.TensorShape}
 * on every connection, the parameters of every layer and every {@link org.layerlab.core.graph.Problem} with its
 * {@link org.layerlab.core.graph.Fix}; {@link org.layerlab.core.graph.Templates} are ready-made graphs that adapt to
 * the data.
 */
package org.layerlab.core.graph;
