package org.layerlab.core.dl4j;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ActivationSpec;
import org.layerlab.core.graph.AddSpec;
import org.layerlab.core.graph.BatchNormSpec;
import org.layerlab.core.graph.ConcatSpec;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.EmbeddingSpec;
import org.layerlab.core.graph.FlattenSpec;
import org.layerlab.core.graph.GlobalPoolingSpec;
import org.layerlab.core.graph.GraphAnalysis;
import org.layerlab.core.graph.InputSpec;
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
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.SimpleRnnSpec;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;
import org.layerlab.core.graph.TensorShape.Vector;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Translates a {@link NetworkGraph} into a DL4J {@link ComputationGraph} — for stacks as well as branching networks
 * (see docs/decisions/0005) — trained with the configured optimizer (by default Adam: Kingma &amp; Ba, 2015; DL4J's
 * {@link Adam}) in float32.
 *
 * <p>The DL4J network always takes the data's flat rows ({@code InputType.feedForward(n)}), as the trainer
 * provides them. An Input that reads the rows as an image or a sequence becomes a {@link ReshapeVertex} to
 * {@code [batch, channels, height, width]} or {@code [batch, features, steps]}: a row is read in the order of the
 * shape's dimensions (channel by channel, then row by row; feature by feature, then step by step). So the saved
 * model takes the same rows as the table, and prediction needs no special case.
 *
 * <p>Each node maps to one vertex named by its id: Dense → {@link DenseLayer}, Output → {@link OutputLayer} with
 * the loss that fits its activation (softmax → {@code LossMCXENT}, sigmoid → {@code LossBinaryXENT}, identity →
 * {@code LossMSE}), Convolution 2D → {@link ConvolutionLayer}, pooling → {@link SubsamplingLayer}, Global Pooling →
 * {@link GlobalPoolingLayer}, Batch Normalization → {@link BatchNormalization}, Dropout → {@link DropoutLayer}
 * (DL4J's parameter is the share <em>kept</em>, 1 − rate), Activation → {@link ActivationLayer}, Flatten →
 * {@link ReshapeVertex} to {@code [batch, n]}, LSTM → {@link LSTM} and Simple RNN → {@link SimpleRnn} (wrapped in
 * {@link LastTimeStep} unless they pass on every step), Embedding → {@link EmbeddingSequenceLayer}, Add →
 * {@link ElementWiseVertex} (Add), Concatenate → {@link MergeVertex}. "Same size" padding is
 * {@link ConvolutionMode#Same}, "no padding" {@link ConvolutionMode#Truncate}.
 *
 * <p>Every layer's input size comes from LayerLab's own {@link ShapeInference}, so what trains is exactly what the
 * canvas shows. DL4J's {@code setInputTypes} still runs (it validates the configuration), but two of its side effects
 * are undone: it overwrites an {@code EmbeddingSequenceLayer}'s vocabulary with the input length, and, misreading
 * a {@code GlobalPoolingLayer} over a sequence as still a sequence, it adds an {@code RnnToFeedForwardPreProcessor}
 * after it. LayerLab's graph never needs an automatic preprocessor (Flatten is explicit), so none is kept.
 *
 * <p>The training settings beyond the learning rate (optimizer, schedule, network-wide initialisation, L1/L2,
 * gradient clipping) are mapped by {@link TrainingSettings}.
 *
 * <p>Weight initialisation: He et al. (2015), DL4J's {@link WeightInit#RELU}, for the ReLU family when the user
 * leaves it on automatic; Glorot &amp; Bengio (2010), DL4J's {@link WeightInit#XAVIER}, for the others and the output.
 */
final class Dl4jNetworkFactory {

    private Dl4jNetworkFactory() {
    }

    /**
     * The DL4J configuration for {@code graph} fed by data of {@code data}'s shape.
     *
     * @throws IllegalArgumentException with the first problem in plain words when the graph cannot train
     */
    static ComputationGraphConfiguration configuration(NetworkGraph graph, DataSignature data, TrainingConfig config) {
        return configuration(graph, data, config, 1);
    }

    /**
     * As {@link #configuration(NetworkGraph, DataSignature, TrainingConfig)}, for a run with {@code iterationsPerEpoch}
     * minibatches per epoch (a learning-rate warm-up rises per minibatch).
     */
    static ComputationGraphConfiguration configuration(NetworkGraph graph, DataSignature data, TrainingConfig config,
                                                       int iterationsPerEpoch) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        GraphAnalysis analysis = ShapeInference.analyse(graph, data);
        if (!analysis.trainable()) {
            throw new IllegalArgumentException("The network cannot be trained yet: " + analysis.firstError().orElse(""));
        }
        List<NodeId> order = graph.topologicalOrder().orElseThrow();
        Set<String> taken = new HashSet<>();
        graph.nodes().forEach(n -> taken.add(n.id().value()));
        String dataInput = free("data", taken);

        NeuralNetConfiguration.Builder common = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(TrainingSettings.updater(config, iterationsPerEpoch))
                .weightInit(WeightInit.XAVIER);
        if (config.gradientClip() > 0) {
            common.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(config.gradientClip());
        }
        ComputationGraphConfiguration.GraphBuilder builder = common
                .graphBuilder()
                .addInputs(dataInput);
        Map<NodeId, String> vertexOf = new HashMap<>();
        Map<String, Long> embeddingVocabulary = new HashMap<>();
        NodeId outputNode = null;
        for (NodeId id : order) {
            Node node = graph.node(id);
            String name = id.value();
            LayerSpec spec = node.spec();
            TensorShape out = analysis.shapeOf(id).orElseThrow();
            List<String> inputs = graph.inputsOf(id).stream().map(vertexOf::get).toList();
            TensorShape in = inputs.isEmpty() ? null : analysis.shapeOf(graph.inputsOf(id).get(0)).orElseThrow();
            if (spec instanceof InputSpec input) {
                if (out instanceof Vector) {
                    vertexOf.put(id, dataInput);
                } else {
                    builder.addVertex(name, new ReshapeVertex('c', batchShape(out), null), dataInput);
                    vertexOf.put(id, name);
                }
                continue;
            }
            vertexOf.put(id, name);
            String[] from = inputs.toArray(String[]::new);
            if (spec instanceof AddSpec) {
                builder.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), from);
            } else if (spec instanceof ConcatSpec) {
                builder.addVertex(name, new MergeVertex(), from);
            } else if (spec instanceof FlattenSpec) {
                builder.addVertex(name, new ReshapeVertex('c', batchShape(out), null), from);
            } else {
                if (spec instanceof EmbeddingSpec embedding) {
                    embeddingVocabulary.put(name, (long) embedding.vocabulary());
                }
                if (spec instanceof OutputSpec) {
                    outputNode = id;
                }
                builder.addLayer(name, layer(spec, in, out, data), from);
            }
        }
        builder.setOutputs(vertexOf.get(outputNode));
        builder.setInputTypes(InputType.feedForward(data.input().elementCount()));
        ComputationGraphConfiguration configuration = builder.build();
        undoInputTypeSideEffects(configuration, embeddingVocabulary);
        TrainingSettings.applyToLayers(configuration, graph, config);
        return configuration;
    }

    /** A new, initialised network (random weights drawn from {@code config.seed()}). */
    static ComputationGraph create(NetworkGraph graph, DataSignature data, TrainingConfig config) {
        return create(graph, data, config, 1);
    }

    /** A new, initialised network for a run with {@code iterationsPerEpoch} minibatches per epoch. */
    static ComputationGraph create(NetworkGraph graph, DataSignature data, TrainingConfig config,
                                   int iterationsPerEpoch) {
        ComputationGraph network = new ComputationGraph(configuration(graph, data, config, iterationsPerEpoch));
        network.init();
        return network;
    }

    private static Layer layer(LayerSpec spec, TensorShape in, TensorShape out, DataSignature data) {
        if (spec instanceof DenseSpec dense) {
            return new DenseLayer.Builder().nIn(in.elementCount()).nOut(dense.units())
                    .activation(activation(dense.activation()))
                    .weightInit(weightInit(dense.weightInit(), dense.activation()))
                    .l1(dense.l1()).l2(dense.l2()).build();
        }
        if (spec instanceof OutputSpec output) {
            OutputActivation outputActivation = outputActivation(output, data);
            return new OutputLayer.Builder(loss(outputActivation)).nIn(in.elementCount())
                    .nOut(output.unitsFor(data.classes()))
                    .activation(activation(outputActivation))
                    .weightInit(WeightInit.XAVIER).build();
        }
        if (spec instanceof ConvolutionSpec conv) {
            return new ConvolutionLayer.Builder(conv.kernelHeight(), conv.kernelWidth())
                    .stride(conv.strideHeight(), conv.strideWidth())
                    .convolutionMode(mode(conv.padding()))
                    .nIn(((Image) in).channels()).nOut(conv.filters())
                    .activation(activation(conv.activation()))
                    .weightInit(weightInit(conv.weightInit(), conv.activation()))
                    .l1(conv.l1()).l2(conv.l2()).build();
        }
        if (spec instanceof PoolingSpec pool) {
            return new SubsamplingLayer.Builder(poolingType(pool.type()))
                    .kernelSize(pool.kernelHeight(), pool.kernelWidth())
                    .stride(pool.strideHeight(), pool.strideWidth())
                    .convolutionMode(mode(pool.padding())).build();
        }
        if (spec instanceof GlobalPoolingSpec global) {
            return new GlobalPoolingLayer.Builder(poolingType(global.type())).build();
        }
        if (spec instanceof BatchNormSpec) {
            long features = in instanceof Image image ? image.channels() : in.elementCount();
            return new BatchNormalization.Builder().nIn(features).nOut(features).build();
        }
        if (spec instanceof DropoutSpec dropout) {
            return dropout.rate() > 0 ? new DropoutLayer.Builder(1 - dropout.rate()).build()
                    : new DropoutLayer.Builder().build();
        }
        if (spec instanceof ActivationSpec activation) {
            return new ActivationLayer.Builder().activation(activation(activation.activation())).build();
        }
        if (spec instanceof LstmSpec lstm) {
            LSTM layer = new LSTM.Builder().nIn(((Sequence) in).features()).nOut(lstm.units())
                    .activation(activation(lstm.activation()))
                    .weightInit(weightInit(org.layerlab.core.graph.WeightInit.AUTO, lstm.activation())).build();
            return lstm.returnSequences() ? layer : new LastTimeStep(layer);
        }
        if (spec instanceof SimpleRnnSpec rnn) {
            SimpleRnn layer = new SimpleRnn.Builder().nIn(((Sequence) in).features()).nOut(rnn.units())
                    .activation(activation(rnn.activation()))
                    .weightInit(weightInit(org.layerlab.core.graph.WeightInit.AUTO, rnn.activation())).build();
            return rnn.returnSequences() ? layer : new LastTimeStep(layer);
        }
        if (spec instanceof EmbeddingSpec embedding) {
            return new EmbeddingSequenceLayer.Builder().nIn(embedding.vocabulary()).nOut(embedding.dimensions())
                    .inputLength(((Sequence) out).length()).build();
        }
        throw new IllegalArgumentException("LayerLab cannot translate a " + spec.kind() + " node to DL4J.");
    }

    /**
     * Puts back what {@code setInputTypes} changed behind our back: the Embedding vocabularies it overwrote with
     * the input length, and the preprocessors it added (see the class comment).
     */
    private static void undoInputTypeSideEffects(ComputationGraphConfiguration configuration,
                                                 Map<String, Long> embeddingVocabulary) {
        for (Map.Entry<String, GraphVertex> entry : configuration.getVertices().entrySet()) {
            if (entry.getValue() instanceof LayerVertex vertex) {
                vertex.setPreProcessor(null);
                Long vocabulary = embeddingVocabulary.get(entry.getKey());
                if (vocabulary != null) {
                    ((EmbeddingSequenceLayer) vertex.getLayerConf().getLayer()).setNIn(vocabulary);
                }
            }
        }
    }

    /** The shape with the batch dimension first, as -1 ("whatever the batch size is"). */
    private static int[] batchShape(TensorShape shape) {
        if (shape instanceof Image image) {
            return new int[] {-1, image.channels(), image.height(), image.width()};
        }
        if (shape instanceof Sequence sequence) {
            return new int[] {-1, sequence.features(), sequence.length()};
        }
        return new int[] {-1, ((Vector) shape).size()};
    }

    private static String free(String base, Set<String> taken) {
        String name = base;
        while (taken.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    static ConvolutionMode mode(Padding padding) {
        return padding == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }

    static PoolingType poolingType(PoolType type) {
        return type == PoolType.MAX ? PoolingType.MAX : PoolingType.AVG;
    }

    /**
     * The activation the Output node gets on this data. Regression always predicts the number itself: identity
     * output (and so mean squared error), whatever the node says. The Java export uses this too.
     */
    static OutputActivation outputActivation(OutputSpec output, DataSignature data) {
        return data.regression() ? OutputActivation.IDENTITY : output.activation();
    }

    /** The loss that fits the output activation. */
    static LossFunction loss(OutputActivation activation) {
        return switch (activation) {
            case SOFTMAX -> LossFunction.MCXENT;
            case SIGMOID -> LossFunction.XENT;
            case IDENTITY -> LossFunction.MSE;
        };
    }

    static org.nd4j.linalg.activations.Activation activation(OutputActivation activation) {
        return switch (activation) {
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
        };
    }

    /** Our activation as DL4J's. */
    static org.nd4j.linalg.activations.Activation activation(Activation activation) {
        return switch (activation) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case LEAKY_RELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
            case ELU -> org.nd4j.linalg.activations.Activation.ELU;
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
        };
    }

    /** He initialisation for the ReLU family, Xavier for the rest. */
    static WeightInit weightInit(Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU, ELU -> WeightInit.RELU;
            case TANH, SIGMOID, IDENTITY -> WeightInit.XAVIER;
        };
    }

    /** The user's choice, or on automatic {@link #weightInit(Activation)}. */
    static WeightInit weightInit(org.layerlab.core.graph.WeightInit choice, Activation activation) {
        return switch (choice) {
            case AUTO -> weightInit(activation);
            case XAVIER -> WeightInit.XAVIER;
            case HE -> WeightInit.RELU;
            case UNIFORM -> WeightInit.UNIFORM;
        };
    }
}
