package org.layerlab.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ActivationSpec;
import org.layerlab.core.graph.AddSpec;
import org.layerlab.core.graph.BatchNormSpec;
import org.layerlab.core.graph.ConcatSpec;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.EmbeddingSpec;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.GlobalPoolingSpec;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.LstmSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.PoolType;
import org.layerlab.core.graph.PoolingSpec;
import org.layerlab.core.graph.SimpleRnnSpec;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.WeightInit;

/**
 * The {@code "network"} section of a project file (schema version 2), written out field by field as ADR 0004 asks:
 * {@code nodes} (each with {@code id}, {@code name}, {@code type}, canvas {@code x} and {@code y}, then its
 * settings by name) and {@code edges} ({@code from}, {@code to}; their order is the input order of merges).
 * Enum values are stored as lower-case names ({@code "relu"}, {@code "same"}), which never change with labels.
 */
final class NetworkJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NetworkJson() {
    }

    static ObjectNode write(NetworkGraph graph) {
        ObjectNode network = JSON.objectNode();
        ArrayNode nodes = network.putArray("nodes");
        for (Node node : graph.nodes()) {
            ObjectNode json = nodes.addObject();
            json.put("id", node.id().value());
            json.put("name", node.name());
            json.put("type", name(node.spec().kind()));
            json.put("x", node.x());
            json.put("y", node.y());
            writeSpec(node.spec(), json);
        }
        ArrayNode edges = network.putArray("edges");
        for (Edge edge : graph.edges()) {
            ObjectNode json = edges.addObject();
            json.put("from", edge.from().value());
            json.put("to", edge.to().value());
        }
        return network;
    }

    private static void writeSpec(LayerSpec spec, ObjectNode json) {
        if (spec instanceof InputSpec input) {
            if (input.reshape() == null) {
                json.putNull("reshape");
            } else {
                json.set("reshape", shape(input.reshape()));
            }
        } else if (spec instanceof DenseSpec dense) {
            json.put("units", dense.units());
            json.put("activation", name(dense.activation()));
            json.put("weightInit", name(dense.weightInit()));
            json.put("l1", dense.l1());
            json.put("l2", dense.l2());
        } else if (spec instanceof OutputSpec output) {
            json.put("units", output.units());
            json.put("activation", name(output.activation()));
        } else if (spec instanceof ConvolutionSpec conv) {
            json.put("filters", conv.filters());
            json.put("kernelHeight", conv.kernelHeight());
            json.put("kernelWidth", conv.kernelWidth());
            json.put("strideHeight", conv.strideHeight());
            json.put("strideWidth", conv.strideWidth());
            json.put("padding", name(conv.padding()));
            json.put("activation", name(conv.activation()));
            json.put("weightInit", name(conv.weightInit()));
            json.put("l1", conv.l1());
            json.put("l2", conv.l2());
        } else if (spec instanceof PoolingSpec pool) {
            json.put("kernelHeight", pool.kernelHeight());
            json.put("kernelWidth", pool.kernelWidth());
            json.put("strideHeight", pool.strideHeight());
            json.put("strideWidth", pool.strideWidth());
            json.put("padding", name(pool.padding()));
        } else if (spec instanceof GlobalPoolingSpec global) {
            json.put("pool", name(global.type()));
        } else if (spec instanceof DropoutSpec dropout) {
            json.put("rate", dropout.rate());
        } else if (spec instanceof ActivationSpec activation) {
            json.put("activation", name(activation.activation()));
        } else if (spec instanceof LstmSpec lstm) {
            json.put("units", lstm.units());
            json.put("activation", name(lstm.activation()));
            json.put("returnSequences", lstm.returnSequences());
        } else if (spec instanceof SimpleRnnSpec rnn) {
            json.put("units", rnn.units());
            json.put("activation", name(rnn.activation()));
            json.put("returnSequences", rnn.returnSequences());
        } else if (spec instanceof EmbeddingSpec embedding) {
            json.put("vocabulary", embedding.vocabulary());
            json.put("dimensions", embedding.dimensions());
        }
        // BatchNormSpec, FlattenSpec, AddSpec, ConcatSpec have no settings.
    }

    private static ObjectNode shape(TensorShape shape) {
        ObjectNode json = JSON.objectNode();
        if (shape instanceof TensorShape.Vector vector) {
            json.put("kind", "vector");
            json.put("size", vector.size());
        } else if (shape instanceof TensorShape.Image image) {
            json.put("kind", "image");
            json.put("channels", image.channels());
            json.put("height", image.height());
            json.put("width", image.width());
        } else if (shape instanceof TensorShape.Sequence sequence) {
            json.put("kind", "sequence");
            json.put("features", sequence.features());
            json.put("length", sequence.length());
        }
        return json;
    }

    // ---------------------------------------------------------------- reading

    static NetworkGraph read(JsonNode network) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode json : network.path("nodes")) {
            String id = text(json, "id");
            LayerKind kind = parse(LayerKind.class, text(json, "type"), "layer type");
            nodes.add(new Node(new NodeId(id), json.path("name").asText(id), readSpec(kind, json),
                    json.path("x").asDouble(0), json.path("y").asDouble(0)));
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode json : network.path("edges")) {
            edges.add(new Edge(new NodeId(text(json, "from")), new NodeId(text(json, "to"))));
        }
        return new NetworkGraph(nodes, edges);
    }

    /** Version 1 stored a list of Dense layers between an implicit input and a softmax output: now a chain. */
    static NetworkGraph readVersion1(JsonNode network) {
        List<DenseSpec> layers = new ArrayList<>();
        for (JsonNode layer : network.path("hiddenLayers")) {
            String type = layer.path("type").asText("dense");
            if (!type.equals("dense")) {
                throw new IllegalArgumentException("it has a layer of unknown type '" + type + "'.");
            }
            layers.add(new DenseSpec(layer.path("units").asInt(0),
                    parse(Activation.class, layer.path("activation").asText("relu"), "activation")));
        }
        return NetworkGraph.chain(layers);
    }

    private static LayerSpec readSpec(LayerKind kind, JsonNode json) {
        return switch (kind) {
            case INPUT -> new InputSpec(json.path("reshape").isObject() ? readShape(json.path("reshape")) : null);
            case OUTPUT -> new OutputSpec(json.path("units").asInt(0),
                    parse(OutputActivation.class, json.path("activation").asText("softmax"), "output activation"));
            case DENSE -> new DenseSpec(number(json, "units"), activation(json, "relu"), weightInit(json),
                    json.path("l1").asDouble(0), json.path("l2").asDouble(0));
            case CONVOLUTION -> new ConvolutionSpec(number(json, "filters"), number(json, "kernelHeight"),
                    number(json, "kernelWidth"), json.path("strideHeight").asInt(1), json.path("strideWidth").asInt(1),
                    padding(json), activation(json, "relu"), weightInit(json), json.path("l1").asDouble(0),
                    json.path("l2").asDouble(0));
            case MAX_POOLING, AVERAGE_POOLING -> new PoolingSpec(kind == LayerKind.MAX_POOLING ? PoolType.MAX
                    : PoolType.AVERAGE, number(json, "kernelHeight"), number(json, "kernelWidth"),
                    number(json, "strideHeight"), number(json, "strideWidth"), padding(json));
            case GLOBAL_POOLING -> new GlobalPoolingSpec(parse(PoolType.class, json.path("pool").asText("average"),
                    "pooling"));
            case BATCH_NORM -> new BatchNormSpec();
            case DROPOUT -> new DropoutSpec(json.path("rate").asDouble(0.5));
            case ACTIVATION -> new ActivationSpec(activation(json, "relu"));
            case FLATTEN -> new FlattenSpec();
            case LSTM -> new LstmSpec(number(json, "units"), activation(json, "tanh"),
                    json.path("returnSequences").asBoolean(false));
            case SIMPLE_RNN -> new SimpleRnnSpec(number(json, "units"), activation(json, "tanh"),
                    json.path("returnSequences").asBoolean(false));
            case EMBEDDING -> new EmbeddingSpec(number(json, "vocabulary"), number(json, "dimensions"));
            case ADD -> new AddSpec();
            case CONCATENATE -> new ConcatSpec();
        };
    }

    private static TensorShape readShape(JsonNode json) {
        String kind = json.path("kind").asText("");
        return switch (kind) {
            case "vector" -> new TensorShape.Vector(number(json, "size"));
            case "image" -> new TensorShape.Image(number(json, "channels"), number(json, "height"),
                    number(json, "width"));
            case "sequence" -> new TensorShape.Sequence(number(json, "features"), json.path("length").asInt(0));
            default -> throw new IllegalArgumentException("an Input has an unknown shape '" + kind + "'.");
        };
    }

    private static Activation activation(JsonNode json, String fallback) {
        return parse(Activation.class, json.path("activation").asText(fallback), "activation");
    }

    private static WeightInit weightInit(JsonNode json) {
        return parse(WeightInit.class, json.path("weightInit").asText("auto"), "weight initialisation");
    }

    private static Padding padding(JsonNode json) {
        return parse(Padding.class, json.path("padding").asText("valid"), "padding");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it has a layer with unknown " + what + " '" + value + "'.");
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("a network node or connection has no '" + field + "'.");
        }
        return value.asText();
    }

    private static int number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("a " + json.path("type").asText("network") + " layer has no number '"
                    + field + "'.");
        }
        return value.asInt();
    }
}
