package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When the explore views and the augmentation preview do their work for new data, on the iris sample: at once, or,
 * when a view holds it, once that view has shown the table.
 */
class WorkAfterShowingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void withoutAViewThatHoldsItTheWorkStartsWithTheTable() {
        ViewModelHarness harness = new ViewModelHarness(null);
        ExploreViewModel explore = harness.viewModels.data().explore();
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("the summary, the scatter and the augmentation preview", WAIT,
                () -> explore.summaryProperty().get() != null && explore.scatterProperty().get() != null
                        && harness.viewModels.data().augmentation().previewProperty().get() != null);
        assertThat(explore.summaryProperty().get().name()).isEqualTo(explore.columnProperty().get());
    }

    @Test
    void heldWorkWaitsUntilTheTableIsShownThenRunsOnce() {
        ViewModelHarness harness = new ViewModelHarness(null);
        ExploreViewModel explore = harness.viewModels.data().explore();
        TableAugmentationViewModel augmentation = harness.viewModels.data().augmentation();
        harness.project.workAfterShowing().holdForView();
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> harness.project.getExperiment() != null);
        harness.pump();
        assertThat(explore.summaryProperty().get()).isNull();
        assertThat(explore.histogramProperty().get()).isNull();
        assertThat(explore.scatterProperty().get()).isNull();
        assertThat(explore.classBalanceProperty().get()).isNull();
        assertThat(explore.scatterNoteProperty().get()).isEqualTo("Drawing…");
        assertThat(augmentation.previewProperty().get()).isNull();

        harness.project.workAfterShowing().shown();
        harness.pumpUntil("the held work is done", WAIT, () -> explore.summaryProperty().get() != null
                && explore.histogramProperty().get() != null && explore.scatterProperty().get() != null
                && explore.classBalanceProperty().get() != null && augmentation.previewProperty().get() != null);
        assertThat(explore.summaryProperty().get().name()).isEqualTo(explore.columnProperty().get());
        assertThat(explore.classBalanceProperty().get().shown()).extracting(c -> c.count()).containsExactly(50, 50, 50);

        // Later requests, from the user, are not held.
        String other = explore.columns().get(2);
        explore.columnProperty().set(other);
        harness.pumpUntil("the other column's summary", WAIT,
                () -> explore.summaryProperty().get() != null && explore.summaryProperty().get().name().equals(other));
    }
}
