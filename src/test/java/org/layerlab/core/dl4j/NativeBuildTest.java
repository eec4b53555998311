package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.train.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LayerLab runs DL4J's convolution and pooling layers on oneDNN (docs/decisions/0009). These tests check that the
 * layers really get oneDNN helpers — a DL4J upgrade that renames things again would silently make CNNs 2× slower —
 * and that oneDNN computes the same outputs and gradients as DL4J's own Java implementation.
 */
class NativeBuildTest {
    private static final DataSignature MNIST = DataSignature.table(784, 10);
    private static final TrainingConfig CONFIG = new TrainingConfig(1, 16, 0.001, 42);

    @BeforeAll
    static void loadNd4j() {
        assertThat(Nd4jBackend.isUsable()).as(Nd4jBackend.detect().explanation()).isTrue();
    }

    @Test
    void aProcessorWithAvx512GetsOpenBlasSkylakeXKernelsAndOneWithoutItIsLeftToOpenBlas() {
        String zen4 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 17\n"
                + "flags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl "
                + "avx512vbmi\nbogomips\t: 4800.00\n";
        String zen3 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 1\n"
                + "flags\t\t: fpu sse2 avx avx2 fma\n";
        String avx512WithoutByteWords = "flags\t\t: avx2 avx512f avx512cd\n"; // Xeon Phi: SkylakeX kernels need BW
        assertThat(NativeBuild.blasCoreTypeFor(zen4)).contains("SKYLAKEX");
        assertThat(NativeBuild.blasCoreTypeFor(zen3)).isEmpty();
        assertThat(NativeBuild.blasCoreTypeFor(avx512WithoutByteWords)).isEmpty();
        assertThat(NativeBuild.blasCoreTypeFor("")).isEmpty();
    }

    @Test
    void theOneDnnBuildIsChosenAndNamedInTheBackendLine() {
        assertThat(NativeBuild.oneDnnBindingsPresent()).isTrue();
        assertThat(NativeBuild.oneDnnActive()).isTrue();
        assertThat(Nd4jBackend.detect().summary()).contains("oneDNN");
    }

    @Test
    void convolutionAndPoolingLayersRunOnOneDnn() {
        ComputationGraph network = lenet();
        network.output(input());
        List<String> helpers = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer || layer instanceof SubsamplingLayer) {
                helpers.add(helperOf(layer));
            }
        }
        assertThat(helpers).hasSizeGreaterThanOrEqualTo(4).allMatch(name -> name.startsWith("MKLDNN"));
    }

    @Test
    void oneDnnGivesTheSameOutputsAndGradientsAsDl4jsJavaLayers() {
        INDArray input = input();
        INDArray labels = Nd4j.eye(10).getRows(new int[] {3, 1, 4, 1, 5, 9, 2, 6});
        ComputationGraph withOneDnn = lenet();
        INDArray params = withOneDnn.params().dup();
        String previous = System.getProperty(NativeBuild.HELPERS_DISABLE);
        ComputationGraph withoutHelpers;
        try {
            System.setProperty(NativeBuild.HELPERS_DISABLE, "true");
            withoutHelpers = lenet();
            withoutHelpers.setParams(params);
            withoutHelpers.output(input); // helpers are chosen when the layers first run
        } finally {
            System.setProperty(NativeBuild.HELPERS_DISABLE, previous);
        }
        assertThat(java.util.Arrays.stream(withoutHelpers.getLayers()).filter(ConvolutionLayer.class::isInstance)
                .map(NativeBuildTest::helperOf)).containsOnly("none");

        assertThat(withOneDnn.output(input)[0].equalsWithEps(withoutHelpers.output(input)[0], 1e-5)).isTrue();
        assertThat(gradient(withOneDnn, input, labels).equalsWithEps(gradient(withoutHelpers, input, labels), 1e-4))
                .isTrue();
    }

    private static ComputationGraph lenet() {
        NetworkGraph graph = Templates.find("lenet").orElseThrow().buildFor(MNIST);
        return Dl4jNetworkFactory.create(graph, MNIST, CONFIG);
    }

    private static INDArray input() {
        return Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 784);
    }

    private static INDArray gradient(ComputationGraph network, INDArray input, INDArray labels) {
        network.setInputs(input);
        network.setLabels(labels);
        network.computeGradientAndScore();
        Gradient gradient = network.gradient();
        return gradient.gradient().dup();
    }

    private static String helperOf(Layer layer) {
        try {
            for (Class<?> type = layer.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals("helper")) {
                        field.setAccessible(true);
                        Object helper = field.get(layer);
                        return helper == null ? "none" : helper.getClass().getSimpleName();
                    }
                }
            }
            return "no helper field";
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
