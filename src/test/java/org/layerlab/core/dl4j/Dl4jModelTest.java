package org.layerlab.core.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ActivationSpec;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Templates;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.TrainedModel;

class Dl4jModelTest {

    @TempDir
    Path folder;

    @Test
    void predictsOneProbabilityRowPerInputRow() {
        TrainedModel model = TrainedIris.result().model();
        EncodedSet test = TrainedIris.data().testTable();

        float[][] probabilities = model.predictProbabilities(test);

        assertThat(probabilities).hasNumberOfRows(test.rows());
        for (float[] row : probabilities) {
            assertThat(row).hasSize(3);
            float sum = 0;
            for (float p : row) {
                assertThat(p).isBetween(0f, 1f);
                sum += p;
            }
            assertThat(sum).isCloseTo(1f, within(1e-4f));
        }
        Dl4jModel dl4j = (Dl4jModel) model;
        assertThat(dl4j.inputCount()).isEqualTo(4);
        assertThat(dl4j.classCount()).isEqualTo(3);
    }

    @Test
    void predictsInBatchesWhenThereAreManyRows() {
        TrainedModel model = TrainedIris.result().model();
        EncodedSet test = TrainedIris.data().testTable();
        int rows = Dl4jModel.PREDICT_BATCH_ROWS * 2 + 7;
        float[] features = new float[rows * test.columns()];
        int[] labels = new int[rows];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(test.features(), (row % test.rows()) * test.columns(), features, row * test.columns(),
                    test.columns());
        }

        float[][] many = model.predictProbabilities(new EncodedSet(features, rows, test.columns(), labels));
        float[][] once = model.predictProbabilities(test);

        assertThat(many).hasNumberOfRows(rows);
        // BLAS may sum in a different order for a different batch size: equal up to float rounding.
        for (int row : new int[] {0, Dl4jModel.PREDICT_BATCH_ROWS - 1, Dl4jModel.PREDICT_BATCH_ROWS, rows - 1}) {
            assertThat(many[row]).as("row %d", row).containsExactly(once[row % test.rows()], within(1e-5f));
        }
    }

    @Test
    void rejectsDataWithTheWrongNumberOfColumns() {
        TrainedModel model = TrainedIris.result().model();
        assertThatThrownBy(() -> model.predictProbabilities(new EncodedSet(new float[3], 1, 3, new int[1])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects 4 input columns");
    }

    @Test
    void savedAndLoadedModelGivesIdenticalProbabilities() throws IOException {
        TrainedModel model = TrainedIris.result().model();
        PreparedData data = TrainedIris.data();
        Path file = folder.resolve("models").resolve("iris.zip");

        model.save(file);
        Dl4jModel loaded = Dl4jModel.load(file);

        assertThat(loaded.predictProbabilities(data.test())).isEqualTo(model.predictProbabilities(data.test()));
        assertThat(loaded.predictClasses(data.test())).containsExactly(model.predictClasses(data.test()));
        assertThat(loaded.parameterCount()).isEqualTo(((Dl4jModel) model).parameterCount());
    }

    @Test
    void aBranchingNetworkThatReshapesItsInputSavesAndLoadsToo() throws IOException {
        DataSignature digits = DataSignature.table(64, 10);
        ComputationGraph network = Dl4jNetworkFactory.create(
                Templates.find("resnet-small").orElseThrow().buildFor(digits), digits, TrainedIris.CONFIG);
        Dl4jModel model = new Dl4jModel(network, 64);
        float[] pixels = new float[5 * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7 % 17) / 17f;
        }
        EncodedSet rows = new EncodedSet(pixels, 5, 64, new int[5]);
        Path file = folder.resolve("resnet.zip");

        model.save(file);
        Dl4jModel loaded = Dl4jModel.load(file);

        assertThat(loaded.inputCount()).isEqualTo(64);
        assertThat(loaded.classCount()).isEqualTo(10);
        assertThat(loaded.predictProbabilities(rows)).isEqualTo(model.predictProbabilities(rows));
        assertThat(ModelSerializer.listObjectsInFile(file.toFile())).contains(Dl4jModel.INPUT_COUNT_ENTRY);
    }

    @Test
    void theInputCountIsKeptEvenWhenNoLayerTakesTheRowsDirectly() throws IOException {
        // Input → Activation → Dense: the first vertex after the input has no input size of its own.
        DataSignature iris = DataSignature.table(4, 3);
        NetworkGraph graph = NetworkGraph.chain(List.of(new ActivationSpec(Activation.TANH),
                new DenseSpec(5, Activation.RELU)));
        Dl4jModel model = new Dl4jModel(Dl4jNetworkFactory.create(graph, iris, TrainedIris.CONFIG), 4);
        Path file = folder.resolve("activation-first.zip");

        model.save(file);

        assertThat(Dl4jModel.load(file).inputCount()).isEqualTo(4);
        assertThat(Dl4jModel.load(file).predictProbabilities(TrainedIris.data().test()))
                .isEqualTo(model.predictProbabilities(TrainedIris.data().test()));
    }

    @Test
    void aModelSavedByLayerLab01AsAMultiLayerNetworkStillLoads() throws IOException {
        MultiLayerNetwork old = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build());
        old.init();
        Path file = folder.resolve("old.zip");
        ModelSerializer.writeModel(old, file.toFile(), true);
        EncodedSet test = TrainedIris.data().testTable();

        Dl4jModel loaded = Dl4jModel.load(file);

        assertThat(loaded.inputCount()).isEqualTo(4);
        assertThat(loaded.classCount()).isEqualTo(3);
        assertThat(loaded.predictProbabilities(test)).isEqualTo(toRows(old, test));
    }

    private static float[][] toRows(MultiLayerNetwork network, EncodedSet set) {
        float[] values = Dl4jTrainer.rowMajor(network.output(Nd4j.create(set.features(),
                new long[] {set.rows(), set.columns()}, 'c')));
        float[][] rows = new float[set.rows()][];
        int classes = values.length / set.rows();
        for (int row = 0; row < set.rows(); row++) {
            rows[row] = java.util.Arrays.copyOfRange(values, row * classes, (row + 1) * classes);
        }
        return rows;
    }

    @Test
    void savingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        TrainedModel model = TrainedIris.result().model();
        Path file = folder.resolve("iris.zip");
        Files.writeString(file, "an older, unreadable model");

        model.save(file);

        assertThat(Dl4jModel.load(file).predictProbabilities(TrainedIris.data().test()))
                .isEqualTo(model.predictProbabilities(TrainedIris.data().test()));
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedSaveKeepsTheOldFileAndCleansUp() throws IOException {
        TrainedModel model = TrainedIris.result().model();
        Path file = folder.resolve("iris.zip");
        Files.createDirectories(file); // a folder in the way: the final move cannot replace it
        Files.writeString(file.resolve("keep.txt"), "still here");

        assertThatThrownBy(() -> model.save(file)).isInstanceOf(IOException.class);

        assertThat(file.resolve("keep.txt")).hasContent("still here");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void loadingSomethingElseSaysSo() throws IOException {
        Path file = folder.resolve("notes.zip");
        Files.writeString(file, "not a model");

        assertThatThrownBy(() -> Dl4jModel.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a model LayerLab can read");
        assertThatThrownBy(() -> Dl4jModel.load(folder.resolve("missing.zip"))).isInstanceOf(IOException.class);
    }
}
