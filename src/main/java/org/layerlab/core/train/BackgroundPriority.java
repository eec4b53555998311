package org.layerlab.core.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the operating system's scheduling priority of a training run's threads (Linux "nice" 10), so that when the
 * window and the training want the same cores, the window gets them first; when nothing else wants them, training
 * still gets all of them. See docs/decisions/0022.
 *
 * <p>Java cannot set a thread's priority on Linux, so this finds the run's threads by their name in
 * {@code /proc/self/task} — the training thread, and the OpenMP worker threads it starts for ND4J, which inherit its
 * name — and runs {@code renice} on them. Threads already lowered are skipped; on other systems, or if
 * {@code renice} is missing, nothing happens. Every call does a few small file reads; the {@code renice} process is
 * started only for threads not lowered yet.
 */
public final class BackgroundPriority {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    /** The niceness given to training threads (0 is normal, 19 the lowest priority). */
    static final int NICENESS = 10;
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux keeps the first 15 bytes of a thread's name. */
    private static final int NAME_LENGTH = 15;

    /** The JVM names its compiler threads so, followed by a number. */
    private static final Set<String> JIT_COMPILER_THREADS = Set.of("C1 CompilerThread", "C2 CompilerThread");

    private final Set<String> names;
    private final Set<String> lowered = new HashSet<>();

    /** For the threads named like {@code thread} (a run's own thread, which the OpenMP workers it starts are named after). */
    public BackgroundPriority(Thread thread) {
        this(Set.of(thread.getName()));
    }

    /** For the threads with one of {@code threadNames} (as Linux keeps them: their first 15 characters compared). */
    private BackgroundPriority(Set<String> threadNames) {
        Set<String> kept = new HashSet<>();
        for (String full : threadNames) {
            kept.add(full.length() > NAME_LENGTH ? full.substring(0, NAME_LENGTH) : full);
        }
        this.names = Set.copyOf(kept);
    }

    /**
     * For the threads this one is for and the JVM's just-in-time compiler threads ("C1 CompilerThread0", "C2
     * CompilerThread1", …), found in one pass. On two cores the compiler threads took most of a core for seconds after
     * a large table opened, compiling the code that had just got busy, while the FX thread waited for a core to lay
     * the table out (docs/decisions/0027). Behind the window they still compile whenever the window leaves a core
     * free. Call {@link #lowerNow} again now and then: the JVM may start more.
     */
    public BackgroundPriority andJitCompilers() {
        Set<String> both = new HashSet<>(names);
        both.addAll(JIT_COMPILER_THREADS);
        return new BackgroundPriority(both);
    }

    /** Whether threads can be lowered here: Linux, with {@code /proc}. */
    public static boolean isSupported() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && Files.isDirectory(TASKS);
    }

    /** Lowers every thread of this process with the name and a priority above {@link #NICENESS}; returns how many. */
    public int lowerNow() {
        if (!isSupported()) {
            return 0;
        }
        List<String> toLower;
        try {
            toLower = idsNamedLikeThread();
        } catch (IOException | RuntimeException unreadable) {
            LOG.debug("Could not list this process's threads", unreadable);
            return 0;
        }
        toLower.removeAll(lowered);
        if (toLower.isEmpty()) {
            return 0;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICENESS), "-p"));
        command.addAll(toLower);
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (renice.waitFor(2, TimeUnit.SECONDS) && renice.exitValue() == 0) {
                lowered.addAll(toLower);
                return toLower.size();
            }
            renice.destroy();
        } catch (IOException unavailable) {
            LOG.debug("renice is not available; training threads keep their priority", unavailable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The niceness of thread {@code id} of this process, or null when it cannot be read. For tests. */
    static Integer nicenessOf(String id) {
        String stat = read(TASKS.resolve(id).resolve("stat"));
        if (stat == null) {
            return null;
        }
        // Fields after the name, which is in parentheses and may contain spaces: state is field 3, nice field 19.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }

    /** The ids of this process's threads named like the thread given at construction. For tests. */
    List<String> threadIds() {
        try {
            return idsNamedLikeThread();
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }

    private List<String> idsNamedLikeThread() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm"));
                // null: the thread ended after the listing (the set of names cannot be asked about null).
                if (name != null && names.contains(name)) {
                    ids.add(task.getFileName().toString());
                }
            }
        }
        return ids;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException gone) {
            return null; // the thread ended meanwhile
        }
    }
}
