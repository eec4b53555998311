/**
 * Measuring a trained model on held-out rows: {@link org.layerlab.core.evaluate.Evaluation} computes the
 * confusion matrix, accuracy and per-class precision, recall and F1;
 * {@link org.layerlab.core.evaluate.ProbabilisticEvaluation} the ROC and precision-recall curves and top-k accuracy;
 * {@link org.layerlab.core.evaluate.PermutationImportance} how much each input column matters. Plain Java, no
 * engine types.
 */
package org.layerlab.core.evaluate;
