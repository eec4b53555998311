package org.layerlab.core.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.core.data.CategoricalColumn;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.NumericColumn;
import org.layerlab.core.data.Table;
import org.layerlab.core.explore.ColumnSummary.CategoryCount;

/** Summaries, bins and scatter samples, worked out by hand or checked against the data's own counts. */
class ExploreTest {
    private static final double NAN = Double.NaN;

    @Test
    void aNumberColumnIsSummarizedByRangeMeanAndSpread() {
        ColumnSummary summary = ColumnSummary.of(new NumericColumn("x", new double[] {1, 2, 3, 4, NAN, 2}));
        assertThat(summary.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(summary.missing()).isEqualTo(1);
        assertThat(summary.min()).isEqualTo(1);
        assertThat(summary.max()).isEqualTo(4);
        assertThat(summary.mean()).isEqualTo(2.4);
        assertThat(summary.std()).isCloseTo(Math.sqrt(1.04), within(1e-12));
        assertThat(summary.distinct()).isEqualTo(4);
        assertThat(summary.lines()).containsExactly("x · number · 6 rows · 1 missing (16.7%)",
                "min 1 · max 4 · mean 2.400 · std 1.020 · 4 distinct values");
    }

    @Test
    void aCategoryColumnIsSummarizedByItsMostFrequentValues() {
        CategoricalColumn colour = new CategoricalColumn("colour", new int[] {0, 1, 1, -1, 2, 1, 0},
                List.of("red", "blue", "green"));
        ColumnSummary summary = ColumnSummary.of(colour);
        assertThat(summary.distinct()).isEqualTo(3);
        assertThat(summary.topCategories()).containsExactly(new CategoryCount("blue", 3), new CategoryCount("red", 2),
                new CategoryCount("green", 1));
        assertThat(summary.lines().get(1)).isEqualTo("3 distinct values: blue (3), red (2), green (1)");
        CategoryCounts two = CategoryCounts.of(colour, 2);
        assertThat(two.shown()).hasSize(2);
        assertThat(two.other()).isEqualTo(1);
        assertThat(two.missing()).isEqualTo(1);
    }

    @Test
    void aHistogramCountsEveryValueOnceAndWholeNumbersGetABinEach() {
        Table titanic = CsvReader.read(Path.of("samples/titanic/titanic.csv"));
        NumericColumn age = (NumericColumn) titanic.column("age");
        Histogram ages = Histogram.of(age);
        assertThat(Arrays.stream(ages.counts()).sum() + ages.missing()).isEqualTo(titanic.rowCount());
        assertThat(ages.missing()).isEqualTo(age.missingCount());
        assertThat(ages.binCount()).isBetween(5, Histogram.MAX_BINS);
        assertThat(ages.edges()[0]).isEqualTo(0.1667, within(1e-3));

        Histogram classes = Histogram.of((NumericColumn) titanic.column("pclass"));
        assertThat(classes.counts()).containsExactly(323, 277, 709);
        assertThat(classes.edges()).containsExactly(0.5, 1.5, 2.5, 3.5);
        assertThat(Histogram.of(new NumericColumn("c", new double[] {5, 5, NAN})).counts()).containsExactly(2);
    }

    @Test
    void aScatterSampleKeepsAtMostTheLimitGroupedByClassAndRepeatably() {
        int n = 50_000;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 7 == 0 ? NAN : 2 * i;
            group[i] = i % 3;
        }
        Table table = new Table("big", List.of(new NumericColumn("x", x), new NumericColumn("y", y),
                new CategoricalColumn("g", group, List.of("a", "b", "c"))));
        ScatterSample sample = ScatterSample.of(table, "x", "y", "g", ScatterSample.MAX_POINTS, 1);
        assertThat(sample.available()).isEqualTo(n - (n + 6) / 7);
        assertThat(sample.shown()).isEqualTo(ScatterSample.MAX_POINTS);
        assertThat(sample.sampled()).isTrue();
        assertThat(sample.groups().keySet()).containsExactlyInAnyOrder("a", "b", "c");
        int total = sample.groups().values().stream().mapToInt(points -> points.length).sum();
        assertThat(total).isEqualTo(ScatterSample.MAX_POINTS);
        for (double[][] points : sample.groups().values()) {
            for (double[] point : points) {
                assertThat(point[1]).isEqualTo(2 * point[0]);
            }
        }
        assertThat(ScatterSample.of(table, "x", "y", "g", ScatterSample.MAX_POINTS, 1).groups().get("a"))
                .isDeepEqualTo(sample.groups().get("a"));
        ScatterSample small = ScatterSample.of(table, "x", "y", null, 100_000, 1);
        assertThat(small.sampled()).isFalse();
        assertThat(small.groups()).containsOnlyKeys("rows");
    }

    @Test
    void everyPlotOfATableListsTheClassesInTheSameOrderSoEachClassKeepsItsColour() {
        // Rows 0-1 are class "late" with no x: the x/y plot has no point of it, the y/z plot has.
        Table table = new Table("t", List.of(new NumericColumn("x", new double[] {NAN, NAN, 1, 2, 3}),
                new NumericColumn("y", new double[] {1, 2, 3, 4, 5}), new NumericColumn("z", new double[] {5, 4, 3, 2, 1}),
                new CategoricalColumn("g", new int[] {2, 2, 0, 1, 0}, List.of("a", "b", "late"))));

        ScatterSample withoutLate = ScatterSample.of(table, "x", "y", "g", 100, 1);
        ScatterSample withLate = ScatterSample.of(table, "y", "z", "g", 100, 1);

        assertThat(ScatterSample.classOrder(table, "g")).containsExactly("late", "a", "b");
        assertThat(withoutLate.groups().keySet()).containsExactly("late", "a", "b");
        assertThat(withLate.groups().keySet()).containsExactly("late", "a", "b");
        assertThat(withoutLate.groups().get("late")).isEmpty();
        assertThat(withLate.groups().get("late")).hasDimensions(2, 2);
    }

    @Test
    void theScatterMatrixTakesUpToEightNumberColumnsWithoutTheLabel() {
        Table digits = CsvReader.read(Path.of("samples/digits8x8/digits.csv"));
        assertThat(ScatterSample.matrixColumns(digits, "digit", 8)).hasSize(8).doesNotContain("digit");
        Table iris = CsvReader.read(Path.of("samples/iris/iris.csv"));
        assertThat(ScatterSample.matrixColumns(iris, "species", 8)).hasSize(4);
    }
}
