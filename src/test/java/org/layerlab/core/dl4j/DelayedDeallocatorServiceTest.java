package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J buffers are freed a grace period after they become unreachable, never while a native call may read them. */
class DelayedDeallocatorServiceTest {

    @BeforeAll
    static void loadNd4j() {
        assertThat(Nd4jBackend.isUsable()).as(Nd4jBackend.detect().explanation()).isTrue();
    }

    @Test
    void replacesNd4jsServiceOnTheCpuBackend() {
        assertThat(DelayedDeallocatorService.isInstalled()).isTrue();
        assertThat(Nd4j.getDeallocatorService()).isSameAs(DelayedDeallocatorService.installed());
    }

    @Test
    void unreachableBuffersAreFreedButOnlyAfterTheGracePeriod() throws InterruptedException {
        DelayedDeallocatorService service = DelayedDeallocatorService.installed();
        long freedBefore = service.freed();
        for (int i = 0; i < 2_000; i++) {
            Nd4j.create(DataType.FLOAT, 64, 64).addi(i); // allocated outside any workspace, then dropped
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.freed() < freedBefore + 2_000 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(service.freed()).isGreaterThanOrEqualTo(freedBefore + 2_000);
        assertThat(service.shortestWaitMillis()).isGreaterThanOrEqualTo(DelayedDeallocatorService.GRACE_MILLIS);
    }

    /**
     * The crash this service prevents, provoked on purpose in a child JVM: a small heap and a thread calling
     * {@code System.gc()} every 2 ms while the main thread adds bias rows (see {@link BroadcastUnderGcPressure}).
     */
    @Test
    void broadcastOpsSurviveGarbageCollectionsInTheirMiddle() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-Dorg.bytedeco.javacpp.platform.extension=" + System.getProperty(
                        "org.bytedeco.javacpp.platform.extension", ""),
                "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/layerlab-gc-pressure-%p.log",
                "-cp", System.getProperty("java.class.path"), BroadcastUnderGcPressure.class.getName(), "10"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("ops [1-9][0-9]{3,}");
    }
}
