package org.layerlab.core.project;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.preprocess.PipelineJson;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingConfigJson;

/**
 * Reads and writes project files: JSON with a format name and a schema version, so that a file from a
 * newer LayerLab is refused with a clear message instead of being misread. The mapping is written out by
 * hand (not derived from the records) so that renaming a Java field never silently changes the file format.
 *
 * <p>Saving is atomic: the JSON goes to a temporary file beside the target, which then replaces it, so a
 * crash or full disk never leaves a half-written project behind.
 */
public final class ProjectStore {
    public static final String FORMAT = "layerlab-project";
    /**
     * 1: the network as a list of Dense layers ({@code hiddenLayers}); 2: the network as a graph of nodes and
     * edges ({@link NetworkJson}); 3: adds the task, preprocessing steps, training settings beyond the basics
     * (optimizer, schedule, weight init, L1/L2, clipping, early stopping) and image-folder options, all optional.
     * Version-1 files load as a chain; version-1 and -2 files load with the defaults of everything version 3 added.
     * Also optional, added before the next version bump: {@code preprocessing.augmentation} (absent: none).
     */
    public static final int SCHEMA_VERSION = 3;
    public static final String EXTENSION = ".layerlab.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProjectStore() {
    }

    public static void save(Project project, Path file) {
        Path target = file.toAbsolutePath();
        String text;
        try {
            text = JSON.writeValueAsString(toJson(project, target.getParent()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode project", e);
        }
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new ProjectFileProblem("LayerLab could not save '" + target + "': " + e.getMessage()
                    + ". Check that the folder exists, that you may write there and that the disk is not full. "
                    + "Nothing was overwritten.", e);
        }
    }

    public static Project load(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ProjectFileProblem("The project file '" + file + "' does not exist.", e);
        } catch (IOException e) {
            throw new ProjectFileProblem("'" + name + "' is not a readable LayerLab project: it is damaged or not "
                    + "a project file (" + firstLine(e.getMessage()) + "). Open another file, or start a new project "
                    + "from the data file.", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ProjectFileProblem("'" + name + "' is not a LayerLab project file. Project files end in "
                    + EXTENSION + " and are made with File › Save Project.");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version > SCHEMA_VERSION) {
            throw new ProjectFileProblem("'" + name + "' was saved by a newer LayerLab (project format " + version
                    + "; this LayerLab reads up to " + SCHEMA_VERSION + "). Update LayerLab to open it. The file "
                    + "was not changed.");
        }
        if (version < 1) {
            throw new ProjectFileProblem("'" + name + "' has no valid format version, so it is damaged. "
                    + "Open another file, or start a new project from the data file.");
        }
        try {
            return fromJson(root, version, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProjectFileProblem("'" + name + "' is damaged: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static ObjectNode toJson(Project project, Path folder) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode data = root.putObject("data");
        data.put("file", relativize(folder, project.dataFile()));
        data.put("label", project.labelColumn());
        if (project.task() != null) {
            data.put("task", project.task().plainName());
        }
        ObjectNode split = root.putObject("split");
        split.put("train", project.split().train());
        split.put("validation", project.split().validation());
        split.put("test", project.split().test());
        split.put("seed", project.split().seed());
        ObjectNode preprocessing = root.putObject("preprocessing");
        preprocessing.put("standardize", project.preprocessing().standardize());
        ArrayNode excluded = preprocessing.putArray("excludedColumns");
        project.preprocessing().excludedColumns().forEach(excluded::add);
        if (project.preprocessing().hasPipeline()) {
            // Optional: absent means LayerLab's fixed default preprocessing (every file saved before pipelines).
            preprocessing.set("steps", PipelineJson.writeSteps(project.preprocessing().steps()));
        }
        TableAugmentation augmentation = project.preprocessing().augmentation();
        if (!augmentation.isNone()) {
            // Optional: absent means no augmentation (every file saved before it could be chosen in a project).
            ObjectNode augment = preprocessing.putObject("augmentation");
            augment.put("noise", augmentation.noise());
            augment.put("oversample", augmentation.oversample());
        }
        root.set("network", NetworkJson.write(project.network()));
        ObjectNode training = root.putObject("training");
        training.put("epochs", project.training().epochs());
        training.put("batchSize", project.training().batchSize());
        training.put("learningRate", project.training().learningRate());
        training.put("seed", project.training().seed());
        TrainingConfigJson.writeOptions(training, project.training());
        if (!project.images().equals(ImageOptions.automatic())) {
            root.set("images", imagesJson(project.images()));
        }
        return root;
    }

    private static Project fromJson(JsonNode root, int version, Path folder) {
        JsonNode data = required(root, "data");
        Path dataFile = folder.resolve(requiredText(data, "file")).normalize();
        String label = requiredText(data, "label");
        JsonNode split = required(root, "split");
        SplitSettings splitSettings = new SplitSettings(requiredNumber(split, "train"),
                requiredNumber(split, "validation"), requiredNumber(split, "test"), split.path("seed").asLong(42));
        JsonNode pre = root.path("preprocessing");
        List<String> excluded = new ArrayList<>();
        pre.path("excludedColumns").forEach(node -> excluded.add(node.asText()));
        JsonNode augment = pre.path("augmentation");
        TableAugmentation augmentation = augment.isObject()
                ? new TableAugmentation(augment.path("noise").asDouble(0), augment.path("oversample").asBoolean(false))
                : TableAugmentation.NONE;
        Preprocessing preprocessing = new Preprocessing(pre.path("standardize").asBoolean(true), excluded,
                pre.hasNonNull("steps") ? PipelineJson.readSteps(pre.get("steps")) : null, augmentation);
        JsonNode networkJson = required(root, "network");
        NetworkGraph network = version == 1 ? NetworkJson.readVersion1(networkJson) : NetworkJson.read(networkJson);
        JsonNode training = required(root, "training");
        TrainingConfig config = TrainingConfigJson.readOptions(training, new TrainingConfig(training.path("epochs").asInt(0),
                training.path("batchSize").asInt(0), training.path("learningRate").asDouble(0),
                training.path("seed").asLong(42)));
        ImageOptions images = root.has("images") ? readImages(root.get("images")) : ImageOptions.automatic();
        // Optional: absent means "guess from the label column" (every file saved before tasks existed).
        TaskType task = data.hasNonNull("task") ? TaskType.fromName(data.get("task").asText()) : null;
        if (data.hasNonNull("task") && task == null) {
            throw new IllegalArgumentException("the task '" + data.get("task").asText()
                    + "' is unknown (use classification or regression).");
        }
        return new Project(dataFile, label, splitSettings, preprocessing, network, config, task, images);
    }

    /** Optional (absent in older files, and when everything is automatic): how an image folder is read. */
    private static ObjectNode imagesJson(ImageOptions images) {
        ObjectNode node = JSON.createObjectNode();
        node.put("channels", images.channels());
        node.put("height", images.height());
        node.put("width", images.width());
        ImageAugmentation a = images.augmentation();
        ObjectNode augmentation = node.putObject("augmentation");
        augmentation.put("flipHorizontal", a.flipHorizontal());
        augmentation.put("flipVertical", a.flipVertical());
        augmentation.put("rotationDegrees", a.rotationDegrees());
        augmentation.put("shift", a.shiftFraction());
        augmentation.put("zoom", a.zoomFraction());
        augmentation.put("noise", a.noise());
        augmentation.put("brightness", a.brightness());
        augmentation.put("contrast", a.contrast());
        return node;
    }

    private static ImageOptions readImages(JsonNode node) {
        JsonNode a = node.path("augmentation");
        ImageAugmentation augmentation = new ImageAugmentation(a.path("flipHorizontal").asBoolean(false),
                a.path("flipVertical").asBoolean(false), a.path("rotationDegrees").asDouble(0),
                a.path("shift").asDouble(0), a.path("zoom").asDouble(0), a.path("noise").asDouble(0),
                a.path("brightness").asDouble(0), a.path("contrast").asDouble(0));
        return new ImageOptions(node.path("channels").asInt(0), node.path("height").asInt(0),
                node.path("width").asInt(0), augmentation);
    }

    private static String relativize(Path folder, Path dataFile) {
        Path absolute = dataFile.toAbsolutePath().normalize();
        try {
            if (folder != null && absolute.getRoot() != null && absolute.getRoot().equals(folder.getRoot())) {
                return folder.relativize(absolute).toString().replace('\\', '/');
            }
        } catch (IllegalArgumentException differentRoots) {
            // Fall through to the absolute path.
        }
        return absolute.toString();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            throw new IllegalArgumentException("the '" + field + "' section is missing.");
        }
        return child;
    }

    private static String requiredText(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static double requiredNumber(JsonNode node, String field) {
        JsonNode child = required(node, field);
        if (!child.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number.");
        }
        return child.asDouble();
    }
}
