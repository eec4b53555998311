package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.train.TrainingConfig;

/** The exported Java class compiles, and builds exactly the network LayerLab trains. */
class Dl4jJavaSourceTest {
    private static final TrainingConfig CONFIG = new TrainingConfig(3, 16, 0.005, 7);

    @TempDir
    Path folder;

    static Stream<Arguments> templatesOnData() {
        return Templates.all().stream().flatMap(template -> Stream.of(
                Arguments.of(template, DataSignature.table(4, 3)),
                Arguments.of(template, DataSignature.table(64, 10))));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("templatesOnData")
    void theGeneratedClassBuildsTheSameConfiguration(Template template, DataSignature data) throws Exception {
        NetworkGraph graph = template.buildFor(data);
        if (!org.layerlab.core.graph.ShapeInference.analyse(graph, data).trainable()) {
            assertThatThrownBy(() -> Dl4jJavaSource.of(graph, data, CONFIG, "Exported"))
                    .hasMessageContaining("cannot be trained yet");
            return;
        }

        Class<?> exported = compile("Exported", Dl4jJavaSource.of(graph, data, CONFIG, "Exported"));
        ComputationGraphConfiguration generated = (ComputationGraphConfiguration)
                exported.getMethod("configuration").invoke(null);

        assertThat(generated.toJson()).isEqualTo(Dl4jNetworkFactory.configuration(graph, data, CONFIG).toJson());
    }

    @Test
    void itsMainLoadsTheTrainedWeights() throws Exception {
        DataSignature data = DataSignature.table(4, 3);
        NetworkGraph graph = NetworkGraph.defaultGraph();
        Path network = folder.resolve("network.zip");
        new Dl4jModel(Dl4jNetworkFactory.create(graph, data, CONFIG), 4).save(network);
        Class<?> exported = compile("IrisModel", Dl4jJavaSource.of(graph, data, CONFIG, "IrisModel"));
        Method main = exported.getMethod("main", String[].class);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            main.invoke(null, (Object) new String[] {network.toString()});
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString()).contains("Loaded the trained weights").contains("Total Parameters:  2,499");
        // What main does — the generated configuration plus the saved parameters — predicts as LayerLab's model does.
        org.deeplearning4j.nn.graph.ComputationGraph rebuilt = new org.deeplearning4j.nn.graph.ComputationGraph(
                (ComputationGraphConfiguration) exported.getMethod("configuration").invoke(null));
        rebuilt.init();
        rebuilt.setParams(org.deeplearning4j.nn.graph.ComputationGraph.load(network.toFile(), false).params());
        float[] row = {0.5f, -1f, 0.25f, 2f};
        float[] expected = Dl4jModel.load(network).predictProbabilities(
                new org.layerlab.core.preprocess.EncodedSet(row, 1, 4, new int[1]))[0];
        float[] actual = rebuilt.outputSingle(org.nd4j.linalg.factory.Nd4j.create(row, new long[] {1, 4}))
                .toFloatVector();
        assertThat(actual).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    // AdamW is Adam plus a weight decay LayerLab adds to each layer after building; the export says so in a comment.
    @org.junit.jupiter.params.provider.EnumSource(value = org.layerlab.core.train.Optimizer.class, names = "ADAMW",
            mode = org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
    void theGeneratedClassTrainsWithTheSameOptimizerPenaltiesAndClipping(org.layerlab.core.train.Optimizer optimizer)
            throws Exception {
        DataSignature data = DataSignature.table(4, 3);
        NetworkGraph graph = NetworkGraph.defaultGraph();
        TrainingConfig config = CONFIG.withOptimizer(optimizer).withRegularization(1e-5, 1e-4).withGradientClip(5);
        String name = "Exported" + optimizer.name();

        Class<?> exported = compile(name, Dl4jJavaSource.of(graph, data, config, name));

        assertThat(((ComputationGraphConfiguration) exported.getMethod("configuration").invoke(null)).toJson())
                .isEqualTo(Dl4jNetworkFactory.configuration(graph, data, config).toJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionTemplates")
    void aRegressionNetworkIsExportedWithIdentityOutputAndMeanSquaredError(Template template) throws Exception {
        DataSignature data = DataSignature.regressionTable(10);
        NetworkGraph graph = template.buildFor(data);
        if (!org.layerlab.core.graph.ShapeInference.analyse(graph, data).trainable()) {
            return;
        }
        String name = "Regression" + template.id().replace("-", "");
        String source = Dl4jJavaSource.of(graph, data, CONFIG, name);

        assertThat(source).contains("LossFunctions.LossFunction.MSE").contains("Activation.IDENTITY)")
                .doesNotContain("MCXENT").contains("the output is the predicted number");
        Class<?> exported = compile(name, source);
        assertThat(((ComputationGraphConfiguration) exported.getMethod("configuration").invoke(null)).toJson())
                .isEqualTo(Dl4jNetworkFactory.configuration(graph, data, CONFIG).toJson());
    }

    static Stream<Template> regressionTemplates() {
        return Templates.all().stream();
    }

    @Test
    void theDefaultNetworkOnDiabetesSizedRowsIsExportedAsRegression() throws Exception {
        DataSignature data = DataSignature.regressionTable(10);
        NetworkGraph graph = NetworkGraph.defaultGraph();
        String source = Dl4jJavaSource.of(graph, data, CONFIG, "DiabetesModel");

        assertThat(source).contains("new OutputLayer.Builder(LossFunctions.LossFunction.MSE)").contains(".nOut(1)")
                .contains("Activation.IDENTITY)").doesNotContain("SOFTMAX");
        Class<?> exported = compile("DiabetesModel", source);
        assertThat(((ComputationGraphConfiguration) exported.getMethod("configuration").invoke(null)).toJson())
                .isEqualTo(Dl4jNetworkFactory.configuration(graph, data, CONFIG).toJson());
    }

    @Test
    void refusesANameThatIsNotAJavaClassName() {
        assertThatThrownBy(() -> Dl4jJavaSource.of(NetworkGraph.defaultGraph(), DataSignature.table(4, 3), CONFIG,
                "my model")).hasMessageContaining("not a good Java class name");
    }

    private Class<?> compile(String name, String source) throws Exception {
        Path file = folder.resolve(name + ".java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, "-classpath", System.getProperty("java.class.path"),
                "-d", folder.toString(), file.toString());
        assertThat(status).as(errors.toString() + "\n" + source).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(name);
    }

    @Test
    void everyTemplateIsCoveredOnImageSizedRowsToo() throws Exception {
        DataSignature mnist = new DataSignature(new TensorShape.Vector(784), 10);
        for (Template template : List.of(Templates.find("lenet").orElseThrow(), Templates.find("resnet-small").orElseThrow())) {
            NetworkGraph graph = template.buildFor(mnist);
            Class<?> exported = compile("Mnist" + template.id().replace("-", ""),
                    Dl4jJavaSource.of(graph, mnist, CONFIG, "Mnist" + template.id().replace("-", "")));
            assertThat(((ComputationGraphConfiguration) exported.getMethod("configuration").invoke(null)).toJson())
                    .isEqualTo(Dl4jNetworkFactory.configuration(graph, mnist, CONFIG).toJson());
        }
    }
}
