package org.layerlab.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.io.AtomicFiles;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.FittedPipeline;
import org.layerlab.core.preprocess.PipelineJson;
import org.layerlab.core.preprocess.TargetScaler;
import org.layerlab.core.train.TrainedModel;

/**
 * Writes and reads model bundles: a zip holding {@value #MANIFEST} (format name, schema version, classes, the fitted
 * feature encoding — or, for a model of images, the {@code image} shape they are decoded to — and metadata) and {@value #NETWORK} (the network as the engine saves it). Reading never extracts
 * entries by their stored names, and refuses a zip whose entry names try to leave their folder.
 */
public final class ModelBundleStore {
    public static final String FORMAT = "layerlab-model-bundle";
    public static final int SCHEMA_VERSION = 1;
    public static final String EXTENSION = ".llmodel";
    static final String MANIFEST = "layerlab-bundle.json";
    static final String NETWORK = "network.zip";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Reads a network file written by {@link TrainedModel#save}; the engine adapter provides it. */
    @FunctionalInterface
    public interface NetworkLoader {
        TrainedModel load(Path file) throws IOException;
    }

    private ModelBundleStore() {
    }

    public static void save(ModelBundle bundle, Path file) {
        try {
            Path network = Files.createTempFile("layerlab-network", ".zip");
            try {
                bundle.model().save(network);
                byte[] manifest = JSON.writeValueAsBytes(manifest(bundle));
                AtomicFiles.write(file, target -> {
                    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
                        zip.putNextEntry(new ZipEntry(MANIFEST));
                        zip.write(manifest);
                        zip.closeEntry();
                        zip.putNextEntry(new ZipEntry(NETWORK));
                        Files.copy(network, zip);
                        zip.closeEntry();
                    }
                });
            } finally {
                Files.deleteIfExists(network);
            }
        } catch (IOException e) {
            throw new BundleProblem("LayerLab could not save the model to '" + file + "': " + e.getMessage()
                    + ". Check that you may write there and that the disk is not full. Nothing was overwritten.", e);
        }
    }

