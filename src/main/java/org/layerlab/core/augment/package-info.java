/**
 * Augmentation: random variations of training examples drawn afresh every epoch, so a network sees more than the
 * few examples it has. Pure functions on LayerLab's own float pixel arrays (channels × height × width in 0..1),
 * seeded so that a run repeats exactly; applied to the training split only.
 */
package org.layerlab.core.augment;
