/**
 * Training as the rest of the app sees it: settings ({@link org.layerlab.core.train.TrainingConfig}), a
 * {@link org.layerlab.core.train.Trainer} that fits a network, the immutable
 * {@link org.layerlab.core.train.TrainingEvent}s it reports, and the {@link org.layerlab.core.train.TrainingService}
 * that runs it on its own thread behind a {@link org.layerlab.core.train.TrainingRun} handle.
 * No engine types appear here; the DL4J implementation lives in {@code core.dl4j}.
 */
package org.layerlab.core.train;
