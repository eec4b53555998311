package org.layerlab.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.Table;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    @Test
    void standardizesWithTrainingStatisticsOnly() {
        // Rows 0-3 are training rows (mean 2.5), row 4 is a test row with an extreme value.
        Table table = CsvReader.parse("t.csv", "x,y\n1,a\n2,b\n3,a\n4,b\n1000,a\n");
        int[] train = {0, 1, 2, 3};

        FeatureEncoder encoder = FeatureEncoder.fit(table, "y", Preprocessing.defaults(), train, new ArrayList<>());
        FeatureEncoder.NumericFeature x = (FeatureEncoder.NumericFeature) encoder.features().get(0);

        assertThat(x.shift()).isEqualTo(2.5);
        assertThat(x.scale()).isCloseTo(Math.sqrt(1.25), offset(1e-12));
        EncodedSet encodedTrain = encoder.encode(table, train, new int[] {0, 1, 0, 1, 0});
        double mean = 0;
        for (int row = 0; row < 4; row++) {
            mean += encodedTrain.feature(row, 0);
        }
        assertThat(mean / 4).isCloseTo(0, offset(1e-6));
        EncodedSet test = encoder.encode(table, new int[] {4}, new int[] {0, 1, 0, 1, 0});
        assertThat(test.feature(0, 0)).isCloseTo((float) ((1000 - 2.5) / Math.sqrt(1.25)), offset(1e-2f));
    }

    @Test
    void fillsMissingNumbersWithTheTrainingMeanAndSaysSo() {
        Table table = CsvReader.parse("t.csv", "x,y\n2,a\n,b\n4,a\n");
        List<String> notes = new ArrayList<>();

        FeatureEncoder encoder = FeatureEncoder.fit(table, "y", Preprocessing.defaults(), new int[] {0, 1, 2}, notes);
        EncodedSet set = encoder.encode(table, new int[] {1}, new int[] {0, 1, 0});

        assertThat(set.feature(0, 0)).isEqualTo(0f);
        assertThat(notes).anyMatch(note -> note.contains("'x'") && note.contains("filled with the average"));
    }

    @Test
    void oneHotEncodesCategoriesSeenInTraining() {
        Table table = CsvReader.parse("t.csv", "colour,y\nred,a\nblue,b\nred,a\ngreen,b\n");

        FeatureEncoder encoder = FeatureEncoder.fit(table, "y", Preprocessing.defaults(), new int[] {0, 1, 2},
                new ArrayList<>());
        EncodedSet set = encoder.encode(table, new int[] {0, 1, 3}, new int[] {0, 1, 0, 1});

        assertThat(encoder.inputNames()).containsExactly("colour=blue", "colour=red");
        assertThat(new float[] {set.feature(0, 0), set.feature(0, 1)}).containsExactly(0f, 1f);
        assertThat(new float[] {set.feature(1, 0), set.feature(1, 1)}).containsExactly(1f, 0f);
        // "green" never appeared in training: all zeros, not an error.
        assertThat(new float[] {set.feature(2, 0), set.feature(2, 1)}).containsExactly(0f, 0f);
        assertThat(set.labels()).containsExactly(0, 1, 1);
    }

    @Test
    void leavesOutExcludedColumnsAndFreeText() {
        Table table = CsvReader.read(Paths.get("samples/titanic/titanic.csv"));
        int[] all = java.util.stream.IntStream.range(0, table.rowCount()).toArray();
        List<String> notes = new ArrayList<>();

        FeatureEncoder encoder = FeatureEncoder.fit(table, "survived",
                new Preprocessing(true, List.of("boat", "body")), all, notes);

        List<String> columns = encoder.features().stream().map(FeatureEncoder.Feature::column).toList();
        assertThat(columns).doesNotContain("survived", "boat", "body", "name", "ticket")
                .contains("pclass", "sex", "age", "fare", "embarked");
        assertThat(notes).anyMatch(note -> note.contains("'name'") && note.contains("different text values"));
    }

    @Test
    void noFeatureLeftIsAProblem() {
        Table table = CsvReader.parse("t.csv", "x,y\n1,a\n2,b\n");

        assertThatThrownBy(() -> FeatureEncoder.fit(table, "y", new Preprocessing(true, List.of("x")),
                new int[] {0, 1}, new ArrayList<>())).isInstanceOf(DataProblem.class)
                .hasMessageContaining("No column is left");
    }
}
