/**
 * A LayerLab project: the data source, label, split, preprocessing, network and training settings
 * ({@link org.layerlab.core.project.Project}), and its versioned JSON file format
 * ({@link org.layerlab.core.project.ProjectStore}) with atomic saves.
 */
package org.layerlab.core.project;
