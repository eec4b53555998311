package org.layerlab.core.dl4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.layerlab.core.Version;
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
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.PoolingSpec;
import org.layerlab.core.graph.ShapeInference;
import org.layerlab.core.graph.SimpleRnnSpec;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.graph.TensorShape.Image;
import org.layerlab.core.graph.TensorShape.Sequence;
import org.layerlab.core.train.TrainingConfig;

/**
 * Writes a runnable Java class that builds the same network with plain DL4J 1.0.0-M2.1 builder calls and loads the
 * weights LayerLab trained — for users who outgrow the app and want to carry on in code. It states, line for line,
 * what {@link Dl4jNetworkFactory} builds; a test compiles the generated class and checks that its configuration
 * equals the factory's for every template, so the two cannot drift apart unnoticed.
 */
public final class Dl4jJavaSource {
    private Dl4jJavaSource() {
    }

    /**
     * @param className a valid Java class name, e.g. "IrisModel"
     * @throws IllegalArgumentException when the network cannot train (the first problem in plain words) or the name
     *                                  is not a valid class name
     */
    public static String of(NetworkGraph graph, DataSignature data, TrainingConfig config, String className) {
        if (!className.matches("[A-Z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + className + "' is not a good Java class name: start with a capital "
                    + "letter and use only letters, digits and _ (e.g. IrisModel).");
        }
        GraphAnalysis analysis = ShapeInference.analyse(graph, data);
        if (!analysis.trainable()) {
            throw new IllegalArgumentException("The network cannot be trained yet: " + analysis.firstError().orElse(""));
        }
        Set<String> taken = new HashSet<>();
        graph.nodes().forEach(n -> taken.add(n.id().value()));
        String dataInput = "data";
        while (taken.contains(dataInput)) {
            dataInput += "_";
        }
        StringBuilder lines = new StringBuilder();
        List<String> embeddings = new ArrayList<>();
        String output = null;
        java.util.Map<NodeId, String> vertexOf = new java.util.HashMap<>();
        for (NodeId id : graph.topologicalOrder().orElseThrow()) {
            Node node = graph.node(id);
            LayerSpec spec = node.spec();
            String name = id.value();
            TensorShape out = analysis.shapeOf(id).orElseThrow();
            List<NodeId> inputIds = graph.inputsOf(id);
            TensorShape in = inputIds.isEmpty() ? null : analysis.shapeOf(inputIds.get(0)).orElseThrow();
            StringBuilder from = new StringBuilder();
            for (NodeId input : inputIds) {
                from.append(", ").append(quote(vertexOf.get(input)));
            }
            if (spec instanceof InputSpec) {
                if (out instanceof TensorShape.Vector) {
                    vertexOf.put(id, dataInput);
                } else {
                    lines.append(String.format(Locale.ROOT, "        // The rows are read as %s.%n", out.describe()));
                    lines.append(String.format(Locale.ROOT, "        graph.addVertex(%s, new ReshapeVertex('c', %s, null), %s);%n",
                            quote(name), shape(out), quote(dataInput)));
                    vertexOf.put(id, name);
                }
                continue;
            }
            vertexOf.put(id, name);
            if (spec instanceof AddSpec) {
                lines.append(String.format(Locale.ROOT, "        graph.addVertex(%s, new ElementWiseVertex(ElementWiseVertex.Op.Add)%s);%n",
                        quote(name), from));
            } else if (spec instanceof ConcatSpec) {
                lines.append(String.format(Locale.ROOT, "        graph.addVertex(%s, new MergeVertex()%s);%n", quote(name), from));
            } else if (spec instanceof FlattenSpec) {
                lines.append(String.format(Locale.ROOT, "        graph.addVertex(%s, new ReshapeVertex('c', %s, null)%s);%n",
                        quote(name), shape(out), from));
            } else {
                if (spec instanceof EmbeddingSpec embedding) {
                    embeddings.add(String.format(Locale.ROOT, "        ((EmbeddingSequenceLayer) ((LayerVertex) conf.getVertices().get(%s))"
                            + ".getLayerConf().getLayer()).setNIn(%d);%n", quote(name), embedding.vocabulary()));
                }
                if (spec instanceof OutputSpec) {
                    output = name;
                }
                lines.append(String.format(Locale.ROOT, "        graph.addLayer(%s,%n                %s%s);%n", quote(name),
                        layer(spec, in, out, data), from));
            }
        }
        String summary = graph.nodes().size() + " nodes, " + String.format(Locale.ROOT, "%,d", analysis.totalParameters())
                + " parameters";
        return """
                import java.io.File;
                import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
                import org.deeplearning4j.nn.conf.ConvolutionMode;
                import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
                import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
                import org.deeplearning4j.nn.conf.graph.GraphVertex;
                import org.deeplearning4j.nn.conf.graph.LayerVertex;
                import org.deeplearning4j.nn.conf.graph.MergeVertex;
                import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
                import org.deeplearning4j.nn.conf.inputs.InputType;
                import org.deeplearning4j.nn.conf.layers.*;
                import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
                import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
                import org.deeplearning4j.nn.graph.ComputationGraph;
                import org.deeplearning4j.nn.weights.WeightInit;
                import org.nd4j.linalg.activations.Activation;
                import org.nd4j.linalg.api.buffer.DataType;
                import org.deeplearning4j.nn.conf.GradientNormalization;
                import org.nd4j.linalg.learning.config.*;
                import org.nd4j.linalg.lossfunctions.LossFunctions;

                /**
                 * The network designed in LayerLab %s (%s), rebuilt with plain Deeplearning4j 1.0.0-M2.1.
                 * Each row of input has %d values, in the order LayerLab prepared them (numbers standardized, categories
                 * one-hot); %s
                 *
                 * Run:  java %s.java [network.zip]
                 * where network.zip is the file inside a LayerLab model bundle (.llmodel / train --save-model): then
                 * the trained weights are loaded; without it the network starts from fresh random weights.
                 */
                public class %s {

                    public static ComputationGraphConfiguration configuration() {
                        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                                .seed(%dL)
                                .dataType(DataType.FLOAT)
                                .updater(%s)
                %s                .weightInit(WeightInit.XAVIER)
                                .graphBuilder()
                                .addInputs(%s);
                %s        graph.setOutputs(%s);
                        graph.setInputTypes(InputType.feedForward(%d));
                        ComputationGraphConfiguration conf = graph.build();
                        // setInputTypes adds preprocessors LayerLab's explicit Flatten/reshape nodes make unneeded.
                        for (GraphVertex vertex : conf.getVertices().values()) {
                            if (vertex instanceof LayerVertex) {
                                ((LayerVertex) vertex).setPreProcessor(null);
                            }
                        }
                %s        return conf;
                    }

                    public static void main(String[] args) throws Exception {
                        ComputationGraph network = new ComputationGraph(configuration());
                        network.init();
                        if (args.length > 0) {
                            network.setParams(ComputationGraph.load(new File(args[0]), false).params());
                            System.out.println("Loaded the trained weights from " + args[0]);
                        }
                        System.out.println(network.summary());
                    }
                }
                """.formatted(Version.current(), summary, data.input().elementCount(),
                data.regression() ? "the output is the predicted number, standardized as LayerLab trained it\n"
                        + " * (times the label's standard deviation, plus its mean, gives the label's own units)." : "the output has one probability per class.",
                className, className,
                config.seed(), updater(config), trainingExtras(config), quote(dataInput), lines, quote(output),
                data.input().elementCount(),
                embeddings.isEmpty() ? "" : "        // setInputTypes also overwrites an embedding's vocabulary size.\n"
                        + String.join("", embeddings));
    }

