package org.layerlab.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.LabelEncoding;
import org.layerlab.core.data.Table;
import org.layerlab.core.preprocess.EncodedSet;
import org.layerlab.core.preprocess.ExampleSet;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.train.TrainedModel;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
    /** x decides the label; noise and colour are random. */
    private static final Table TABLE = table();

    @Test
    void onlyTheColumnThatDecidesTheLabelMatters() {
        LabelEncoding labels = LabelEncoding.of(TABLE, "label");
        FeatureEncoder encoder = encoder();
        int big = labels.classNames().indexOf("big");
        int small = labels.classNames().indexOf("small");
        FeatureEncoder.NumericFeature x = (FeatureEncoder.NumericFeature) encoder.features().get(0);
        float threshold = (float) ((0 - x.shift()) / x.scale());
        // Reads only the first input (x): right on every row.
        TrainedModel model = model(encoder.width(), labels.classNames().size(), set -> row ->
                set.feature(row, 0) > threshold ? big : small);

        PermutationImportance importance = PermutationImportance.of(TABLE, encoder, rows(100),
                labels.classOfRow(), model, 5, 42);

        assertThat(importance.baseline()).isEqualTo(1.0);
        assertThat(importance.entries().get(0).column()).isEqualTo("x");
        assertThat(importance.entries().get(0).drop()).isBetween(0.3, 0.7);
        assertThat(importance.entries()).filteredOn(entry -> !entry.column().equals("x"))
                .extracting(PermutationImportance.Entry::drop).containsOnly(0.0);
        assertThat(importance.entries()).extracting(PermutationImportance.Entry::column)
                .containsExactlyInAnyOrder("x", "noise", "colour");
    }

    @Test
    void aCategoryIsShuffledAsAWholeAndTheSameSeedGivesTheSameAnswer() {
        LabelEncoding labels = LabelEncoding.of(TABLE, "label");
        FeatureEncoder encoder = encoder();
        // Reads only the colour's one-hot group: "big" for red.
        int colourOffset = 0;
        for (FeatureEncoder.Feature feature : encoder.features()) {
            if (feature.column().equals("colour")) {
                break;
            }
            colourOffset += feature.width();
        }
        int red = colourOffset + ((FeatureEncoder.OneHotFeature) encoder.features().stream()
                .filter(f -> f.column().equals("colour")).findFirst().orElseThrow()).categories().indexOf("red");
        int big = labels.classNames().indexOf("big");
        int small = labels.classNames().indexOf("small");
        TrainedModel model = model(encoder.width(), 2, set -> row -> set.feature(row, red) > 0.5f ? big : small);

        int[] colourRows = java.util.stream.IntStream.range(100, 200).toArray();
        PermutationImportance first = PermutationImportance.of(TABLE, encoder, colourRows, labels.classOfRow(), model,
                3, 7);
        PermutationImportance again = PermutationImportance.of(TABLE, encoder, colourRows, labels.classOfRow(), model,
                3, 7);

        assertThat(first.entries().get(0).column()).isEqualTo("colour");
        assertThat(first.baseline()).isEqualTo(1.0);
        assertThat(first.entries().get(0).drop()).isGreaterThan(0.2);
        assertThat(first.entries()).filteredOn(entry -> !entry.column().equals("colour"))
                .extracting(PermutationImportance.Entry::drop).containsOnly(0.0);
        assertThat(first).isEqualTo(again);
    }

    @Test
    void forRegressionTheErrorAddedByShufflingTheColumnThatDecidesTheValueIsItsImportance() {
        // y = 10·x on the first 100 rows; noise and colour say nothing about it.
        int[] rows = rows(100);
        double[] actual = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            actual[i] = 10 * ((org.layerlab.core.data.NumericColumn) TABLE.column("x")).value(rows[i]);
        }
        FeatureEncoder encoder = encoder();
        FeatureEncoder.NumericFeature x = (FeatureEncoder.NumericFeature) encoder.features().get(0);
        // The model outputs the standardized x; restoring it to the label's units gives 10·x exactly.
        TrainedModel model = new TrainedModel() {
            @Override
            public float[][] predictProbabilities(ExampleSet rows) {
                EncodedSet data = (EncodedSet) rows;
                float[][] out = new float[data.rows()][1];
                for (int row = 0; row < data.rows(); row++) {
                    out[row][0] = data.feature(row, 0);
                }
                return out;
            }

            @Override
            public void save(Path file) {
                throw new UnsupportedOperationException();
            }
        };

        PermutationImportance importance = PermutationImportance.ofRegression(TABLE, encoder, rows, actual, model,
                value -> 10 * (value * x.scale() + x.shift()), 5, 42);

        assertThat(importance.measure()).isEqualTo(PermutationImportance.Measure.MEAN_ABSOLUTE_ERROR);
        assertThat(importance.baseline()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(importance.entries().get(0).column()).isEqualTo("x");
        // Shuffled, x is as far off as two independent draws: about 10 · 2/√π ≈ 11 on average.
        assertThat(importance.entries().get(0).drop()).isBetween(5.0, 20.0);
        assertThat(importance.entries()).filteredOn(entry -> !entry.column().equals("x"))
                .extracting(PermutationImportance.Entry::drop)
                .allSatisfy(drop -> assertThat(drop).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-4)));
    }

    @Test
    void atLeastOneRepeat() {
        assertThatThrownBy(() -> PermutationImportance.of(TABLE, encoder(), rows(3),
                LabelEncoding.of(TABLE, "label").classOfRow(), null, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least once");
    }

    private static FeatureEncoder encoder() {
        return FeatureEncoder.fit(TABLE, "label", Preprocessing.defaults(), rows(TABLE.rowCount()), new ArrayList<>());
    }

    private static int[] rows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static TrainedModel model(int width, int classes,
                                      java.util.function.Function<EncodedSet, IntUnaryOperator> rule) {
        return new TrainedModel() {
            @Override
            public float[][] predictProbabilities(ExampleSet rows) {
                EncodedSet data = (EncodedSet) rows;
                assertThat(data.columns()).isEqualTo(width);
                IntUnaryOperator classOf = rule.apply(data);
                float[][] out = new float[data.rows()][classes];
                for (int row = 0; row < data.rows(); row++) {
                    out[row][classOf.applyAsInt(row)] = 1f;
                }
                return out;
            }

            @Override
            public void save(Path file) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Table table() {
        StringBuilder csv = new StringBuilder("x,noise,colour,label\n");
        java.util.Random random = new java.util.Random(3);
        String[] colours = {"red", "green", "blue"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double x = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            boolean big = i < 100 ? x > 0 : colour.equals("red");
            // The first 100 rows follow x, the rest follow the colour; each test uses its own rows.
            lines.add(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%s", x, random.nextGaussian(), colour,
                    big ? "big" : "small"));
        }
        lines.forEach(line -> csv.append(line).append('\n'));
        return CsvReader.parse("importance.csv", csv.toString());
    }
}
