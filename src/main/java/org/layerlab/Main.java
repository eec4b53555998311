package org.layerlab;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of {@code layerlab.jar}: with no arguments it opens the app, with arguments it runs the command
 * line. It is deliberately not a JavaFX {@code Application}, so the jar runs on a plain class path.
 *
 * <p>Before anything loads ND4J it makes sure OpenMP threads wait passively (see docs/decisions/0002): the
 * setting is read only when the native library loads, so if the environment lacks it, LayerLab starts itself
 * once more with it set.
 */
public final class Main {
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String NO_RELAUNCH = "layerlab.noRelaunch";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        org.layerlab.core.dl4j.NativeBuild.configure();
        if (System.getenv(WAIT_POLICY) == null && !Boolean.getBoolean(NO_RELAUNCH)) {
            Integer exitCode = relaunchWithPassiveThreads(args);
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

    /** Runs this same program in a child JVM with the OpenMP setting; null if that is not possible. */
    private static Integer relaunchWithPassiveThreads(String[] args) {
        try {
            // The java launcher of this runtime (also inside a jpackage image, which keeps bin/java for this).
            Path launcher = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
            if (!Files.isExecutable(launcher)) {
                return null;
            }
            List<String> command = new ArrayList<>();
            command.add(launcher.toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-D" + NO_RELAUNCH + "=true");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put(WAIT_POLICY, "PASSIVE");
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return child.waitFor();
        } catch (Exception e) {
            return null; // Run in this JVM; training is slower but works.
        }
    }
}
