package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;

/** A run's threads, found by name, are lowered to niceness 10 on Linux; other threads keep theirs. */
class BackgroundPriorityTest {

    @BeforeEach
    void onLinuxWithRenice() {
        org.junit.jupiter.api.Assumptions.assumeTrue(BackgroundPriority.isSupported(), "Linux only");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice"))
                || Files.isExecutable(Path.of("/bin/renice")), "needs renice");
    }

    @Test
    void lowersEveryThreadWithTheRunsNameAndNoOther() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Runnable park = () -> {
            started.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        // A "worker" with the same name, as the engine's OpenMP workers carry the training thread's name.
        threads.add(new Thread(park, "ll-prio-run"));
        threads.add(new Thread(park, "ll-prio-run"));
        threads.add(new Thread(park, "ll-prio-other"));
        threads.forEach(Thread::start);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            BackgroundPriority priority = new BackgroundPriority(threads.get(0));
            assertThat(priority.threadIds()).hasSize(2);
            assertThat(priority.lowerNow()).isEqualTo(2);
            assertThat(priority.lowerNow()).as("already lowered").isZero();
            for (String id : priority.threadIds()) {
                assertThat(BackgroundPriority.nicenessOf(id)).isEqualTo(BackgroundPriority.NICENESS);
            }
            for (String id : new BackgroundPriority(threads.get(2)).threadIds()) {
                assertThat(BackgroundPriority.nicenessOf(id)).isZero();
            }
        } finally {
            done.countDown();
        }
    }

    @Test
    void lowersTheJvmsCompilerThreadsWithTheThreadsNamedLikeTheGivenOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            started.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ll-prio-jit");
        worker.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            BackgroundPriority alone = new BackgroundPriority(worker);
            BackgroundPriority both = alone.andJitCompilers();
            List<String> ids = both.threadIds();
            assertThat(ids).containsAll(alone.threadIds());
            assertThat(ids.size()).as("this JVM compiles with C1 and C2 threads").isGreaterThan(alone.threadIds().size());
            assertThat(ids).doesNotContain(Long.toString(ProcessHandle.current().pid()));
            both.lowerNow();
            for (String id : ids) {
                assertThat(BackgroundPriority.nicenessOf(id)).isGreaterThanOrEqualTo(BackgroundPriority.NICENESS);
            }
        } finally {
            done.countDown();
        }
    }

    @Test
    void aServiceForAWindowRunsTrainingAtTheLowerPriority() throws Exception {
        AtomicReference<Integer> niceness = new AtomicReference<>();
        AtomicInteger events = new AtomicInteger();
        Trainer trainer = new Trainer() {
            @Override
            public TrainingResult train(PreparedData data, NetworkGraph network, TrainingConfig config,
                                        TrainingListener listener, RunControl control) {
                listener.on(new TrainingEvent.RunStarted("test", 1, 1, 1, 1));
                List<String> ids = new BackgroundPriority(Thread.currentThread()).threadIds();
                niceness.set(ids.isEmpty() ? null : BackgroundPriority.nicenessOf(ids.get(0)));
                listener.on(new TrainingEvent.RunFinished(TrainingEvent.Outcome.COMPLETED, 0, ""));
                return new TrainingResult(null, List.of(), TrainingEvent.Outcome.COMPLETED, "", 0, "test");
            }

            @Override
            public BackendInfo backend() {
                return new BackendInfo("CPU", "test", "");
            }
        };
        TrainingRun run = new TrainingService(trainer, true).start(null, null, TrainingConfig.defaults(),
                event -> events.incrementAndGet());
        run.result().get(30, TimeUnit.SECONDS);
        assertThat(events.get()).isEqualTo(2);
        assertThat(niceness.get()).isEqualTo(BackgroundPriority.NICENESS);
    }
}
