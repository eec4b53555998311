package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Set;
import org.layerlab.core.graph.DataSignature;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.NodeId;
import org.layerlab.core.project.ProjectStore;

/** The shared, data and network view models, driven without the toolkit. */
class ProjectViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(1));
    private final ProjectViewModel project = harness.project;
    private final DataViewModel data = harness.viewModels.data();
    private final NetworkViewModel network = harness.viewModels.network();

    @Test
    void openingTheIrisSampleGuessesTheLabelAndPreparesTheData() {
        openIris();

        assertThat(project.getTable().rowCount()).isEqualTo(150);
        assertThat(data.labelProperty().get()).isEqualTo("species");
        assertThat(data.labelChoices()).containsExactly("sepal_length", "sepal_width", "petal_length",
                "petal_width", "species");
        assertThat(data.columns()).extracting(DataViewModel.ColumnInfo::type)
                .containsExactly("number", "number", "number", "number", "category");
        assertThat(data.classCounts()).extracting(DataViewModel.ClassCount::count).containsExactly(50, 50, 50);
        assertThat(data.splitSummaryProperty().get()).contains("test").contains("4 inputs");
        assertThat(data.testPercentTextProperty().get()).isEqualTo("15 %");
        assertThat(data.notes()).anyMatch(note -> note.contains("training rows only"));
        assertThat(project.statusProperty().get()).contains("iris.csv");
    }

    @Test
    void aRaggedFileLeavesTheLoadedDataAlone(@TempDir Path folder) throws IOException {
        openIris();
        Path ragged = folder.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,label\n1,2,x\n3,4\n");

        project.openDataFile(ragged);
        harness.pump();

        assertThat(project.errorProperty().get()).contains("Line 3").contains("ragged.csv");
        assertThat(project.getTable().source()).isEqualTo("iris.csv");
        assertThat(project.getExperiment()).isNotNull();
        assertThat(data.labelProperty().get()).isEqualTo("species");
    }

    @Test
    void aLabelWithOneClassIsExplainedAndBlocksTraining(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("constant.csv");
        Files.writeString(file, "x,kind,label\n1,a,yes\n2,a,no\n3,a,yes\n4,a,no\n5,a,yes\n6,a,no\n");
        project.openDataFile(file);
        harness.pumpUntil("the file is loaded", WAIT, () -> project.getExperiment() != null);

        data.labelProperty().set("kind");
        harness.pump();

        assertThat(project.getExperiment()).isNull();
        assertThat(project.dataProblemProperty().get()).contains("only one class");
        assertThat(harness.viewModels.train().trainDisabledProperty().get()).isTrue();
        assertThat(harness.viewModels.train().blockedReasonProperty().get()).contains("only one class");

        data.labelProperty().set("label");
        harness.pump();
        assertThat(project.getExperiment()).isNotNull();
        assertThat(project.dataProblemProperty().get()).isEmpty();
    }

    @Test
    void splitSettingsThatLeaveNoTestRowsAreRefusedWithAMessage() {
        openIris();

        data.trainPercentProperty().set(90);
        data.validationPercentProperty().set(15);

        assertThat(data.splitProblemProperty().get()).contains("leave nothing for the test set");
        assertThat(project.getProject().split().train()).isEqualTo(0.7);

        data.validationPercentProperty().set(5);
        harness.pump();
        assertThat(data.splitProblemProperty().get()).isEmpty();
        assertThat(project.getProject().split().train()).isEqualTo(0.9);
        assertThat(data.testPercentTextProperty().get()).isEqualTo("5 %");
    }

    @Test
    void aSeedThatIsNotANumberIsRefusedAndAGoodOneReshuffles() {
        openIris();
        int[] before = project.getExperiment().split().test().clone();

        data.seedTextProperty().set("forty-two");
        assertThat(data.splitProblemProperty().get()).contains("whole number");

        data.seedTextProperty().set("7");
        harness.pump();
        assertThat(data.splitProblemProperty().get()).isEmpty();
        assertThat(project.getProject().split().seed()).isEqualTo(7);
        assertThat(project.getExperiment().split().test()).isNotEqualTo(before);
    }

    @Test
    void theTitanicSampleLeavesOutLeakingAndIdentifyingColumnsUntilTheUserTicksThem() {
        project.openSample(Sample.TITANIC);
        harness.pumpUntil("titanic is prepared", WAIT, () -> project.getExperiment() != null);

        assertThat(project.getProject().labelColumn()).isEqualTo("survived");
        assertThat(project.getProject().preprocessing().excludedColumns())
                .containsExactlyInAnyOrder("name", "ticket", "boat", "body", "home.dest", "cabin");
        assertThat(data.notes()).anyMatch(note -> note.contains("give the answer away"));
        DataViewModel.ColumnInfo boat = data.columns().stream().filter(c -> c.name().equals("boat")).findFirst()
                .orElseThrow();
        assertThat(boat.useProperty().get()).isFalse();

        boat.useProperty().set(true);
        harness.pump();
        assertThat(project.getProject().preprocessing().excludedColumns()).doesNotContain("boat");
        assertThat(project.getExperiment().data().featureNames()).anyMatch(name -> name.startsWith("boat"));

        data.useAllColumns();
        harness.pump();
        assertThat(project.getProject().preprocessing().excludedColumns()).isEmpty();
        assertThat(data.columns()).filteredOn(c -> !c.isLabel()).allMatch(c -> c.useProperty().get());
    }

    @Test
    void theCanvasEditsTheProjectsNetworkAndShowsItsSize() {
        assertThat(network.captionProperty().get()).isEqualTo("4 layers");
        assertThat(network.canvas().getAnalysis()).isNull();
        openIris();

        assertThat(network.canvas().dataProperty().get()).isEqualTo(DataSignature.table(4, 3));
        assertThat(network.captionProperty().get()).isEqualTo("2,499 parameters");
        assertThat(network.canvas().totalsTextProperty().get()).startsWith("Parameters: 2,499 · Memory to train: ~");

        setUnits("dense_2", 8);
        assertThat(network.canvas().getAnalysis().shapeOf(new NodeId("dense_2")).orElseThrow().describe())
                .isEqualTo("8");
        assertThat(units(project.getProject().network(), "dense_2")).isEqualTo(8);
        assertThat(network.captionProperty().get()).isEqualTo(String.format("%,d parameters",
                4 * 64 + 64 + 64 * 8 + 8 + 8 * 3 + 3));

        // A drag is written to the project when it ends, not at every step.
        network.canvas().beginMove(Set.of(new NodeId("dense_1")));
        network.canvas().updateMove(0, 50);
        assertThat(project.getProject().network().node(new NodeId("dense_1")).y()).isZero();
        network.canvas().endMove();
        assertThat(project.getProject().network().node(new NodeId("dense_1")).y()).isEqualTo(50);

        network.canvas().undo();
        network.canvas().undo();
        assertThat(units(project.getProject().network(), "dense_2")).isEqualTo(32);
        assertThat(project.getProject().network()).isEqualTo(network.canvas().getGraph());
    }

    @Test
    void anOpenedProjectReplacesTheCanvasAndItsHistory(@TempDir Path folder) {
        openIris();
        setUnits("dense_1", 10);
        harness.pump();
        project.saveProject(folder.resolve("iris"));
        harness.pump();
        setUnits("dense_1", 99);

        project.openProject(folder.resolve("iris" + ProjectStore.EXTENSION));
        harness.pump();

        assertThat(units(network.canvas().getGraph(), "dense_1")).isEqualTo(10);
        assertThat(network.canvas().canUndoProperty().get()).isFalse();
    }

    @Test
    void theCanvasIsLockedWhileTraining() {
        openIris();
        project.trainingRunningProperty().set(true);
        assertThat(network.canvas().lockedProperty().get()).isTrue();
        setUnits("dense_1", 5);
        assertThat(units(project.getProject().network(), "dense_1")).isEqualTo(64);
        project.trainingRunningProperty().set(false);
    }

    private void setUnits(String id, int units) {
        network.canvas().changeSpec(new NodeId(id), spec -> new DenseSpec(units, ((DenseSpec) spec).activation()));
    }

    private static int units(NetworkGraph graph, String id) {
        return ((DenseSpec) graph.node(new NodeId(id)).spec()).units();
    }

    @Test
    void aSavedProjectOpensAsItWasSaved(@TempDir Path folder) {
        openIris();
        setUnits("dense_1", 10);
        data.seedTextProperty().set("123");
        harness.viewModels.train().learningRateTextProperty().set("0.005");
        harness.pump();

        project.saveProject(folder.resolve("iris"));
        harness.pump();
        Path saved = folder.resolve("iris" + ProjectStore.EXTENSION);
        assertThat(saved).exists();
        assertThat(project.projectFileProperty().get()).isEqualTo(saved.toAbsolutePath().normalize());

        setUnits("dense_1", 99);
        data.seedTextProperty().set("5");
        harness.viewModels.train().learningRateTextProperty().set("0.1");
        harness.pump();

        project.openProject(saved);
        harness.pump();

        assertThat(units(network.canvas().getGraph(), "dense_1")).isEqualTo(10);
        assertThat(data.seedTextProperty().get()).isEqualTo("123");
        assertThat(harness.viewModels.train().learningRateTextProperty().get()).isEqualTo("0.005");
        assertThat(project.getProject().training().learningRate()).isEqualTo(0.005);
        assertThat(project.getExperiment()).isNotNull();
    }

    @Test
    void savingWithoutDataSaysSo() {
        project.saveProject(Path.of("nowhere.layerlab.json"));
        assertThat(project.errorProperty().get()).contains("open a data file first");
    }

    @Test
    void projectFilesGetTheirExtension() {
        assertThat(ProjectViewModel.withProjectExtension(Path.of("a/b")))
                .isEqualTo(Path.of("a/b" + ProjectStore.EXTENSION));
        assertThat(ProjectViewModel.withProjectExtension(Path.of("a/b.json")))
                .isEqualTo(Path.of("a/b" + ProjectStore.EXTENSION));
        assertThat(ProjectViewModel.withProjectExtension(Path.of("a/b" + ProjectStore.EXTENSION)))
                .isEqualTo(Path.of("a/b" + ProjectStore.EXTENSION));
    }

    @Test
    void theSamplesFolderComesFromTheSystemProperty() {
        assertThat(Sample.folder()).isPresent();
        for (Sample sample : Sample.values()) {
            assertThat(sample.locate()).as(sample.title()).isPresent();
        }
    }

    @Test
    void onlyDataAndProjectFilesAreAcceptedWhenDropped() {
        assertThat(MainController.canOpen(new java.io.File("a.csv"))).isTrue();
        assertThat(MainController.canOpen(new java.io.File("a.TSV"))).isTrue();
        assertThat(MainController.canOpen(new java.io.File("a.txt"))).isTrue();
        assertThat(MainController.canOpen(new java.io.File("p" + ProjectStore.EXTENSION))).isTrue();
        assertThat(MainController.canOpen(new java.io.File("a.xlsx"))).isFalse();
        assertThat(MainController.canOpen(new java.io.File("a.png"))).isFalse();
    }

    private void openIris() {
        project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", WAIT, () -> project.getExperiment() != null);
    }
}
