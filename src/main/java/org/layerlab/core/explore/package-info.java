/**
 * Looking at a table before training: per-column summaries, histogram bins and category counts, and subsampled
 * scatter points coloured by class. Pure functions of a {@link org.layerlab.core.data.Table}; the app draws them.
 */
package org.layerlab.core.explore;
