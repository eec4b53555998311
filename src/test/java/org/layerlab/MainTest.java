package org.layerlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void addsEveryGarbageCollectorOptionTheJvmWasNotStartedWith() {
        assertThat(Main.missingOptions(List.of("-Xmx4g"))).isEqualTo(Main.GC_OPTIONS);
        assertThat(Main.missingOptions(Main.GC_OPTIONS)).isEmpty();
    }

    @Test
    void theUsersOwnSettingOfAnOptionWins() {
        assertThat(Main.missingOptions(List.of("-XX:MaxGCPauseMillis=200", "-XX:-ExplicitGCInvokesConcurrent")))
                .isEmpty();
        assertThat(Main.missingOptions(List.of("-XX:MaxGCPauseMillis=50")))
                .containsExactly("-XX:+ExplicitGCInvokesConcurrent");
    }
}
