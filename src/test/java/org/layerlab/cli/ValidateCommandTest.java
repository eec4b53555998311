package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.Edge;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.graph.OutputActivation;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;

/** {@code layerlab validate}: shapes, parameters and problems of a saved network, without training. */
class ValidateCommandTest {
    private static final Path DIGITS = Path.of("samples/digits8x8/digits.csv").toAbsolutePath();

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path save(NetworkGraph network) {
        Path file = folder.resolve("digits" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(DIGITS, "digit").withNetwork(network), file);
        return file;
    }

    private static NetworkGraph lenet() {
        return Templates.find("lenet").orElseThrow().buildFor(DataSignature.table(64, 10));
    }

    @Test
    void printsEveryLayersShapeAndParametersAndExitsZeroWhenTheNetworkCanTrain() {
        int exit = run("validate", save(lenet()).toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Data: digits.csv, label 'digit': 64 values per example, 10 classes")
                .containsPattern("Node +Kind +Output shape +Parameters")
                .containsPattern("input_1 +Input +1×8×8 +0\n")
                .containsPattern("convolution_1 +Convolution 2D +6×8×8 +60\n")
                .containsPattern("flatten_1 +Flatten +64 +0\n")
                .containsPattern("dense_1 +Dense +120 +7,800\n")
                .containsPattern("output_1 +Output +10 +850\n")
                .contains("Total parameters: 19,754")
                .contains("Memory to train (batch of 32): about")
                .contains("No problems: the network can train.");
    }

    @Test
    void listsEachProblemWithItsFixAndExitsOneWhenTheNetworkHasErrors() {
        NetworkGraph broken = lenet().withBypassed(new NodeId("flatten_1"))
                .withSpec(new NodeId("output_1"), new OutputSpec(8, OutputActivation.SOFTMAX))
                .withNode(new Node(new NodeId("spare"), "spare", new DenseSpec(5, Activation.RELU), 0, 300))
                .withEdge(new Edge(new NodeId("max_pooling_2"), new NodeId("spare")));

        int exit = run("validate", save(broken).toString());

        assertThat(exit).isEqualTo(ValidateCommand.HAS_ERRORS);
        assertThat(out.toString())
                .containsPattern("dense_1 +Dense +\\? +0\n")
                .contains("3 errors, 1 warning:")
                .contains("ERROR   output_1: Output has 8 units but the data has 10 classes")
                .contains("Fix: Set 10 units (one per class)")
                .contains("ERROR   dense_1: Dense after Max Pooling 2D needs the image flattened: 'dense_1' gets a "
                        + "16×2×2 image.")
                .contains("Fix: Insert Flatten")
                .contains("WARNING spare: 'spare''s output goes nowhere")
                .contains("Fix: Delete 'spare'");
        assertThat(out.toString().indexOf("WARNING")).isGreaterThan(out.toString().lastIndexOf("ERROR"));
    }

    @Test
    void aProjectWhoseDataIsMissingIsBadInput() throws Exception {
        Path data = Files.copy(DIGITS, folder.resolve("moved.csv"));
        Path file = folder.resolve("moved" + ProjectStore.EXTENSION);
        ProjectStore.save(Project.withDefaults(data, "digit"), file);
        Files.delete(data);

        assertThat(run("validate", file.toString())).isEqualTo(UserErrorHandler.BAD_INPUT);
        assertThat(err.toString()).contains("data file").contains("does not exist").doesNotContain("Exception");
        assertThat(run("validate", folder.resolve("none.layerlab.json").toString()))
                .isEqualTo(UserErrorHandler.BAD_INPUT);
    }
}
