package org.layerlab.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.Column;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.preprocess.PipelineStep.ImputeStrategy;
import org.layerlab.core.preprocess.PipelineStep.StepKind;

/**
 * Every step's transform on a small table whose first four rows are the training rows: the numbers are worked out
 * by hand. Row 4 and 5 play the test rows (their values must not change what is learned).
 */
class PipelineStepTest {
    private static final double NAN = Double.NaN;
    private static final int[] TRAIN = {0, 1, 2, 3};

    private static Table table() {
        return new Table("t", List.of(
                new NumericColumn("x", new double[] {1, 2, 3, NAN, 100, NAN}),
                new NumericColumn("y", new double[] {-0.5, 0, 1, 1, -3, 2}),
                new CategoricalColumn("colour", new int[] {0, 1, 0, -1, 2, -1}, List.of("red", "blue", "green")),
                new NumericColumn("label", new double[] {0, 1, 0, 1, 0, 1})));
    }

    private static Table fitAndApply(PipelineStep step, List<String> notes) {
        Table table = table();
        return step.fit(table, TRAIN, List.of("x", "y", "colour"), notes).apply(table);
    }

    private static double[] numbers(Table table, String column) {
        return ((NumericColumn) table.column(column)).values();
    }

    @Test
    void standardizeUsesTheTrainingMeanAndDeviationAndKeepsMissingValuesMissing() {
        Table out = fitAndApply(new PipelineStep.Standardize(List.of("x")), new ArrayList<>());
        double std = Math.sqrt(2.0 / 3);
        assertThat(numbers(out, "x")[0]).isCloseTo(-1 / std, within(1e-12));
        assertThat(numbers(out, "x")[4]).isCloseTo(98 / std, within(1e-9));
        assertThat(numbers(out, "x")[3]).isNaN();
        assertThat(numbers(out, "y")).containsExactly(-0.5, 0, 1, 1, -3, 2);
    }

