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
                .containsExactly("-XX:NewSize=16m", "-XX:MaxNewSize=16m", "-XX:SurvivorRatio=2");
        assertThat(Main.missingOptions(List.of("-XX:MaxGCPauseMillis=50")))
                .containsExactly("-XX:+ExplicitGCInvokesConcurrent", "-XX:NewSize=16m", "-XX:MaxNewSize=16m",
                        "-XX:SurvivorRatio=2");
    }

    @Test
    void aYoungGenerationSizedByTheUserReplacesOurs() {
        assertThat(Main.missingOptions(List.of("-Xmn64m"))).containsExactly("-XX:MaxGCPauseMillis=20",
                "-XX:+ExplicitGCInvokesConcurrent", "-XX:SurvivorRatio=2");
        assertThat(Main.missingOptions(List.of("-XX:MaxNewSize=100m"))).doesNotContain("-XX:NewSize=16m",
                "-XX:MaxNewSize=16m");
        assertThat(Main.missingOptions(List.of("-XX:NewRatio=3"))).doesNotContain("-XX:NewSize=16m");
    }
}
