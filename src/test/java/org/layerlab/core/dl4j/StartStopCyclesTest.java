package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingEvent;
import org.layerlab.core.train.TrainingEvent.Outcome;
import org.layerlab.core.train.TrainingListener;
import org.layerlab.core.train.TrainingResult;
import org.layerlab.core.train.TrainingRun;
import org.layerlab.core.train.TrainingService;

/**
 * Stopping or pausing a run at any moment leaves no training thread behind and does not leak native memory: 100 real
 * iris runs through the {@link TrainingService}, each stopped at a random (seeded) point — before its first
 * minibatch, in the middle of an epoch, or after pausing first.
 */
class StartStopCyclesTest {
    private static final int CYCLES = 100;

    @Test
    void hundredStartStopCyclesLeaveNoThreadAndNoNativeMemoryGrowth() throws Exception {
        PreparedData data = IrisFixture.prepared();
        TrainingService service = new TrainingService(new Dl4jTrainer());
        Random random = new Random(20261127);
        long[] offHeapBytes = new long[CYCLES];
        long[] residentBytes = new long[CYCLES];
        List<Outcome> outcomes = new ArrayList<>();

        for (int cycle = 0; cycle < CYCLES; cycle++) {
            AtomicLong iterations = new AtomicLong();
            TrainingListener countIterations = event -> {
                if (event instanceof TrainingEvent.IterationDone) {
                    iterations.incrementAndGet();
                }
            };
            TrainingRun run = service.start(data, NetworkGraph.defaultGraph(),
                    new TrainingConfig(1_000, 16, 0.01, cycle), countIterations);
            int stopAfter = random.nextInt(60); // 0: stop before (or during) the first minibatch; 7 per epoch
            while (iterations.get() < stopAfter && !run.isDone()) {
                Thread.onSpinWait();
            }
            if (random.nextInt(3) == 0) {
                run.pause();
                Thread.sleep(random.nextInt(3));
            }
            run.stop();
            TrainingResult result = run.result().get(60, TimeUnit.SECONDS);
            outcomes.add(result.outcome());
            awaitNoTrainingThread();
            assertThat(trainingThreads()).as("training threads left after cycle " + cycle).isEmpty();

            System.gc();
            Thread.sleep(20);
            offHeapBytes[cycle] = Pointer.physicalBytes() - javaCommittedBytes();
            residentBytes[cycle] = Pointer.physicalBytes();
        }

        assertThat(outcomes).containsOnly(Outcome.STOPPED);
        for (int cycle = 0; cycle < CYCLES; cycle += 10) {
            System.out.printf(Locale.ROOT, "cycle %d: off-heap %.1f MB, resident %.1f MB%n", cycle, offHeapBytes[cycle] / 1e6,
                    residentBytes[cycle] / 1e6);
        }
        double earlyOffHeap = mean(offHeapBytes, 20, 40);
        double lateOffHeap = mean(offHeapBytes, CYCLES - 20, CYCLES);
        double earlyResident = mean(residentBytes, 20, 40);
        double lateResident = mean(residentBytes, CYCLES - 20, CYCLES);
        System.out.printf(Locale.ROOT, "Start/stop: off-heap resident cycles 20-39 %.1f MB, 80-99 %.1f MB; "
                        + "resident %.1f MB, %.1f MB%n", earlyOffHeap / 1e6, lateOffHeap / 1e6, earlyResident / 1e6,
                lateResident / 1e6);
        // ND4J's CPU arrays live in native memory that neither JavaCPP nor ND4J's tracker counts here, so this measures
        // what the process holds outside the JVM's own committed memory. glibc keeps freed memory in per-thread arenas
        // (a new thread each run), which grows it for the first few dozen runs and then levels off (measured: +12 to
        // +22 MB between these windows, flat over the last 40 runs). The bound is generous for that noise, so it
        // catches a leak of about 1 MB or more per run (e.g. a run's batch feed or workspaces), not a few KB.
        assertThat(lateOffHeap - earlyOffHeap).as("off-heap resident bytes").isLessThan(48e6);
        assertThat(lateResident - earlyResident).as("resident set size").isLessThan(64e6);
    }

    /** Memory the JVM itself has committed (heap, metaspace, code cache): resident, but not native arrays. */
    private static long javaCommittedBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
    }

    private static double mean(long[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    /** The run's thread completes the result just before it ends, so give it a moment to finish. */
    private static void awaitNoTrainingThread() throws InterruptedException {
        for (Thread thread : trainingThreads()) {
            thread.join(10_000);
        }
    }

    private static List<Thread> trainingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("layerlab-training-") && thread.isAlive())
                .toList();
    }
}
