package org.layerlab.core.images;

import java.nio.file.Path;
import java.util.List;

/**
 * An indexed image folder.
 *
 * @param root        the folder the user chose
 * @param classNames  class folder names, sorted
 * @param train       images of the train/ folder, or every image when the folder is not pre-split
 * @param validation  images of validation/ (or val/), empty if there is none
 * @param test        images of test/, empty when the folder is not pre-split (LayerLab then splits it)
 * @param preSplit    true when the folder came with train/ and test/ subfolders
 * @param ignoredFiles files that are not images (by their ending), counted and named so the user knows
 * @param emptyClasses class folders without a single image
 */
public record ImageFolder(Path root, List<String> classNames, List<ImageEntry> train, List<ImageEntry> validation,
                          List<ImageEntry> test, boolean preSplit, List<String> ignoredFiles,
                          List<String> emptyClasses) {
    public ImageFolder {
        classNames = List.copyOf(classNames);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        ignoredFiles = List.copyOf(ignoredFiles);
        emptyClasses = List.copyOf(emptyClasses);
    }

    public int imageCount() {
        return train.size() + validation.size() + test.size();
    }

    /** Images per class over all splits, for the class-balance view. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (List<ImageEntry> split : List.of(train, validation, test)) {
            for (ImageEntry entry : split) {
                counts[entry.classIndex()]++;
            }
        }
        return counts;
    }
}
