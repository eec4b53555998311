package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.train.CheckpointStore;

/**
 * A real kill: {@code train} runs in its own JVM and is killed (SIGKILL) while it checkpoints; the run resumed
 * from what is on disk reports the same history as an uninterrupted one.
 */
class TrainCommandKillTest {

    @TempDir
    Path folder;

    @Test
    void aKilledProcessResumesFromItsLastCheckpointAndEndsAsAnUninterruptedRun() throws Exception {
        Path checkpoints = folder.resolve("checkpoints");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dlayerlab.noRelaunch=true", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.layerlab.Main",
                "train", "--data", "samples/iris/iris.csv", "--label", "species", "--seed", "5", "--epochs", "5000",
                "--checkpoint-dir", checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("killed.log").toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (CheckpointStore.all(checkpoints).size() < 2 || latestEpoch(checkpoints) < 4) {
                assertThat(process.isAlive()).as(Files.exists(folder.resolve("killed.log"))
                        ? Files.readString(folder.resolve("killed.log")) : "no output").isTrue();
                assertThat(System.nanoTime()).as("checkpoints appear within 2 minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: possibly in the middle of writing the next checkpoint
            process.waitFor(30, TimeUnit.SECONDS);
        }
        int resumedAt = CheckpointStore.read(checkpoints).epoch();
        int total = resumedAt + 3;
        Path resumed = folder.resolve("resumed.json");
        Path straight = folder.resolve("straight.json");

        assertThat(run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--resume",
                checkpoints.toString(), "--epochs", Integer.toString(total), "--report", resumed.toString())).isZero();
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--seed", "5",
                "--epochs", Integer.toString(total), "--report", straight.toString())).isZero();

        JsonNode a = new ObjectMapper().readTree(resumed.toFile()).path("history");
        JsonNode b = new ObjectMapper().readTree(straight.toFile()).path("history");
        assertThat(a).hasSize(total);
        for (int i = 0; i < total; i++) {
            for (String field : List.of("train_loss", "val_loss", "train_accuracy", "val_accuracy")) {
                assertThat(a.get(i).path(field).asDouble()).as(field + " of epoch " + (i + 1))
                        .isCloseTo(b.get(i).path(field).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    private static int latestEpoch(Path checkpoints) {
        return CheckpointStore.latest(checkpoints).map(p -> Integer.parseInt(p.getFileName().toString()
                .substring("epoch-".length()))).orElse(0);
    }

    private static int run(String... args) throws IOException {
        StringWriter err = new StringWriter();
        int exit = LayerLabCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        if (exit != 0) {
            throw new AssertionError("exit " + exit + ": " + err);
        }
        return exit;
    }
}