    @Test
    void minMaxScaleMapsTheTrainingRangeOntoZeroToOne() {
        Table out = fitAndApply(new PipelineStep.MinMaxScale(List.of()), new ArrayList<>());
        assertThat(numbers(out, "x")).containsExactly(0, 0.5, 1, NAN, 49.5, NAN);
        assertThat(numbers(out, "y")[0]).isEqualTo(0);
        assertThat(numbers(out, "y")[2]).isEqualTo(1);
        assertThat(numbers(out, "label")).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @Test
    void oneHotMakesAColumnPerTrainingCategoryAndLeavesUnseenOnesAllZero() {
        Table out = fitAndApply(new PipelineStep.OneHotEncode(List.of()), new ArrayList<>());
        assertThat(out.columnNames()).containsExactly("x", "y", "colour=blue", "colour=red", "label");
        assertThat(numbers(out, "colour=red")).containsExactly(1, 0, 1, 0, 0, 0);
        assertThat(numbers(out, "colour=blue")).containsExactly(0, 1, 0, 0, 0, 0);
    }

    @Test
    void imputeFillsWithTheTrainingMeanMedianMostFrequentOrAConstant() {
        assertThat(numbers(fitAndApply(new PipelineStep.Impute(List.of("x"), ImputeStrategy.MEAN, ""),
                new ArrayList<>()), "x")).containsExactly(1, 2, 3, 2, 100, 2);
        Table table = new Table("t", List.of(new NumericColumn("v", new double[] {1, 1, 10, NAN, 1000})));
        int[] train = {0, 1, 2, 3};
        assertThat(numbers(new PipelineStep.Impute(List.of(), ImputeStrategy.MEDIAN, "").fit(table, train,
                List.of("v"), new ArrayList<>()).apply(table), "v")[3]).isEqualTo(1);
        assertThat(numbers(new PipelineStep.Impute(List.of(), ImputeStrategy.MEAN, "").fit(table, train,
                List.of("v"), new ArrayList<>()).apply(table), "v")[3]).isEqualTo(4);
        assertThat(numbers(new PipelineStep.Impute(List.of(), ImputeStrategy.MOST_FREQUENT, "").fit(table, train,
                List.of("v"), new ArrayList<>()).apply(table), "v")[3]).isEqualTo(1);
        assertThat(numbers(new PipelineStep.Impute(List.of(), ImputeStrategy.CONSTANT, "-7").fit(table, train,
                List.of("v"), new ArrayList<>()).apply(table), "v")[3]).isEqualTo(-7);

        Table categories = fitAndApply(new PipelineStep.Impute(List.of("colour"), ImputeStrategy.MOST_FREQUENT, ""),
                new ArrayList<>());
        assertThat(categories.column("colour").text(3)).isEqualTo("red");
        assertThat(categories.column("colour").text(5)).isEqualTo("red");
        Table constant = fitAndApply(new PipelineStep.Impute(List.of("colour"), ImputeStrategy.CONSTANT, "unknown"),
                new ArrayList<>());
        assertThat(constant.column("colour").text(3)).isEqualTo("unknown");
        assertThat(constant.column("colour").text(0)).isEqualTo("red");
    }

    @Test
    void imputeExplainsWhatItCannotDo() {
        List<String> notes = new ArrayList<>();
        Table out = fitAndApply(new PipelineStep.Impute(List.of("colour"), ImputeStrategy.MEDIAN, ""), notes);
        assertThat(out.column("colour").isMissing(3)).isTrue();
        assertThat(notes).containsExactly("Impute missing: 'colour' holds categories, which have no median; it is "
                + "skipped (choose most frequent or a constant for it).");
        assertThatThrownBy(() -> new PipelineStep.Impute(List.of(), ImputeStrategy.CONSTANT, " "))
                .hasMessage("Impute with a constant needs the value to fill in, e.g. 0.");
    }

    @Test
    void dropColumnRemovesItAndDropRowsMarksRowsWithMissingValues() {
        assertThat(fitAndApply(new PipelineStep.DropColumn(List.of("y")), new ArrayList<>()).columnNames())
                .containsExactly("x", "colour", "label");
        List<String> notes = new ArrayList<>();
        new PipelineStep.DropColumn(List.of("label")).fit(table(), TRAIN, List.of("x", "y", "colour"), notes);
        assertThat(notes).containsExactly("Drop column: there is no feature column 'label' at this point.");

        FittedStep drop = new PipelineStep.DropMissingRows(List.of()).fit(table(), TRAIN, List.of("x", "y", "colour"),
                new ArrayList<>());
        boolean[] dropped = new boolean[6];
        drop.dropRows(table(), dropped);
        assertThat(dropped).containsExactly(false, false, false, true, false, true);
        boolean[] onlyColour = new boolean[6];
        new PipelineStep.DropMissingRows(List.of("colour")).fit(table(), TRAIN, List.of("x", "y", "colour"),
                new ArrayList<>()).dropRows(table(), onlyColour);
        assertThat(onlyColour).containsExactly(false, false, false, true, false, true);
    }

    @Test
    void logTransformShiftsByTheTrainingMinimumWhenItIsNegative() {
        Table out = fitAndApply(new PipelineStep.LogTransform(List.of("y")), new ArrayList<>());
        double[] y = numbers(out, "y");
        assertThat(y[0]).isEqualTo(0); // −0.5 + 0.5
        assertThat(y[2]).isCloseTo(Math.log(2.5), within(1e-12));
        assertThat(y[4]).isNaN(); // −3 + 0.5 is below −1: no logarithm, so missing
        Table positive = fitAndApply(new PipelineStep.LogTransform(List.of("x")), new ArrayList<>());
        assertThat(numbers(positive, "x")[0]).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void fittingOnTheTrainingRowsIgnoresEveryOtherRow() {
        // The same training rows with wildly different test rows: every step learns exactly the same.
        Table wild = new Table("t", List.of(
                new NumericColumn("x", new double[] {1, 2, 3, NAN, -1e9, 1e9}),
                new NumericColumn("y", new double[] {-0.5, 0, 1, 1, -1e6, 1e6}),
                new CategoricalColumn("colour", new int[] {0, 1, 0, -1, 2, 2}, List.of("red", "blue", "green")),
                new NumericColumn("label", new double[] {0, 1, 0, 1, 0, 1})));
        for (StepKind kind : StepKind.values()) {
            PipelineStep step = kind == StepKind.DROP_COLUMN ? new PipelineStep.DropColumn(List.of("y"))
                    : kind == StepKind.IMPUTE ? new PipelineStep.Impute(List.of(), ImputeStrategy.MOST_FREQUENT, "")
                    : kind.create();
            List<String> candidates = List.of("x", "y", "colour");
            assertThat(step.fit(wild, TRAIN, candidates, new ArrayList<>()))
                    .as(kind.label()).isEqualTo(step.fit(table(), TRAIN, candidates, new ArrayList<>()));
        }
    }

    @Test
    void aPipelineFitsEachStepOnWhatTheStepsBeforeLeftAndRemembersTheRawInputs() {
        Table table = table();
        List<PipelineStep> steps = List.of(new PipelineStep.Impute(List.of(), ImputeStrategy.MEAN, ""),
                new PipelineStep.Standardize(List.of()), new PipelineStep.OneHotEncode(List.of()),
                new PipelineStep.DropColumn(List.of("y")));
        FittedPipeline pipeline = FittedPipeline.fit(steps, table, "label", List.of(), TRAIN, new ArrayList<>());
        Table out = pipeline.apply(table);
        assertThat(out.columnNames()).containsExactly("x", "colour=blue", "colour=red", "label");
        // x is imputed with 2 first, so the standardizing mean is 2 and the deviation sqrt(2/4).
        assertThat(numbers(out, "x")[3]).isEqualTo(0);
        assertThat(numbers(out, "x")[0]).isCloseTo(-1 / Math.sqrt(0.5), within(1e-12));
        assertThat(pipeline.inputs()).extracting(FittedPipeline.RawInput::name).containsExactly("x", "y", "colour");
        assertThat(pipeline.inputs().get(2).categories()).containsExactly("blue", "red");
        assertThat(pipeline.keepingInputsFor(List.of("x", "colour=blue", "colour=red")).inputs())
                .extracting(FittedPipeline.RawInput::name).containsExactly("x", "colour");
    }

    @Test
    void theFittedPipelineSurvivesItsJsonForm() {
        Table titanic = CsvReader.read(java.nio.file.Path.of("samples/titanic/titanic.csv"));
        int[] train = new int[800];
        for (int i = 0; i < train.length; i++) {
            train[i] = i;
        }
        List<PipelineStep> steps = List.of(new PipelineStep.Impute(List.of("age"), ImputeStrategy.MEDIAN, ""),
                new PipelineStep.Impute(List.of("embarked"), ImputeStrategy.CONSTANT, "unknown"),
                new PipelineStep.LogTransform(List.of("fare")), new PipelineStep.MinMaxScale(List.of()),
                new PipelineStep.OneHotEncode(List.of("sex", "embarked")), new PipelineStep.DropColumn(List.of("name")),
                new PipelineStep.DropMissingRows(List.of("fare")));
        assertThat(PipelineJson.readSteps(PipelineJson.writeSteps(steps))).isEqualTo(steps);
        FittedPipeline fitted = FittedPipeline.fit(steps, titanic, "survived", List.of(), train, new ArrayList<>());
        FittedPipeline again = PipelineJson.readFitted(PipelineJson.writeFitted(fitted));
        assertThat(again.inputs()).isEqualTo(fitted.inputs());
        Table a = fitted.apply(titanic);
        Table b = again.apply(titanic);
        assertThat(b.columnNames()).isEqualTo(a.columnNames());
        for (Column column : a.columns()) {
            for (int row = 0; row < a.rowCount(); row += 37) {
                assertThat(b.column(column.name()).text(row)).isEqualTo(column.text(row));
            }
        }
    }
    @Test
    void aBigTableIsPreviewedOnASampleOfItsTrainingRowsShowingTheRealRowNumbers() {
        int n = 300_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 10 == 3 ? NAN : i % 100;
        }
        Table big = new Table("big", List.of(new NumericColumn("x", x), new NumericColumn("label", new double[n])));
        int[] train = new int[200_000];
        for (int i = 0; i < train.length; i++) {
            train[i] = i;
        }
        PipelinePreview preview = PipelinePreview.of(big, "label", List.of(),
                List.of(new PipelineStep.Impute(List.of(), ImputeStrategy.CONSTANT, "-1")), 0, train);
        assertThat(preview.summary()).startsWith("Preview fitted on a random 100,000 of the 200,000 training rows");
        assertThat(preview.rows()).contains(3);
        int at = preview.rows().indexOf(3);
        assertThat(preview.before().get(at)).containsExactly("?");
        assertThat(preview.after().get(at)).containsExactly("-1");
    }
}
