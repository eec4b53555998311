package org.layerlab.core.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses ND4J's native build and turns on DL4J's oneDNN layer helpers. Must run before ND4J loads: JavaCPP reads
 * the platform extension once, when its loader starts. {@link org.layerlab.Main} calls it first thing and
 * {@link Nd4jBackend} once more, for code paths that start elsewhere (tests, embedding).
 *
 * <p>Why (docs/decisions/0009): LayerLab ships ND4J's {@code -onednn} native build. DL4J 1.0.0-M2.1 routes
 * convolution, pooling, batch normalisation and LSTM layers to oneDNN only when (a) the system property
 * {@value #HELPERS_DISABLE} is {@code false} — its default is {@code true} — and (b) it finds the class
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, which M2.1 moved; the small class of that name in this code base
 * answers for the moved one. With both, the LeNet-style CNN trains about twice as fast on this 2-core machine.
 */
public final class NativeBuild {
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    static final String ONEDNN_EXTENSION = "-onednn";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    private NativeBuild() {
    }

    /** Sets both properties unless the user already set them (e.g. {@code -Dorg.eclipse…helpers.disable=true}). */
    public static synchronized void configure() {
        if (System.getProperty(PLATFORM_EXTENSION) == null && oneDnnBindingsPresent()) {
            System.setProperty(PLATFORM_EXTENSION, ONEDNN_EXTENSION);
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
    }

    /** The environment variable that tells OpenBLAS which processor's kernels to use. */
    public static final String BLAS_CORE_TYPE = "OPENBLAS_CORETYPE";
    /** The AVX-512 extensions OpenBLAS's SkylakeX kernels use. */
    private static final Set<String> SKYLAKE_X_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq",
            "avx512vl");

    /**
     * The OpenBLAS kernels LayerLab asks for on this processor ({@value #BLAS_CORE_TYPE}), or empty to let OpenBLAS
     * choose. Must be in the environment before OpenBLAS loads, so {@link org.layerlab.Main} sets it when it starts
     * itself once more.
     *
     * <p>Why (docs/decisions/0029): the OpenBLAS inside ND4J 1.0.0-M2.1 (0.3.19) does not know AMD's Zen 4 and runs
     * its AVX2 kernels for "Zen" on it, though the processor has AVX-512; its SkylakeX kernels trained the MNIST MLP
     * 15–20% faster there. A processor with the AVX-512 extensions those kernels use gets them; on one OpenBLAS
     * already recognises (Intel's Skylake-X and later) that is what it would choose anyway.
     */
    public static Optional<String> wantedBlasCoreType() {
        try {
            return blasCoreTypeFor(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /** {@link #wantedBlasCoreType()} for a processor described as Linux's {@code /proc/cpuinfo} describes it. */
    static Optional<String> blasCoreTypeFor(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                Set<String> flags = Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                        .collect(Collectors.toSet());
                return flags.containsAll(SKYLAKE_X_FLAGS) ? Optional.of("SKYLAKEX") : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** True when ND4J runs (or will run) its oneDNN build with DL4J's layer helpers on. */
    public static boolean oneDnnActive() {
        return ONEDNN_EXTENSION.equals(System.getProperty(PLATFORM_EXTENSION))
                && "false".equals(System.getProperty(HELPERS_DISABLE));
    }

    /** Whether the oneDNN native build for this platform is on the class path, checked without loading it. */
    static boolean oneDnnBindingsPresent() {
        String folder = BINDINGS + javaCppPlatform() + ONEDNN_EXTENSION + "/";
        return NativeBuild.class.getClassLoader().getResource(folder + "libjnind4jcpu.so") != null
                || NativeBuild.class.getClassLoader().getResource(folder + "jnind4jcpu.dll") != null
                || NativeBuild.class.getClassLoader().getResource(folder + "libjnind4jcpu.dylib") != null;
    }

    /** JavaCPP's name for this platform, e.g. "linux-x86_64", worked out as JavaCPP does for the common cases. */
    static String javaCppPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
        String archName = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osName + "-" + archName;
    }
}
