/**
 * Turning a {@link org.layerlab.core.data.Table} into numbers a network can learn from: feature encoding
 * (standardized numbers, one-hot categories) fitted on the training split only, and the resulting
 * {@link org.layerlab.core.preprocess.PreparedData}.
 */
package org.layerlab.core.preprocess;
