/**
 * The runs of a session: {@link org.layerlab.core.history.RunHistory} keeps every finished training run with its
 * settings, per-epoch curves, outcome and test metrics, and {@link org.layerlab.core.history.RunComparison} lines
 * up the test metrics of two runs. Plain Java, kept in memory only (nothing here is saved in the project file).
 */
package org.layerlab.core.history;
