/**
 * The one place in core that touches Java's image classes ({@code javax.imageio}, {@code java.awt.image}): it
 * decodes and resizes image files into LayerLab's own {@link org.layerlab.core.imageio.Pixels}. These classes work
 * headless; keeping them here keeps the rest of core free of {@code java.awt} (see docs/decisions/0007).
 */
package org.layerlab.core.imageio;
