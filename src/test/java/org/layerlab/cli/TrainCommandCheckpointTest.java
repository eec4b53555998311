package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with checkpoints, resume, early stopping and the training options, as a user types it. */
class TrainCommandCheckpointTest {

    @TempDir
    Path folder;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void threeEpochsCheckpointedThenResumedToSixReportTheSameHistoryAsSixStraight() throws IOException {
        Path straightReport = folder.resolve("straight.json");
        Path resumedReport = folder.resolve("resumed.json");
        Path checkpoints = folder.resolve("checkpoints");
        String[] common = {"train", "--data", "samples/iris/iris.csv", "--label", "species", "--seed", "9",
            "--optimizer", "adam", "--schedule", "step:0.5:2"};

        assertThat(run(concat(common, "--epochs", "6", "--report", straightReport.toString()))).as(err.toString())
                .isZero();
        assertThat(run(concat(common, "--epochs", "3", "--checkpoint-dir", checkpoints.toString()))).isZero();
        assertThat(Files.isDirectory(checkpoints.resolve("epoch-0003"))).isTrue();
        // The resumed run gets its settings (seed, optimizer, schedule) from the checkpoint.
        int exit = run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--resume",
                checkpoints.toString(), "--epochs", "6", "--report", resumedReport.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Resuming from").contains("after epoch 3").contains("Epoch 6/6")
                .doesNotContain("Epoch 1/6");
        JsonNode straight = new ObjectMapper().readTree(straightReport.toFile());
        JsonNode resumed = new ObjectMapper().readTree(resumedReport.toFile());
        assertThat(resumed.path("history")).hasSize(6);
        for (int i = 0; i < 6; i++) {
            JsonNode a = resumed.path("history").get(i);
            JsonNode b = straight.path("history").get(i);
            assertThat(a.path("epoch").asInt()).isEqualTo(i + 1);
            for (String field : new String[] {"train_loss", "val_loss", "train_accuracy", "val_accuracy",
                "learning_rate"}) {
                assertThat(a.path(field).asDouble()).as(field + " of epoch " + (i + 1))
                        .isCloseTo(b.path(field).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThat(straight.path("history").get(5).path("learning_rate").asDouble()).isEqualTo(0.0025);
        assertThat(resumed.path("test").path("accuracy").asDouble())
                .isEqualTo(straight.path("test").path("accuracy").asDouble());
        assertThat(resumed.path("training").path("seed").asInt()).isEqualTo(9);
        assertThat(resumed.path("training").path("schedule").asText()).isEqualTo("step ×0.5 every 2 epochs");
        assertThat(resumed.path("train_samples_per_second").asDouble()).isPositive();
        // The resumed run kept checkpointing into the same folder.
        assertThat(Files.isDirectory(checkpoints.resolve("epoch-0006"))).isTrue();
    }

    @Test
    void earlyStoppingReportsTheBestEpoch() throws IOException {
        Path report = folder.resolve("early.json");

        int exit = run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--epochs", "300",
                "--lr", "0.05", "--early-stopping", "3", "--optimizer", "adamw", "--l2", "0.0001", "--clip", "5",
                "--report", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        int epochs = json.path("epochs").asInt();
        int best = json.path("best_epoch").asInt();
        assertThat(epochs).isLessThan(300);
        assertThat(best).isEqualTo(epochs - 3);
        assertThat(out.toString()).contains("Best epoch: " + best + " (validation loss").contains("Stopped early");
        double bestLoss = json.path("history").get(best - 1).path("val_loss").asDouble();
        for (JsonNode epoch : json.path("history")) {
            assertThat(epoch.path("val_loss").asDouble()).isGreaterThanOrEqualTo(bestLoss);
        }
        assertThat(json.path("training").path("optimizer").asText()).isEqualTo("adamw");
        assertThat(json.path("training").path("early_stopping_patience").asInt()).isEqualTo(3);
        assertThat(json.path("training").path("l2").asDouble()).isEqualTo(0.0001);
    }

    @Test
    void anUnwritableCheckpointFolderIsNotedOnceAndTrainingFinishes() throws IOException {
        Path blocked = Files.writeString(folder.resolve("not-a-folder"), "x");

        int exit = run("train", "--data", "samples/iris/iris.csv", "--label", "species", "--epochs", "3",
                "--checkpoint-dir", blocked.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Note: The checkpoint after epoch 1 could not be written")
                .doesNotContain("after epoch 2 could not").contains("Test accuracy");
    }

    @Test
    void badOptionsAreRefusedWithOnePlainSentence() {
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--optimizer", "lion")).isEqualTo(2);
        assertThat(err.toString()).contains("There is no optimizer 'lion'. Choose one of sgd, nesterov, adam, adamw, "
                + "rmsprop, adagrad.");
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--schedule", "wobbly")).isEqualTo(2);
        assertThat(err.toString()).contains("'wobbly' is not a learning-rate schedule");
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--resume", folder.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("There is no checkpoint in");
        assertThat(run("train", "--data", "samples/iris/iris.csv", "--early-stopping", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("Early-stopping patience");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