    /** The optimizer as DL4J source, as {@link TrainingSettings#updater} builds it (without the schedule). */
    static String updater(TrainingConfig config) {
        String rate = Double.toString(config.learningRate());
        return switch (config.optimizer()) {
            case SGD -> "new Sgd(" + rate + ")";
            case NESTEROV -> "new Nesterovs(" + rate + ", " + org.layerlab.core.train.Optimizer.NESTEROV_MOMENTUM + ")";
            case ADAM, ADAMW -> "new Adam(" + rate + ")";
            case RMSPROP -> "new RmsProp(" + rate + ")";
            case ADAGRAD -> "new AdaGrad(" + rate + ")";
        };
    }

    /** Builder lines for the settings beyond the optimizer; each ends with a line break, empty when all are off. */
    static String trainingExtras(TrainingConfig config) {
        StringBuilder lines = new StringBuilder();
        String indent = "                .";
        if (!config.schedule().isConstant()) {
            lines.append("                // LayerLab also changed the learning rate: ").append(config.schedule().describe())
                    .append(". Give the updater an ISchedule to do the same.\n");
        }
        if (config.l1() > 0 || config.l2() > 0) {
            lines.append("                // LayerLab leaves batch normalization's scale and shift unpenalised.\n");
        }
        List<String> penalties = new ArrayList<>();
        if (config.l1() > 0) {
            penalties.add("new org.nd4j.linalg.learning.regularization.L1Regularization(" + config.l1() + ")");
        }
        if (config.l2() > 0) {
            penalties.add("new org.nd4j.linalg.learning.regularization.L2Regularization(" + config.l2() + ")");
        }
        if (config.optimizer() == org.layerlab.core.train.Optimizer.ADAMW) {
            // Not expressible through the builder without changing the layers' own L1/L2 settings.
            lines.append("                // LayerLab trained with AdamW: DL4J has no AdamW, so LayerLab adds new WeightDecay(")
                    .append(org.layerlab.core.train.Optimizer.ADAMW_WEIGHT_DECAY)
                    .append(", true) to each layer's regularization after building.\n");
        }
        if (!penalties.isEmpty()) {
            lines.append(indent).append("regularization(java.util.List.of(\n                        ")
                    .append(String.join(",\n                        ", penalties)).append("))\n");
        }
        if (config.gradientClip() > 0) {
            lines.append(indent).append("gradientNormalization(GradientNormalization.ClipL2PerLayer)\n")
                    .append(indent).append("gradientNormalizationThreshold(").append(config.gradientClip()).append(")\n");
        }
        return lines.toString();
    }