    public static ModelBundle load(Path file, NetworkLoader networkLoader) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            refuseEscapingEntries(zip, name);
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            ZipEntry networkEntry = zip.getEntry(NETWORK);
            if (manifestEntry == null || networkEntry == null) {
                throw new BundleProblem("'" + name + "' is not a LayerLab model bundle (it lacks " + MANIFEST + " or "
                        + NETWORK + "). Save a trained model from LayerLab to make one.");
            }
            JsonNode manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = JSON.readTree(in);
            }
            if (!FORMAT.equals(manifest.path("format").asText())) {
                throw new BundleProblem("'" + name + "' is not a LayerLab model bundle.");
            }
            int version = manifest.path("schemaVersion").asInt(-1);
            if (version > SCHEMA_VERSION) {
                throw new BundleProblem("'" + name + "' was saved by a newer LayerLab (bundle format " + version
                        + "; this LayerLab reads up to " + SCHEMA_VERSION + "). Update LayerLab to use it.");
            }
            if (version < 1) {
                throw new BundleProblem("'" + name + "' is damaged: it has no valid format version.");
            }
            Path network = Files.createTempFile("layerlab-network", ".zip");
            try {
                try (InputStream in = zip.getInputStream(networkEntry)) {
                    Files.copy(in, network, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                TrainedModel model = networkLoader.load(network);
                return fromManifest(manifest, model);
            } finally {
                Files.deleteIfExists(network);
            }
        } catch (NoSuchFileException e) {
            throw new BundleProblem("The model file '" + file + "' does not exist.", e);
        } catch (ZipException e) {
            throw new BundleProblem("'" + name + "' is damaged or not a model bundle (it is not a readable zip file).", e);
        } catch (IOException e) {
            throw new BundleProblem("'" + name + "' could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BundleProblem("'" + name + "' is damaged: " + e.getMessage(), e);
        }
    }

    private static void refuseEscapingEntries(ZipFile zip, String name) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName().replace('\\', '/');
            if (entry.startsWith("/") || entry.contains("../") || entry.equals("..") || entry.matches("^[A-Za-z]:.*")) {
                throw new BundleProblem("'" + name + "' holds a file path that leaves its folder ('" + entry
                        + "'). It was not opened: it may have been tampered with.");
            }
        }
    }

    private static ObjectNode manifest(ModelBundle bundle) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode classes = root.putArray("classes");
        bundle.classNames().forEach(classes::add);
        ArrayNode features = root.putArray("features");
        for (FeatureEncoder.Feature feature : bundle.encoder().features()) {
            ObjectNode node = features.addObject();
            node.put("column", feature.column());
            if (feature instanceof FeatureEncoder.NumericFeature numeric) {
                node.put("type", "numeric");
                node.put("fill", numeric.fill());
                node.put("shift", numeric.shift());
                node.put("scale", numeric.scale());
            } else {
                node.put("type", "one-hot");
                ArrayNode categories = node.putArray("categories");
                ((FeatureEncoder.OneHotFeature) feature).categories().forEach(categories::add);
            }
        }
        if (bundle.takesImages()) {
            ObjectNode image = root.putObject("image");
            image.put("channels", bundle.imageShape().channels());
            image.put("height", bundle.imageShape().height());
            image.put("width", bundle.imageShape().width());
        }
        if (bundle.encoder().pipeline() != null) {
            // Optional: absent means the fixed default preprocessing (the "features" above say it all).
            root.set("pipeline", PipelineJson.writeFitted(bundle.encoder().pipeline()));
        }
        if (bundle.isRegression()) {
            // Optional: absent means a classifier (every bundle saved before regression existed).
            root.put("task", "regression");
            ObjectNode target = root.putObject("target");
            target.put("column", bundle.target().column());
            target.put("mean", bundle.target().mean());
            target.put("scale", bundle.target().scale());
        }
        ObjectNode info = root.putObject("info");
        info.put("layerlabVersion", bundle.info().layerlabVersion());
        info.put("dataSource", bundle.info().dataSource());
        info.put("labelColumn", bundle.info().labelColumn());
        info.put("createdAt", bundle.info().createdAt());
        ObjectNode metrics = info.putObject("metrics");
        bundle.info().metrics().forEach(metrics::put);
        return root;
    }

    private static ModelBundle fromManifest(JsonNode root, TrainedModel model) {
        List<String> classes = new ArrayList<>();
        root.path("classes").forEach(node -> classes.add(node.asText()));
        List<FeatureEncoder.Feature> features = new ArrayList<>();
        for (JsonNode node : root.path("features")) {
            String column = node.path("column").asText();
            switch (node.path("type").asText()) {
                case "numeric" -> features.add(new FeatureEncoder.NumericFeature(column, node.path("fill").asDouble(),
                        node.path("shift").asDouble(), node.path("scale").asDouble(1)));
                case "one-hot" -> {
                    List<String> categories = new ArrayList<>();
                    node.path("categories").forEach(c -> categories.add(c.asText()));
                    features.add(new FeatureEncoder.OneHotFeature(column, categories));
                }
                default -> throw new IllegalArgumentException("feature '" + column + "' has an unknown type.");
            }
        }
        JsonNode image = root.get("image");
        TensorShape.Image imageShape = image == null ? null : new TensorShape.Image(image.path("channels").asInt(0),
                image.path("height").asInt(0), image.path("width").asInt(0));
        if (classes.isEmpty() || (features.isEmpty() && imageShape == null)) {
            throw new IllegalArgumentException("it lists no classes or no features.");
        }
        JsonNode info = root.path("info");
        Map<String, Double> metrics = new LinkedHashMap<>();
        info.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        JsonNode targetNode = root.path("target");
        TargetScaler target = "regression".equals(root.path("task").asText())
                ? new TargetScaler(targetNode.path("column").asText(), targetNode.path("mean").asDouble(),
                        targetNode.path("scale").asDouble(1))
                : null;
        FittedPipeline pipeline = root.hasNonNull("pipeline") ? PipelineJson.readFitted(root.get("pipeline")) : null;
        return new ModelBundle(model, new FeatureEncoder(features, pipeline), classes,
                new BundleInfo(info.path("layerlabVersion").asText(""), info.path("dataSource").asText(""),
                        info.path("labelColumn").asText(""), info.path("createdAt").asText(""), metrics), imageShape, target);
    }

    /** For tests and tools: the manifest text of a bundle file. */
    static String manifestText(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(MANIFEST))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
