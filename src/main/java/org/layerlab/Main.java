package org.layerlab;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.layerlab.core.dl4j.NativeBuild;

/**
 * Entry point of {@code layerlab.jar}: with no arguments it opens the app, with arguments it runs the command
 * line. It is deliberately not a JavaFX {@code Application}, so the jar runs on a plain class path.
 *
 * <p>Before anything loads ND4J it makes sure OpenMP threads wait passively (see docs/decisions/0002): the
 * setting is read only when the native library loads, so if the environment lacks it, LayerLab starts itself
 * once more with it set. The same relaunch adds the garbage-collector options of {@link #GC_OPTIONS} and, on a
 * processor with AVX-512, asks OpenBLAS for its AVX-512 kernels ({@link NativeBuild#wantedBlasCoreType()}).
 */
public final class Main {
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    /**
     * How long OpenBLAS's worker threads spin after a matrix multiplication before they sleep, as a power of two
     * of CPU cycles (4 is the least, 2^4 cycles; its default of 2^28 kept a core busy yielding for a tenth of a
     * second after every product). The spinning took a core from the window and from oneDNN's convolutions:
     * docs/decisions/0022.
     */
    static final String BLAS_THREAD_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT";
    static final String NO_RELAUNCH = "layerlab.noRelaunch";
    /**
     * Garbage-collector options for a window that must not freeze while training (docs/decisions/0019 and 0020): a
     * small, fixed young generation (16 MB, survivor spaces a quarter of it each), so that each young collection
     * copies little and pauses under about 20 ms even while ND4J churns through small objects, a pause target for
     * the rest, and a {@code System.gc()} (which ND4J and JavaCPP call when native memory runs short) done
     * concurrently rather than as a stop-the-world full collection. Options the user gives the JVM win (any young
     * generation size of theirs, e.g. {@code -Xmn}, replaces ours). The tests' JVM (pom.xml, surefire argLine) uses
     * the same ones.
     */
    static final List<String> GC_OPTIONS = List.of("-XX:MaxGCPauseMillis=20", "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:NewSize=16m", "-XX:MaxNewSize=16m", "-XX:SurvivorRatio=2");
    /** Options that size the young generation: a user who gives any of them sizes it, and ours are left out. */
    private static final List<String> YOUNG_SIZE = List.of("-XX:NewSize", "-XX:MaxNewSize", "-XX:NewRatio", "-Xmn");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        NativeBuild.configure();
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = missingOptions(jvmOptions);
        Optional<String> blasCoreType = NativeBuild.wantedBlasCoreType();
        boolean needsRelaunch = System.getenv(WAIT_POLICY) == null || System.getenv(BLAS_THREAD_TIMEOUT) == null
                || (blasCoreType.isPresent() && System.getenv(NativeBuild.BLAS_CORE_TYPE) == null)
                || !missing.isEmpty();
        if (needsRelaunch && !Boolean.getBoolean(NO_RELAUNCH)) {
            Integer exitCode = relaunchWithPassiveThreads(jvmOptions, missing, blasCoreType, args);
            if (exitCode != null) {
                System.exit(exitCode);
            }
        }
        if (args.length == 0) {
            org.layerlab.ui.LayerLabApp.launchApp(args);
        } else {
            System.exit(org.layerlab.cli.LayerLabCommand.execute(args));
        }
    }

    /** The {@link #GC_OPTIONS} the JVM was not started with, in any setting ({@code -XX:+X}, {@code -XX:X=5}). */
    static List<String> missingOptions(List<String> jvmOptions) {
        boolean userSizedYoung = jvmOptions.stream().map(Main::optionName)
                .anyMatch(name -> YOUNG_SIZE.contains(name) || name.startsWith("-Xmn"));
        List<String> missing = new ArrayList<>();
        for (String option : GC_OPTIONS) {
            String name = optionName(option);
            if (userSizedYoung && YOUNG_SIZE.contains(name)) {
                continue;
            }
            if (jvmOptions.stream().noneMatch(given -> optionName(given).equals(name))) {
                missing.add(option);
            }
        }
        return missing;
    }

    /** {@code -XX:+ExplicitGCInvokesConcurrent} and {@code -XX:-ExplicitGCInvokesConcurrent} → the same name. */
    private static String optionName(String option) {
        String name = option.startsWith("-XX:+") || option.startsWith("-XX:-") ? "-XX:" + option.substring(5) : option;
        int equals = name.indexOf('=');
        return equals < 0 ? name : name.substring(0, equals);
    }

    /**
     * Runs this same program in a child JVM with the OpenMP, OpenBLAS and GC settings; null if that is not possible.
     */
    private static Integer relaunchWithPassiveThreads(List<String> jvmOptions, List<String> missing,
                                                      Optional<String> blasCoreType, String[] args) {
        try {
            // The java launcher of this runtime (also inside a jpackage image, which keeps bin/java for this).
            Path launcher = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
            if (!Files.isExecutable(launcher)) {
                return null;
            }
            List<String> command = new ArrayList<>();
            command.add(launcher.toString());
            command.addAll(jvmOptions);
            command.addAll(missing);
            command.add("-D" + NO_RELAUNCH + "=true");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putIfAbsent(WAIT_POLICY, "PASSIVE");
            builder.environment().putIfAbsent(BLAS_THREAD_TIMEOUT, "4");
            blasCoreType.ifPresent(type -> builder.environment().putIfAbsent(NativeBuild.BLAS_CORE_TYPE, type));
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return child.waitFor();
        } catch (Exception e) {
            return null; // Run in this JVM; training is slower but works.
        }
    }
}