    private static String layer(LayerSpec spec, TensorShape in, TensorShape out, DataSignature data) {
        if (spec instanceof DenseSpec dense) {
            return String.format(Locale.ROOT, "new DenseLayer.Builder().nIn(%d).nOut(%d).activation(Activation.%s)"
                            + ".weightInit(WeightInit.%s).l1(%s).l2(%s).build()", in.elementCount(), dense.units(),
                    Dl4jNetworkFactory.activation(dense.activation()).name(),
                    Dl4jNetworkFactory.weightInit(dense.weightInit(), dense.activation()).name(),
                    Double.toString(dense.l1()), Double.toString(dense.l2()));
        }
        if (spec instanceof OutputSpec output) {
            return String.format(Locale.ROOT, "new OutputLayer.Builder(LossFunctions.LossFunction.%s).nIn(%d).nOut(%d)"
                            + ".activation(Activation.%s).weightInit(WeightInit.XAVIER).build()",
                    Dl4jNetworkFactory.loss(Dl4jNetworkFactory.outputActivation(output, data)).name(),
                    in.elementCount(), output.unitsFor(data.classes()),
                    Dl4jNetworkFactory.activation(Dl4jNetworkFactory.outputActivation(output, data)).name());
        }
        if (spec instanceof ConvolutionSpec conv) {
            return String.format(Locale.ROOT, "new ConvolutionLayer.Builder(%d, %d).stride(%d, %d)"
                            + ".convolutionMode(ConvolutionMode.%s).nIn(%d).nOut(%d).activation(Activation.%s)"
                            + ".weightInit(WeightInit.%s).l1(%s).l2(%s).build()", conv.kernelHeight(), conv.kernelWidth(),
                    conv.strideHeight(), conv.strideWidth(), Dl4jNetworkFactory.mode(conv.padding()).name(),
                    ((Image) in).channels(), conv.filters(), Dl4jNetworkFactory.activation(conv.activation()).name(),
                    Dl4jNetworkFactory.weightInit(conv.weightInit(), conv.activation()).name(),
                    Double.toString(conv.l1()), Double.toString(conv.l2()));
        }
        if (spec instanceof PoolingSpec pool) {
            return String.format(Locale.ROOT, "new SubsamplingLayer.Builder(PoolingType.%s).kernelSize(%d, %d)"
                            + ".stride(%d, %d).convolutionMode(ConvolutionMode.%s).build()",
                    Dl4jNetworkFactory.poolingType(pool.type()).name(), pool.kernelHeight(), pool.kernelWidth(),
                    pool.strideHeight(), pool.strideWidth(), Dl4jNetworkFactory.mode(pool.padding()).name());
        }
        if (spec instanceof GlobalPoolingSpec global) {
            return "new GlobalPoolingLayer.Builder(PoolingType." + Dl4jNetworkFactory.poolingType(global.type()).name()
                    + ").build()";
        }
        if (spec instanceof BatchNormSpec) {
            long features = in instanceof Image image ? image.channels() : in.elementCount();
            return "new BatchNormalization.Builder().nIn(" + features + ").nOut(" + features + ").build()";
        }
        if (spec instanceof DropoutSpec dropout) {
            return dropout.rate() > 0 ? "new DropoutLayer.Builder(" + (1 - dropout.rate()) + ").build()"
                    : "new DropoutLayer.Builder().build()";
        }
        if (spec instanceof ActivationSpec activation) {
            return "new ActivationLayer.Builder().activation(Activation."
                    + Dl4jNetworkFactory.activation(activation.activation()).name() + ").build()";
        }
        if (spec instanceof LstmSpec lstm) {
            String layer = String.format(Locale.ROOT, "new LSTM.Builder().nIn(%d).nOut(%d).activation(Activation.%s)"
                            + ".weightInit(WeightInit.%s).build()", ((Sequence) in).features(), lstm.units(),
                    Dl4jNetworkFactory.activation(lstm.activation()).name(),
                    Dl4jNetworkFactory.weightInit(lstm.activation()).name());
            return lstm.returnSequences() ? layer : "new LastTimeStep(" + layer + ")";
        }
        if (spec instanceof SimpleRnnSpec rnn) {
            String layer = String.format(Locale.ROOT, "new SimpleRnn.Builder().nIn(%d).nOut(%d).activation(Activation.%s)"
                            + ".weightInit(WeightInit.%s).build()", ((Sequence) in).features(), rnn.units(),
                    Dl4jNetworkFactory.activation(rnn.activation()).name(),
                    Dl4jNetworkFactory.weightInit(rnn.activation()).name());
            return rnn.returnSequences() ? layer : "new LastTimeStep(" + layer + ")";
        }
        if (spec instanceof EmbeddingSpec embedding) {
            return String.format(Locale.ROOT, "new EmbeddingSequenceLayer.Builder().nIn(%d).nOut(%d).inputLength(%d).build()",
                    embedding.vocabulary(), embedding.dimensions(), ((Sequence) out).length());
        }
        throw new IllegalArgumentException("LayerLab cannot write a " + spec.kind() + " node as DL4J code.");
    }

    private static String shape(TensorShape shape) {
        if (shape instanceof Image image) {
            return "new int[] {-1, " + image.channels() + ", " + image.height() + ", " + image.width() + "}";
        }
        if (shape instanceof Sequence sequence) {
            return "new int[] {-1, " + sequence.features() + ", " + sequence.length() + "}";
        }
        return "new int[] {-1, " + ((TensorShape.Vector) shape).size() + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
