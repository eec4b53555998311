package org.layerlab.core.dl4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.layerlab.core.Failures;
import org.layerlab.core.train.BackendInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finds out which ND4J backend (CPU or CUDA) this process computes on, and why.
 *
 * <p>{@link #detect()} loads ND4J's native library on first use (2–3 s: keep it off the UI thread), sets
 * float32 as the default data type and remembers the answer. It never throws: when the native library
 * cannot load, the answer has kind {@code "none"} and an explanation with the error.
 */
public final class Nd4jBackend {
    /** Kind reported when ND4J could not start at all. */
    public static final String NONE = "none";

    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String CUDA_FELL_BACK = "The CUDA build is installed but no usable NVIDIA GPU/driver was found, "
            + "so LayerLab trains on the CPU.";
    static final String CPU_ONLY = "This build uses the CPU backend (build with -Pcuda for NVIDIA GPUs).";

    private static volatile BackendInfo detected;

    static {
        NativeBuild.configure();
    }

    private Nd4jBackend() {
    }

    /** The backend ND4J uses in this process; detected once, then cached. */
    public static BackendInfo detect() {
        BackendInfo info = detected;
        if (info == null) {
            synchronized (Nd4jBackend.class) {
                info = detected;
                if (info == null) {
                    info = initialise();
                    detected = info;
                }
            }
        }
        return info;
    }

    /** True when ND4J loaded and can train. */
    public static boolean isUsable() {
        return !NONE.equals(detect().kind());
    }

    private static BackendInfo initialise() {
        try {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            String backendClass = Nd4j.getBackend().getClass().getSimpleName();
            Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
            Nd4j.getEnvironment(); // part of start-up: fails here rather than in the first training step
            if (backendClass.contains("JCublas") || backendClass.toLowerCase(Locale.ROOT).contains("cuda")) {
                return new BackendInfo("CUDA", cudaDevice(environment), "");
            }
            // ND4J's own deallocation can free a buffer while a native call still reads it (docs/decisions/0020).
            DelayedDeallocatorService.install();
            String explanation = cudaBuildPresent() ? CUDA_FELL_BACK + cudaUnavailableReason() : CPU_ONLY;
            return new BackendInfo("CPU", cpuDevice(), explanation);
        } catch (Throwable failure) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError, …
            return new BackendInfo(NONE, "", "The ND4J native library could not be loaded, so LayerLab cannot train"
                    + " on this computer: " + describe(failure));
        }
    }

    /**
     * Why ND4J skipped its CUDA backend, in plain words, asked of the backend itself (ND4J only logs it). Empty when
     * the reason cannot be found out.
     */
    static String cudaUnavailableReason() {
        try {
            Object backend = Class.forName(CUDA_BACKEND_CLASS).getDeclaredConstructor().newInstance();
            Object available = backend.getClass().getMethod("isAvailable").invoke(backend);
            return Boolean.FALSE.equals(available) ? " (ND4J reports the CUDA backend as unavailable.)" : "";
        } catch (java.lang.reflect.InvocationTargetException e) {
            return reasonOf(e.getCause());
        } catch (Throwable e) {
            return reasonOf(e);
        }
    }

    static String reasonOf(Throwable failure) {
        String message = describe(failure);
        if (message.contains("libcuda.so")) {
            return " Reason: the NVIDIA driver (libcuda.so.1) is not installed on this computer.";
        }
        if (message.contains("jnicudart") || message.contains("cudart")) {
            // A second attempt after ND4J's own reports only that the CUDA runtime's library did not load.
            return " Reason: the CUDA libraries could not load (usually: no NVIDIA driver on this computer).";
        }
        if (message.toLowerCase(Locale.ROOT).contains("no cuda-capable device")) {
            return " Reason: no CUDA-capable GPU was found.";
        }
        return " Reason: " + message;
    }

    /** Whether the CUDA backend jar is on the class path, checked without initialising it. */
    static boolean cudaBuildPresent() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Nd4jBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** E.g. "AMD EPYC 7B13, 2 cores"; just "2 cores" when the model is unknown. */
    static String cpuDevice() {
        int cores = Runtime.getRuntime().availableProcessors();
        String count = cores + (cores == 1 ? " core" : " cores") + (NativeBuild.oneDnnActive() ? ", oneDNN" : "");
        return cpuModel().map(model -> model + ", " + count).orElse(count);
    }

    static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                    .filter(model -> !model.isEmpty())
                    .findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** E.g. "NVIDIA GeForce RTX 3060, 12.0 GB" from ND4J's environment information, read without CUDA classes. */
    static String cudaDevice(Properties environment) {
        Object devices = environment.get("cuda.devicesInformation");
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            Object name = first.get("cuda.deviceName");
            Object memory = first.get("cuda.totalMemory");
            StringBuilder text = new StringBuilder(name == null ? "NVIDIA GPU" : name.toString().trim());
            if (memory instanceof Number bytes && bytes.longValue() > 0) {
                text.append(String.format(Locale.ROOT, ", %.1f GB", bytes.doubleValue() / (1L << 30)));
            }
            if (list.size() > 1) {
                text.append(" (+").append(list.size() - 1).append(" more)");
            }
            return text.toString();
        }
        return "NVIDIA GPU";
    }

    private static String describe(Throwable failure) {
        Throwable cause = Failures.rootCause(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
