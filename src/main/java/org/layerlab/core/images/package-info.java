/**
 * Image data sets as LayerLab holds them: a folder per class (optionally inside train/validation/test folders)
 * indexed into an {@link org.layerlab.core.images.ImageFolder} of file paths and classes. Pixels are decoded on
 * demand by {@code core.imageio}, so a 60,000-image folder costs a list of paths, not gigabytes of heap.
 * {@link org.layerlab.core.images.ImageOptions} says the size and colour they are read at, and
 * {@link org.layerlab.core.images.ImagePreprocessing} describes those steps and previews them on one image.
 */
package org.layerlab.core.images;
