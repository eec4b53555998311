package org.layerlab.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.TensorShape;

class ImageAugmentationTest {
    private static final TensorShape.Image RGB = new TensorShape.Image(3, 12, 20);

    /** A colour image whose every value differs: any movement shows. */
    private static float[] gradient(TensorShape.Image shape) {
        float[] values = new float[(int) shape.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 97) / 96f;
        }
        return values;
    }

    static Stream<ImageAugmentation> eachTransform() {
        return Stream.of(
                new ImageAugmentation(true, false, 0, 0, 0, 0, 0, 0),
                new ImageAugmentation(false, true, 0, 0, 0, 0, 0, 0),
                new ImageAugmentation(false, false, 25, 0, 0, 0, 0, 0),
                new ImageAugmentation(false, false, 0, 0.2, 0, 0, 0, 0),
                new ImageAugmentation(false, false, 0, 0, 0.3, 0, 0, 0),
                new ImageAugmentation(false, false, 0, 0, 0, 0.1, 0, 0),
                new ImageAugmentation(false, false, 0, 0, 0, 0, 0.2, 0.3),
                new ImageAugmentation(true, true, 15, 0.1, 0.1, 0.05, 0.1, 0.2));
    }

    @ParameterizedTest
    @MethodSource("eachTransform")
    void keepsTheShapeAndTheRangeAndLeavesTheInputAlone(ImageAugmentation augmentation) {
        float[] image = gradient(RGB);
        float[] before = image.clone();

        float[] varied = augmentation.apply(image, RGB, new Random(3));

        assertThat(varied).hasSize(image.length);
        assertThat(image).containsExactly(before);
        for (float v : varied) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @ParameterizedTest
    @MethodSource("eachTransform")
    void theSameSeedGivesTheSameVariationAndOtherSeedsOthers(ImageAugmentation augmentation) {
        float[] image = gradient(RGB);

        float[] first = augmentation.apply(image, RGB, new Random(11));
        float[] again = augmentation.apply(image, RGB, new Random(11));

        assertThat(again).containsExactly(first);
        // java.util.Random's first draw hardly varies between small seeds, so look at seeds spread apart.
        boolean someSeedDiffers = java.util.stream.LongStream.range(1, 40).map(i -> i * 0x9E3779B97F4A7C15L).boxed()
                .anyMatch(seed -> !java.util.Arrays.equals(augmentation.apply(image, RGB, new Random(seed)), first));
        assertThat(someSeedDiffers).isTrue();
    }

    @Test
    void aHorizontalFlipMirrorsEachRow() {
        TensorShape.Image shape = new TensorShape.Image(1, 2, 3);
        float[] image = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        ImageAugmentation flip = new ImageAugmentation(true, false, 0, 0, 0, 0, 0, 0);
        // With probability ½ a seed flips; find one that does and check the result exactly.
        float[] flipped = null;
        for (long seed = 0; seed < 20 && flipped == null; seed++) {
            float[] result = flip.apply(image, shape, new Random(seed));
            if (!java.util.Arrays.equals(result, image)) {
                flipped = result;
            }
        }
        assertThat(flipped).isNotNull();
        assertThat(flipped).containsExactly(new float[] {0.3f, 0.2f, 0.1f, 0.6f, 0.5f, 0.4f},
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void noneChangesNothing() {
        float[] image = gradient(RGB);
        assertThat(ImageAugmentation.NONE.isNone()).isTrue();
        assertThat(ImageAugmentation.NONE.apply(image, RGB, new Random(1))).containsExactly(image);
        assertThat(ImageAugmentation.NONE.describe()).isEmpty();
    }

    @Test
    void settingsOutOfRangeAreRefusedInPlainWords() {
        assertThatThrownBy(() -> new ImageAugmentation(false, false, 270, 0, 0, 0, 0, 0))
                .hasMessageContaining("Rotation must be between 0 and 180");
        assertThatThrownBy(() -> new ImageAugmentation(false, false, 0, 0, 0, -0.1, 0, 0))
                .hasMessageContaining("Noise must be between 0 and 1");
    }

    @Test
    void flippingOrTurningDigitsFarIsWarnedAbout() {
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        ImageAugmentation risky = new ImageAugmentation(true, true, 90, 0, 0, 0, 0, 0);

        List<String> warnings = LabelSafety.warnings(risky, digits);

        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).startsWith("Flipping left–right can change what a class means").contains("digits");
        assertThat(warnings.get(1)).contains("a 6 upside down reads as 9");
        assertThat(warnings.get(2)).contains("±90°").contains("30° or less");
    }

    @Test
    void smallChangesOfDigitsAndFlipsOfPhotosAreSafe() {
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        ImageAugmentation gentle = new ImageAugmentation(false, false, 15, 0.1, 0.1, 0.05, 0.1, 0.2);
        ImageAugmentation flips = new ImageAugmentation(true, false, 20, 0, 0, 0, 0, 0);

        assertThat(LabelSafety.warnings(gentle, digits)).isEmpty();
        assertThat(LabelSafety.warnings(flips, List.of("cat", "dog"))).isEmpty();
        assertThat(LabelSafety.warnings(flips, List.of("001", "002", "117"))).isEmpty();
        assertThat(LabelSafety.warnings(flips, List.of("A", "B", "C"))).singleElement().asString()
                .contains("characters");
        assertThat(LabelSafety.warnings(flips, List.of("turn_left", "turn_right"))).singleElement().asString()
                .contains("left or right");
    }
}
