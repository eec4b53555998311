/**
 * The runs of a session: {@link org.layerlab.core.history.RunHistory} keeps every finished training run with its
 * settings, per-epoch curves, outcome and test metrics, and {@link org.layerlab.core.history.RunComparison} lines
 * up the test metrics of two runs, and {@link org.layerlab.core.history.RunStore} keeps a saved project's runs in a
 * folder beside its file (one JSON file per run; the project file itself does not change). Plain Java.
 */
package org.layerlab.core.history;
