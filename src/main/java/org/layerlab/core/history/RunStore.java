package org.layerlab.core.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.project.ProjectStore;
import org.layerlab.core.train.TrainingConfigJson;
import org.layerlab.core.train.TrainingEvent.EpochEnded;
import org.layerlab.core.train.TrainingEvent.Outcome;

/**
 * The runs of a saved project on disk: one JSON file per run ({@code run-0003.json}) in a folder beside the
 * project file ({@code NAME.runs/}, as its checkpoints are in {@code NAME.checkpoints/}). Each file is written
 * atomically, so a crash leaves either the old file or the new one. A file that cannot be read, or that a newer
 * LayerLab wrote, is left out with a plain note rather than stopping the others from loading.
 *
 * <p>A run keeps its settings, per-epoch curves (thinned to {@value #MAX_SAVED_EPOCHS} epochs, always with the
 * last, which is all an overlay can show), outcome and test metrics; no minibatch data and no model.
 */
public final class RunStore {
    static final String FORMAT = "layerlab-run";
    /** The version this LayerLab writes; files with a higher one are left out. */
    public static final int VERSION = 1;
    /** The overlay of the Train step shows at most this many points per run, so more are not kept. */
    public static final int MAX_SAVED_EPOCHS = 1_000;
    private static final String FOLDER_SUFFIX = ".runs";
    private static final Pattern RUN_FILE = Pattern.compile("run-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStore() {
    }

    /**
     * What was found in a runs folder: the runs that could be read, oldest first, and a note per file left out.
     *
     * @param highestNumber the highest run number among the folder's run files, those left out included, so that
     *                      a new run never overwrites a file that could not be read (e.g. one from a newer LayerLab)
     */
    public record Loaded(List<RunRecord> runs, List<String> notes, int highestNumber) {
        public Loaded {
            runs = List.copyOf(runs);
            notes = List.copyOf(notes);
        }

        /** The notes as one text, or "" when every file was read. */
        public String notesText() {
            return String.join(" ", notes);
        }
    }

    /** The folder of {@code projectFile}'s runs: {@code NAME.runs} beside it (NAME without the project extension). */
    public static Path folderFor(Path projectFile) {
        Path absolute = projectFile.toAbsolutePath();
        String name = absolute.getFileName().toString();
        String base = name.endsWith(ProjectStore.EXTENSION)
                ? name.substring(0, name.length() - ProjectStore.EXTENSION.length()) : name;
        return absolute.resolveSibling(base + FOLDER_SUFFIX);
    }

    /** The file name of a run, e.g. {@code run-0003.json}. */
    public static String fileName(int number) {
        return String.format(Locale.ROOT, "run-%04d.json", number);
    }

    /** Writes {@code run} into {@code folder} (created if needed), replacing a file of the same number. */
    public static Path save(RunRecord run, Path folder) throws IOException {
        Path file = folder.resolve(fileName(run.number()));
        AtomicFiles.write(file, JSON.writeValueAsString(toJson(run)).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Reads every run file in {@code folder}, by number; an absent folder has no runs. */
    public static Loaded load(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return new Loaded(List.of(), List.of(), 0);
        }
        List<Path> files;
        try (Stream<Path> children = Files.list(folder)) {
            files = children.filter(child -> numberOf(child) > 0)
                    .sorted(Comparator.comparingInt(RunStore::numberOf)).toList();
        } catch (IOException unreadable) {
            return new Loaded(List.of(), List.of("The earlier runs in " + folder + " could not be listed ("
                    + unreadable.getMessage() + "), so they are not shown."), 0);
        }
        List<RunRecord> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            try {
                runs.add(read(file));
            } catch (IOException | RuntimeException unreadable) {
                notes.add(unreadable instanceof NewerVersion ? unreadable.getMessage()
                        : "The saved run " + file.getFileName() + " could not be read and is left out ("
                        + unreadable.getMessage() + ").");
            }
        }
        return new Loaded(runs, notes, files.isEmpty() ? 0 : numberOf(files.get(files.size() - 1)));
    }

    /** The number in a run file's name, or -1 for any other file (temporary files start with a dot). */
    static int numberOf(Path file) {
        Matcher matcher = RUN_FILE.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(matcher.group(1));
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }

    /** A file written by a newer LayerLab: its message is the note shown. */
    private static final class NewerVersion extends IOException {
        NewerVersion(String message) {
            super(message);
        }
    }

