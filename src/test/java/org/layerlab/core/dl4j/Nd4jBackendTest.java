package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.layerlab.core.train.BackendInfo;

class Nd4jBackendTest {

    @Test
    void detectsTheCpuBackendOnceAndRemembersIt() {
        BackendInfo info = Nd4jBackend.detect();

        assertThat(Nd4jBackend.detect()).isSameAs(info);
        assertThat(new Dl4jTrainer().backend()).isSameAs(info);
        assertThat(Nd4jBackend.isUsable()).isTrue();
        assertThat(info.device()).isNotBlank();
        if (Nd4jBackend.cudaBuildPresent()) { // mvn -Pcuda: CUDA with a GPU, else the CPU fallback explained
            assertThat(info.kind()).isIn("CPU", "CUDA");
            if (info.kind().equals("CPU")) {
                assertThat(info.explanation()).isEqualTo(Nd4jBackend.CUDA_FELL_BACK);
            }
        } else { // the default build, as here and on CI
            assertThat(info.kind()).isEqualTo("CPU");
            assertThat(info.device()).contains(Runtime.getRuntime().availableProcessors() + " core");
            assertThat(info.explanation()).isEqualTo(Nd4jBackend.CPU_ONLY);
            assertThat(info.summary()).startsWith("CPU (");
        }
    }

    @Test
    void describesACudaDeviceFromNd4jEnvironmentInformation() {
        Properties environment = new Properties();
        environment.put("cuda.devicesInformation", List.of(
                Map.of("cuda.deviceName", "NVIDIA GeForce RTX 3060", "cuda.totalMemory", 12L << 30),
                Map.of("cuda.deviceName", "NVIDIA T4", "cuda.totalMemory", 16L << 30)));

        assertThat(Nd4jBackend.cudaDevice(environment)).isEqualTo("NVIDIA GeForce RTX 3060, 12.0 GB (+1 more)");
        assertThat(Nd4jBackend.cudaDevice(new Properties())).isEqualTo("NVIDIA GPU");
    }

    @Test
    void explainsWhyCudaWasSkippedInPlainWords() {
        assertThat(Nd4jBackend.reasonOf(new UnsatisfiedLinkError("/x/libjnicudart.so: libcuda.so.1: cannot open "
                + "shared object file"))).contains("NVIDIA driver (libcuda.so.1) is not installed");
        assertThat(Nd4jBackend.reasonOf(new ExceptionInInitializerError("no jnicudart in java.library.path")))
                .contains("CUDA libraries could not load");
        // Without the CUDA build on the class path (the default build) there is nothing to explain about CUDA.
        assertThat(Nd4jBackend.cudaBuildPresent()).isFalse();
        assertThat(Nd4jBackend.detect().explanation()).isEqualTo(Nd4jBackend.CPU_ONLY);
    }
}
