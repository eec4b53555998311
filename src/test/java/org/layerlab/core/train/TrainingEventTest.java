package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

class TrainingEventTest {

    @Test
    void eventsCarryOnlyScalarsAndTextNeverEngineArrays() {
        for (Class<?> type : TrainingEvent.class.getPermittedSubclasses()) {
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> kind = component.getType();
                assertThat(kind.isPrimitive() || kind == String.class || kind.isEnum() || kind == Histogram.class)
                        .as(type.getSimpleName() + "." + component.getName() + " is " + kind.getName()).isTrue();
            }
        }
    }

    @Test
    void aHistogramCountsEveryFiniteValueAndKeepsItsCountsToItself() {
        Histogram histogram = Histogram.of(new float[] {0, 1, 2, 3, 4, Float.NaN}, 4);
        assertThat(histogram.min()).isZero();
        assertThat(histogram.max()).isEqualTo(4);
        assertThat(histogram.counts()).containsExactly(1, 1, 1, 2);
        assertThat(histogram.total()).isEqualTo(5);
        histogram.counts()[0] = 99;
        int[] given = {1, 2};
        Histogram copied = new Histogram(0, 1, given);
        given[0] = 99;
        assertThat(histogram.counts()[0]).isEqualTo(1);
        assertThat(copied.counts()).containsExactly(1, 2);
        assertThat(Histogram.of(new float[] {3, 3, 3}).total()).isEqualTo(3);
        assertThat(Histogram.of(new float[0]).total()).isZero();
    }

    @Test
    void theTimeLeftFollowsThePaceSoFar() {
        assertThat(Eta.remainingSeconds(0, 10, 5)).isNaN();
        assertThat(Eta.remainingSeconds(2, 10, 4)).isEqualTo(16);
        assertThat(Eta.remainingSeconds(10, 10, 30)).isZero();
        assertThat(Eta.describe(16)).isEqualTo("about 16 s");
        assertThat(Eta.describe(125)).isEqualTo("about 2 min 05 s");
        assertThat(Eta.describe(7300)).isEqualTo("about 2 h 01 min");
        assertThat(Eta.describe(Double.NaN)).isEmpty();
    }

    @Test
    void thePaceLeavesOutTheSlowFirstEpochAndFollowsRecentOnes() {
        Eta.Pace pace = new Eta.Pace();
        assertThat(pace.remainingSeconds(0.5, 3)).isNaN();
        pace.epochDone(10); // loading the native library, warming up
        assertThat(pace.remainingSeconds(0, 3)).isEqualTo(30);
        pace.epochDone(1);
        assertThat(pace.secondsPerEpoch()).isEqualTo(1);
        pace.epochDone(2);
        pace.epochDone(3);
        pace.epochDone(4);
        assertThat(pace.secondsPerEpoch()).isEqualTo(3);
        assertThat(pace.remainingSeconds(0.5, 2)).isEqualTo(7.5);
        assertThat(pace.remainingSeconds(0, 0)).isZero();
    }

    @Test
    void aRequestedLearningRateIsTakenOnce() {
        RunControl control = new RunControl();
        assertThat(control.takeRequestedLearningRate()).isEmpty();
        control.requestLearningRate(0.003);
        assertThat(control.takeRequestedLearningRate()).hasValue(0.003);
        assertThat(control.takeRequestedLearningRate()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> control.requestLearningRate(-1))
                .hasMessageContaining("small positive number");
    }
}
