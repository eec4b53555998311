package org.layerlab.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Records the gaps between the window's pulses, and for each gap over 50 ms what the FX thread did meanwhile:
 * "JVM uptime in s when it ended:gap in ms (FX thread busy N ms, waited for a core M ms)", to line up with GC logs
 * and profiles. A long gap with little busy time was the thread waiting — for a core (the waited figure), a
 * collection or the renderer — not work of its own. For the responsiveness measurements.
 */
final class PulseGaps {
    private static final long LONG_NANOS = 50_000_000L;

    private final List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
    private final List<String> longGaps = Collections.synchronizedList(new ArrayList<>());
    /** The most CPU time the FX thread used between two pulses since the last {@link #drainLongestBusy}, in ns. */
    private volatile long longestBusy;
    // The FX thread's own: only the timer touches them.
    private long last;
    private long lastCpu;
    private long lastWaited;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long waited = waitedForCoreNanos();
            if (last != 0) {
                long gap = now - last;
                gaps.add(gap);
                longestBusy = Math.max(longestBusy, cpu - lastCpu);
                if (gap > LONG_NANOS) {
                    longGaps.add(String.format(Locale.ROOT,
                            "%.3fs:%dms (FX thread busy %d ms, waited for a core %d ms)",
                            ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, gap / 1_000_000,
                            (cpu - lastCpu) / 1_000_000, (waited - lastWaited) / 1_000_000));
                }
            }
            last = now;
            lastCpu = cpu;
            lastWaited = waited;
        }
    };

    /** Starts recording. FX thread. */
    void start() {
        timer.start();
    }

    /** Stops recording. FX thread. */
    void stop() {
        timer.stop();
    }

    /** The gaps recorded since the last call, in nanoseconds, in order; forgets them. */
    List<Long> drainGaps() {
        synchronized (gaps) {
            List<Long> drained = new ArrayList<>(gaps);
            gaps.clear();
            return drained;
        }
    }

    /** The longest gap recorded since the last call of {@link #drainGaps} (0 if none), and forgets them. */
    long drainLongest() {
        return drainGaps().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * The most CPU time the FX thread used between two pulses since the last call, in nanoseconds; forgets it. Unlike
     * the gaps, it leaves out waiting for a core or the renderer: the FX thread's own work, less noisy to compare.
     */
    long drainLongestBusy() {
        long busy = longestBusy;
        longestBusy = 0;
        return busy;
    }

    /** The gaps over 50 ms since the last call, described as above; forgets them. */
    List<String> drainLongGaps() {
        synchronized (longGaps) {
            List<String> drained = new ArrayList<>(longGaps);
            longGaps.clear();
            return drained;
        }
    }

    /**
     * How long the calling thread has been ready to run but waiting for a core, from Linux's scheduler statistics
     * (the second field of /proc/thread-self/schedstat); 0 where they cannot be read. Tells a gap caused by the other
     * threads taking the cores from one where the thread was stopped (a collection) or idle (waiting for the renderer).
     */
    private static long waitedForCoreNanos() {
        try {
            String[] fields = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException unavailable) {
            return 0;
        }
    }
}
