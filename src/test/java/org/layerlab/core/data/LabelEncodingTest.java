package org.layerlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class LabelEncodingTest {

    @Test
    void guessesTelltaleNamesFirstThenTheLastUsableColumn() {
        assertThat(LabelGuesser.guess(CsvReader.read(Paths.get("samples/iris/iris.csv")))).contains("species");
        assertThat(LabelGuesser.guess(CsvReader.read(Paths.get("samples/titanic/titanic.csv")))).contains("survived");
        assertThat(LabelGuesser.guess(CsvReader.read(Paths.get("samples/digits8x8/digits.csv")))).contains("digit");
        assertThat(LabelGuesser.guess(CsvReader.parse("t.csv", "a,b,kind\n1,2,x\n3,4,y\n"))).contains("kind");
    }

    @Test
    void numericLabelsAreOrderedNumerically() {
        Table table = CsvReader.parse("t.csv", "x,y\n1,10\n2,2\n3,1\n4,2\n");

        LabelEncoding labels = LabelEncoding.of(table, "y");

        assertThat(labels.classNames()).containsExactly("1", "2", "10");
        assertThat(labels.classOfRow()).containsExactly(2, 1, 0, 1);
        assertThat(labels.classCounts()).containsExactly(1, 2, 1);
    }

    @Test
    void aLabelWithOneClassIsRefusedWithAdvice() {
        Table table = CsvReader.parse("t.csv", "x,y\n1,a\n2,a\n3,a\n");

        assertThatThrownBy(() -> LabelEncoding.of(table, "y")).isInstanceOf(DataProblem.class)
                .hasMessageContaining("only one class ('a')")
                .hasMessageContaining("at least two classes");
    }

    @Test
    void anUnknownColumnListsTheColumnsThereAre() {
        Table table = CsvReader.parse("t.csv", "x,y\n1,a\n2,b\n");

        assertThatThrownBy(() -> LabelEncoding.of(table, "z")).isInstanceOf(DataProblem.class)
                .hasMessageContaining("no column called 'z'")
                .hasMessageContaining("x, y");
    }
}
