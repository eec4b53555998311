/**
 * Training as the rest of the app sees it: settings ({@link org.layerlab.core.train.TrainingConfig}), a
 * {@link org.layerlab.core.train.Trainer} that fits a network, the immutable
 * {@link org.layerlab.core.train.TrainingEvent}s it reports, and the {@link org.layerlab.core.train.TrainingService}
 * that runs it on its own thread behind a {@link org.layerlab.core.train.TrainingRun} handle.
 * Also here: the settings' parts ({@link org.layerlab.core.train.Optimizer},
 * {@link org.layerlab.core.train.LearningRateSchedule}, {@link org.layerlab.core.train.EarlyStopping}), the
 * {@link org.layerlab.core.train.RunControl} (pause, resume, stop, a new learning rate), checkpoints
 * ({@link org.layerlab.core.train.CheckpointStore}), the estimate of the time left
 * ({@link org.layerlab.core.train.Eta}), the full curves for export ({@link org.layerlab.core.train.TrainingCurves})
 * with the smoothed loss they and the loss chart share ({@link org.layerlab.core.train.LossSmoothing}), and the
 * {@link org.layerlab.core.train.TrainingDoctor}, which turns events into advice.
 * No engine types appear here; the DL4J implementation lives in {@code core.dl4j}.
 */
package org.layerlab.core.train;
