/**
 * The whole path from a project to a result, shared by the app and the command line: prepare the data
 * ({@link org.layerlab.core.experiment.PreparedExperiment}), train, evaluate on the test split, and write
 * the JSON report ({@link org.layerlab.core.experiment.RunReport}).
 */
package org.layerlab.core.experiment;
