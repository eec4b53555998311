package org.layerlab.core.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warns when an augmentation can turn an example into another class: a mirrored "b" is a "d", a "6" turned upside
 * down is a "9", a mirrored "left" arrow points right. Judged from the class names, as that is all LayerLab knows
 * about what the images show.
 */
public final class LabelSafety {
    /** Beyond this turn, digits and letters start to read as others (6/9, M/W, u/n). */
    static final double SAFE_ROTATION_FOR_CHARACTERS = 30;

    private LabelSafety() {
    }

    /** Plain-language warnings, empty when the augmentation looks safe for these classes. */
    public static List<String> warnings(ImageAugmentation augmentation, List<String> classNames) {
        List<String> warnings = new ArrayList<>();
        boolean characters = looksLikeCharacters(classNames);
        String kind = classNames.stream().allMatch(name -> name.trim().matches("\\d")) ? "digits" : "characters";
        if (characters && augmentation.flipHorizontal()) {
            warnings.add("Flipping left–right can change what a class means: the classes look like " + kind
                    + ", and a mirrored character is often another one or none (b and d, 2 and S). Turn the flip off.");
        }
        if (characters && augmentation.flipVertical()) {
            warnings.add("Flipping top–bottom can change what a class means: the classes look like " + kind
                    + " (a 6 upside down reads as 9, M as W). Turn the flip off.");
        }
        if (characters && augmentation.rotationDegrees() > SAFE_ROTATION_FOR_CHARACTERS) {
            warnings.add(String.format(Locale.ROOT, "Rotating by up to ±%.0f° can change what a class means: the "
                    + "classes look like %s, and turned far enough a 6 reads as 9. Keep rotation at ±%.0f° or less.",
                    augmentation.rotationDegrees(), kind, SAFE_ROTATION_FOR_CHARACTERS));
        }
        boolean sides = classNames.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .anyMatch(name -> name.contains("left") || name.contains("right"));
        if (sides && augmentation.flipHorizontal()) {
            warnings.add("Flipping left–right can change what a class means: class names mention left or right, "
                    + "and a mirrored image shows the other side. Turn the flip off.");
        }
        boolean vertical = classNames.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .anyMatch(name -> name.matches(".*\\b(up|down|top|bottom)\\b.*"));
        if (vertical && (augmentation.flipVertical() || augmentation.rotationDegrees() > 90)) {
            warnings.add("Flipping or turning top–bottom can change what a class means: class names mention up or "
                    + "down. Turn the top–bottom flip off and keep rotation small.");
        }
        return warnings;
    }

    /**
     * Classes named by single digits or letters (0–9, A–Z) are read as characters; numbered categories such as
     * 001 … 200 are not, as their numbers are only names.
     */
    static boolean looksLikeCharacters(List<String> classNames) {
        if (classNames.isEmpty()) {
            return false;
        }
        for (String name : classNames) {
            String trimmed = name.trim();
            boolean character = trimmed.length() == 1 && Character.isLetterOrDigit(trimmed.charAt(0));
            if (!character) {
                return false;
            }
        }
        return true;
    }
}
