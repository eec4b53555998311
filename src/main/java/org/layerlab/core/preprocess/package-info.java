/**
 * Turning a {@link org.layerlab.core.data.Table} into numbers a network can learn from: feature encoding
 * (standardized numbers, one-hot categories) fitted on the training split only, and the resulting
 * {@link org.layerlab.core.preprocess.PreparedData}. A project may instead hold a pipeline of
 * {@link org.layerlab.core.preprocess.PipelineStep}s (standardize, min-max scale, one-hot, impute, drop column, drop
 * rows with missing values, log transform), fitted in order on the training rows into a
 * {@link org.layerlab.core.preprocess.FittedPipeline} that the model bundle keeps and prediction replays;
 * {@link org.layerlab.core.preprocess.PipelinePreview} shows one step's effect. Regression targets are standardized
 * by a {@link org.layerlab.core.preprocess.TargetScaler}. {@link org.layerlab.core.preprocess.TableAugmentation}
 * (noise, oversampling) changes the training rows afresh each epoch while training, never the prepared splits;
 * {@link org.layerlab.core.preprocess.AugmentationPreview} shows what it makes of a few rows.
 */
package org.layerlab.core.preprocess;
