package org.layerlab.core.images;

import java.nio.file.Path;

/** One image file and the index of its class in {@link ImageFolder#classNames()}. */
public record ImageEntry(Path file, int classIndex) {
}
