package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.layerlab.core.experiment.PreparedExperiment;
import org.junit.jupiter.api.Test;

class FirstTableRehearsalTest {
    @Test
    void rehearsesOnATableWithAMissingValueACategoryAndThreeClasses() {
        PreparedExperiment rehearsed = FirstTableRehearsal.run();

        assertThat(rehearsed.project().labelColumn()).isEqualTo("kind");
        assertThat(rehearsed.table().rowCount()).isEqualTo(12);
        assertThat(rehearsed.data().classCount()).isEqualTo(3);
        // The colour column is one-hot encoded: more inputs than the four feature columns.
        assertThat(rehearsed.data().inputCount()).isGreaterThan(4);
    }
}
