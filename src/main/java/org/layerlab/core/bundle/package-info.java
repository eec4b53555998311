/**
 * A trained model packed with everything needed to use it elsewhere: the network, the fitted feature encoding,
 * the class names, the input schema and metadata ({@link org.layerlab.core.bundle.ModelBundle}), one versioned zip
 * file ({@link org.layerlab.core.bundle.ModelBundleStore}), and the {@link org.layerlab.core.bundle.Predictor} that
 * turns a row of named values into a prediction, replaying exactly the saved preprocessing.
 */
package org.layerlab.core.bundle;
