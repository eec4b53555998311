package org.layerlab.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of a checkpoint folder: one sub-folder per epoch ({@code epoch-0003}), each holding
 * {@value #STATE_FILE} (this class) and the engine's files. A sub-folder is written under a temporary name and
 * renamed when complete, so one that has the epoch name is whole; the latest such one is where a run resumes.
 */
public final class CheckpointStore {
    /** The run's state beside the engine's files. */
    public static final String STATE_FILE = "checkpoint.json";
    static final String FORMAT = "layerlab-checkpoint";
    private static final Pattern EPOCH_FOLDER = Pattern.compile("epoch-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointStore() {
    }

    /** The name of the sub-folder for the state after {@code epoch}. */
    public static String folderName(int epoch) {
        return String.format(Locale.ROOT, "epoch-%04d", epoch);
    }

    /**
     * The latest complete checkpoint in {@code folder}: {@code folder} itself if it is one, else its highest-numbered
     * epoch sub-folder that holds a {@value #STATE_FILE}.
     */
    public static Optional<Path> latest(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(folder.resolve(STATE_FILE))) {
            return Optional.of(folder);
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(child -> epochOf(child) >= 0 && Files.isRegularFile(child.resolve(STATE_FILE)))
                    .max(Comparator.comparingInt(CheckpointStore::epochOf));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The complete epoch sub-folders of {@code folder}, oldest first. */
    public static List<Path> all(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(child -> epochOf(child) >= 0)
                    .sorted(Comparator.comparingInt(CheckpointStore::epochOf)).toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    /** The epoch in a sub-folder's name, or -1 if it is not an epoch folder. */
    static int epochOf(Path child) {
        Matcher matcher = EPOCH_FOLDER.matcher(child.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Writes the state file into {@code folder} (a sub-folder still being written). */
    public static void write(Checkpoint checkpoint, Path folder) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("epoch", checkpoint.epoch());
        root.put("globalIteration", checkpoint.globalIteration());
        TrainingConfigJson.write(root.putObject("config"), checkpoint.config());
        ArrayNode history = root.putArray("history");
        for (TrainingEvent.EpochEnded epoch : checkpoint.history()) {
            ObjectNode node = history.addObject();
            node.put("epoch", epoch.epoch());
            node.put("epochs", epoch.epochs());
            putNumber(node, "trainLoss", epoch.trainLoss());
            putNumber(node, "trainAccuracy", epoch.trainAccuracy());
            putNumber(node, "validationLoss", epoch.validationLoss());
            putNumber(node, "validationAccuracy", epoch.validationAccuracy());
            putNumber(node, "samplesPerSecond", epoch.samplesPerSecond());
            node.put("elapsedMillis", epoch.elapsedMillis());
            putNumber(node, "learningRate", epoch.learningRate());
            putNumber(node, "trainMeanAbsoluteError", epoch.trainMeanAbsoluteError());
            putNumber(node, "validationMeanAbsoluteError", epoch.validationMeanAbsoluteError());
        }
        root.put("bestEpoch", checkpoint.bestEpoch());
        root.put("epochsSinceBest", checkpoint.epochsSinceBest());
        root.put("fitNanos", checkpoint.fitNanos());
        root.put("samplesFitted", checkpoint.samplesFitted());
        root.put("elapsedMillis", checkpoint.elapsedMillis());
        Files.write(folder.resolve(STATE_FILE), JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the checkpoint in {@code folder} (or the latest one inside it).
     *
     * @throws IOException with a plain message when there is none or it is damaged
     */
    public static Checkpoint read(Path folder) throws IOException {
        Path checkpoint = latest(folder).orElseThrow(() -> new NoSuchFileException(String.valueOf(folder), null,
                "There is no checkpoint in " + folder + ". Give the folder that was passed to --checkpoint-dir, "
                        + "or one of its epoch-NNNN folders."));
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(checkpoint.resolve(STATE_FILE)));
        } catch (IOException damaged) {
            throw new IOException("The checkpoint in " + checkpoint + " is damaged (" + damaged.getMessage() + ").",
                    damaged);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("The file " + checkpoint.resolve(STATE_FILE) + " is not a LayerLab checkpoint.");
        }
        try {
            List<TrainingEvent.EpochEnded> history = new ArrayList<>();
            for (JsonNode node : root.path("history")) {
                history.add(new TrainingEvent.EpochEnded(node.path("epoch").asInt(), node.path("epochs").asInt(),
                        number(node, "trainLoss"), number(node, "trainAccuracy"), number(node, "validationLoss"),
                        number(node, "validationAccuracy"), number(node, "samplesPerSecond"),
                        node.path("elapsedMillis").asLong(), number(node, "learningRate"), 0,
                        number(node, "trainMeanAbsoluteError"), number(node, "validationMeanAbsoluteError")));
            }
            return new Checkpoint(checkpoint, root.path("epoch").asInt(), root.path("globalIteration").asLong(),
                    TrainingConfigJson.read(root.path("config")), history, root.path("bestEpoch").asInt(),
                    root.path("epochsSinceBest").asInt(), root.path("fitNanos").asLong(),
                    root.path("samplesFitted").asLong(), root.path("elapsedMillis").asLong());
        } catch (IllegalArgumentException damaged) {
            throw new IOException("The checkpoint in " + checkpoint + " is damaged: " + damaged.getMessage(), damaged);
        }
    }

    /** JSON has no NaN: a value that was not measured is written as null. Doubles round-trip exactly. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
}
