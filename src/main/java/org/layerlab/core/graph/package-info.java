/**
 * The network a user builds, as LayerLab's own small records ({@link org.layerlab.core.graph.NetworkSpec},
 * {@link org.layerlab.core.graph.DenseSpec}), independent of how it is edited (form now, canvas later) and
 * of the engine that trains it (translated to DL4J in {@code core.dl4j}).
 */
package org.layerlab.core.graph;
