package org.layerlab.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "What the network sees": the same rows before and after noise, one-hot inputs untouched, class counts level. */
class AugmentationPreviewTest {
    // A number input, a one-hot pair; class "no" ×4, class "yes" ×1.
    private static final EncodedSet TRAIN = new EncodedSet(new float[] {
        0.5f, 1, 0,
        -1.2f, 0, 1,
        2.0f, 1, 0,
        0.1f, 0, 1,
        -0.3f, 1, 0}, 5, 3, new int[] {0, 0, 0, 0, 1});
    private static final List<String> NAMES = List.of("age", "sex=female", "sex=male");

    @Test
    void showsTheSameRowsBeforeAndAfterWithNoiseOnlyOnTheNumberInputs() {
        AugmentationPreview preview = AugmentationPreview.of(TRAIN, NAMES, List.of("no", "yes"),
                new TableAugmentation(0.5, false), 1);

        assertThat(preview.columns()).containsExactly("class", "age", "sex=female", "sex=male");
        assertThat(preview.before()).hasSize(5);
        for (int row = 0; row < 5; row++) {
            List<String> before = preview.before().get(row);
            List<String> after = preview.after().get(row);
            assertThat(after.get(0)).isEqualTo(before.get(0));
            assertThat(after.get(1)).isNotEqualTo(before.get(1));
            assertThat(after.subList(2, 4)).isEqualTo(before.subList(2, 4));
        }
        assertThat(preview.countsAfter()).isEqualTo(preview.countsBefore()).containsExactly(4, 1);
        assertThat(preview.summary()).contains("noise of spread 0.500 on 1 of 3 inputs");
    }

    @Test
    void aNewDrawGivesOtherNoiseAndTheSameDrawTheSame() {
        TableAugmentation noise = new TableAugmentation(0.5, false);
        assertThat(AugmentationPreview.of(TRAIN, NAMES, List.of("no", "yes"), noise, 2).after())
                .isEqualTo(AugmentationPreview.of(TRAIN, NAMES, List.of("no", "yes"), noise, 2).after())
                .isNotEqualTo(AugmentationPreview.of(TRAIN, NAMES, List.of("no", "yes"), noise, 3).after());
    }

    @Test
    void oversamplingBringsEveryClassToTheLargestInTheCounts() {
        AugmentationPreview preview = AugmentationPreview.of(TRAIN, NAMES, List.of("no", "yes"),
                new TableAugmentation(0, true), 1);
        assertThat(preview.countsBefore()).containsExactly(4, 1);
        assertThat(preview.countsAfter()).containsExactly(4, 4);
        assertThat(preview.after()).isEqualTo(preview.before());
        assertThat(preview.summary()).contains("8 rows per epoch instead of 5");
        assertThat(new TableAugmentation(0, true).rowsPerEpoch(TRAIN)).isEqualTo(8);
    }

    @Test
    void regressionShowsTheNumberPredictedAndNoClassCounts() {
        EncodedSet withTargets = TRAIN.withTargets(new float[] {1, 2, 3, 4, 5});
        AugmentationPreview preview = AugmentationPreview.of(withTargets, NAMES, List.of("price"),
                new TableAugmentation(0.1, true), 1);
        assertThat(preview.columns().get(0)).isEqualTo("price");
        assertThat(preview.classNames()).isEmpty();
        assertThat(preview.summary()).doesNotContain("rows per epoch");
        assertThat(new TableAugmentation(0.1, true).rowsPerEpoch(withTargets)).isEqualTo(5);
    }
}
