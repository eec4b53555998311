/**
 * Measuring a trained model on held-out rows: {@link org.layerlab.core.evaluate.Evaluation} computes the
 * confusion matrix, accuracy and per-class precision, recall and F1. Plain Java, no engine types.
 */
package org.layerlab.core.evaluate;
