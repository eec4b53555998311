package org.layerlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArffReaderTest {

    @TempDir
    Path folder;

    @Test
    void readsWekasIrisWithDeclaredTypesAndClassOrder() throws IOException {
        Path file = folder.resolve("iris.arff");
        try (InputStream in = getClass().getResourceAsStream("/arff/iris.arff")) {
            Files.copy(in, file);
        }

        Table table = TableReader.read(file);

        assertThat(table.rowCount()).isEqualTo(150);
        assertThat(table.columnNames()).containsExactly("sepallength", "sepalwidth", "petallength", "petalwidth",
                "class");
        assertThat(table.column("sepallength").type()).isEqualTo(ColumnType.NUMERIC);
        CategoricalColumn label = (CategoricalColumn) table.column("class");
        assertThat(label.levels()).containsExactly("Iris-setosa", "Iris-versicolor", "Iris-virginica");
        assertThat(LabelGuesser.guess(table)).contains("class");
    }

    @Test
    void readsQuotedNamesAndValuesMissingMarksCommentsAndSparseRows() {
        String arff = """
                % a comment
                @RELATION test
                @ATTRIBUTE 'body mass' REAL
                @attribute colour {red, 'dark blue', green}
                @attribute note string
                @data
                1.5, red, 'hello, world'
                ?, 'dark blue', ?
                % another comment
                {0 2.5, 1 green}
                """;

        Table table = ArffReader.parse("t.arff", arff);

        assertThat(table.rowCount()).isEqualTo(3);
        assertThat(table.column("body mass").isMissing(1)).isTrue();
        assertThat(table.column("body mass").text(2)).isEqualTo("2.5");
        assertThat(table.column("colour").text(1)).isEqualTo("dark blue");
        assertThat(table.column("colour").text(2)).isEqualTo("green");
        assertThat(table.column("note").text(0)).isEqualTo("hello, world");
        assertThat(table.column("note").isMissing(1)).isTrue();
    }

    @Test
    void badFilesSayWhatIsWrong() {
        assertThatThrownBy(() -> ArffReader.parse("a.arff", "@relation x\n@attribute a numeric\n@data\n1,2\n"))
                .isInstanceOf(DataProblem.class).hasMessageContaining("Line 4").hasMessageContaining("2 values but 1");
        assertThatThrownBy(() -> ArffReader.parse("b.arff", "@relation x\n@attribute c {a,b}\n@data\nz\n"))
                .isInstanceOf(DataProblem.class).hasMessageContaining("'z'").hasMessageContaining("{a, b}");
        assertThatThrownBy(() -> ArffReader.parse("c.arff", "@relation x\n@attribute n numeric\n@data\nabc\n"))
                .isInstanceOf(DataProblem.class).hasMessageContaining("numeric").hasMessageContaining("'abc'");
        assertThatThrownBy(() -> ArffReader.parse("d.arff", "hello\n"))
                .isInstanceOf(DataProblem.class).hasMessageContaining("not a valid ARFF header line");
        assertThatThrownBy(() -> ArffReader.parse("e.arff", "@relation x\n@attribute n numeric\n"))
                .isInstanceOf(DataProblem.class).hasMessageContaining("no @data");
    }
}