    /**
     * Reads one run file.
     *
     * @throws IOException with a plain message when it is damaged, not a run, or from a newer LayerLab
     */
    public static RunRecord read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException damaged) {
            throw new IOException("it is damaged or was cut short", damaged);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("it is not a LayerLab run");
        }
        int version = root.path("version").asInt(0);
        if (version > VERSION) {
            throw new NewerVersion("The saved run " + file.getFileName() + " was written by a newer LayerLab and is "
                    + "left out; update LayerLab to see it.");
        }
        if (version < 1) {
            throw new IOException("it has no valid version");
        }
        Instant started;
        try {
            started = Instant.parse(root.path("started").asText());
        } catch (DateTimeParseException badTime) {
            throw new IOException("its start time is not readable", badTime);
        }
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(root.path("outcome").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IOException("its outcome '" + root.path("outcome").asText() + "' is unknown", unknown);
        }
        return new RunRecord(root.path("number").asInt(0), started, TrainingConfigJson.read(root.path("config")),
                root.path("network").asText(""), readEpochs(root.path("epochs")), outcome,
                readEvaluation(root.path("evaluation")), readRegression(root.path("regression")));
    }

    static ObjectNode toJson(RunRecord run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("number", run.number());
        root.put("started", run.started().toString());
        root.put("network", run.network());
        root.put("outcome", run.outcome().name().toLowerCase(Locale.ROOT));
        TrainingConfigJson.write(root.putObject("config"), run.config());
        List<EpochEnded> kept = thinned(run.epochs());
        root.put("epochsRun", run.epochs().size());
        writeEpochs(root.putObject("epochs"), kept);
        if (run.evaluation() != null) {
            ObjectNode evaluation = root.putObject("evaluation");
            ArrayNode classes = evaluation.putArray("classes");
            run.evaluation().classes().forEach(classes::add);
            ArrayNode confusion = evaluation.putArray("confusion");
            for (int[] row : run.evaluation().confusion()) {
                ArrayNode counts = confusion.addArray();
                for (int count : row) {
                    counts.add(count);
                }
            }
        }
        if (run.regression() != null) {
            ObjectNode regression = root.putObject("regression");
            putNumber(regression, "meanAbsoluteError", run.regression().meanAbsoluteError());
            putNumber(regression, "rootMeanSquaredError", run.regression().rootMeanSquaredError());
            putNumber(regression, "r2", run.regression().r2());
            regression.put("count", run.regression().count());
        }
        return root;
    }

    /** At most {@value #MAX_SAVED_EPOCHS} epochs: every n-th, and always the last (where the run ended). */
    static List<EpochEnded> thinned(List<EpochEnded> epochs) {
        if (epochs.size() <= MAX_SAVED_EPOCHS) {
            return epochs;
        }
        // One slot is kept for the last epoch, so that thinning never pushes the count over the limit.
        int step = (epochs.size() + MAX_SAVED_EPOCHS - 2) / (MAX_SAVED_EPOCHS - 1);
        List<EpochEnded> kept = new ArrayList<>();
        for (int i = 0; i < epochs.size() - 1; i += step) {
            kept.add(epochs.get(i));
        }
        kept.add(epochs.get(epochs.size() - 1));
        return kept;
    }

    /** Column by column (one array per measure), which keeps the field names out of every epoch. */
    private static void writeEpochs(ObjectNode node, List<EpochEnded> epochs) {
        ArrayNode numbers = node.putArray("epoch");
        ArrayNode planned = node.putArray("epochs");
        ArrayNode elapsed = node.putArray("elapsedMillis");
        for (EpochEnded epoch : epochs) {
            numbers.add(epoch.epoch());
            planned.add(epoch.epochs());
            elapsed.add(epoch.elapsedMillis());
        }
        column(node, "trainLoss", epochs, EpochEnded::trainLoss);
        column(node, "trainAccuracy", epochs, EpochEnded::trainAccuracy);
        column(node, "validationLoss", epochs, EpochEnded::validationLoss);
        column(node, "validationAccuracy", epochs, EpochEnded::validationAccuracy);
        column(node, "learningRate", epochs, EpochEnded::learningRate);
        column(node, "trainMeanAbsoluteError", epochs, EpochEnded::trainMeanAbsoluteError);
        column(node, "validationMeanAbsoluteError", epochs, EpochEnded::validationMeanAbsoluteError);
    }

    private static void column(ObjectNode node, String name, List<EpochEnded> epochs,
                               ToDoubleFunction<EpochEnded> measure) {
        ArrayNode values = node.putArray(name);
        for (EpochEnded epoch : epochs) {
            double value = measure.applyAsDouble(epoch);
            if (Double.isFinite(value)) {
                values.add(value);
            } else {
                values.addNull();
            }
        }
    }

    private static List<EpochEnded> readEpochs(JsonNode node) throws IOException {
        JsonNode numbers = node.path("epoch");
        int count = numbers.size();
        for (String name : List.of("epochs", "elapsedMillis", "trainLoss", "trainAccuracy", "validationLoss",
                "validationAccuracy")) {
            if (node.path(name).size() != count) {
                throw new IOException("its curves have different lengths");
            }
        }
        List<EpochEnded> epochs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Samples per second and the time estimate are not kept: they describe the machine, not the run.
            epochs.add(new EpochEnded(numbers.get(i).asInt(), node.path("epochs").get(i).asInt(),
                    number(node, "trainLoss", i), number(node, "trainAccuracy", i), number(node, "validationLoss", i),
                    number(node, "validationAccuracy", i), Double.NaN, node.path("elapsedMillis").get(i).asLong(),
                    number(node, "learningRate", i), Double.NaN, number(node, "trainMeanAbsoluteError", i),
                    number(node, "validationMeanAbsoluteError", i)));
        }
        return epochs;
    }

    private static Evaluation readEvaluation(JsonNode node) throws IOException {
        if (!node.isObject()) {
            return null;
        }
        List<String> classes = new ArrayList<>();
        node.path("classes").forEach(name -> classes.add(name.asText()));
        JsonNode rows = node.path("confusion");
        int[][] confusion = new int[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            if (row.size() != classes.size()) {
                throw new IOException("its confusion matrix is not " + classes.size() + " × " + classes.size());
            }
            confusion[r] = new int[row.size()];
            for (int c = 0; c < row.size(); c++) {
                confusion[r][c] = row.get(c).asInt();
            }
        }
        return new Evaluation(classes, confusion);
    }

    private static RegressionEvaluation readRegression(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new RegressionEvaluation(value(node.get("meanAbsoluteError")), value(node.get("rootMeanSquaredError")),
                value(node.get("r2")), node.path("count").asInt());
    }

    /** JSON has no NaN: a value that was not measured is written as null. Doubles round-trip exactly. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static double number(JsonNode node, String column, int index) {
        JsonNode values = node.get(column);
        return values == null || index >= values.size() ? Double.NaN : value(values.get(index));
    }

    private static double value(JsonNode value) {
        return value == null || value.isNull() || !value.isNumber() ? Double.NaN : value.asDouble();
    }
}
