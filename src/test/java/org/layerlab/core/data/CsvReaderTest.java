package org.layerlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {

    @TempDir
    Path folder;

    @Test
    void readsTheIrisSampleWithInferredTypes() {
        Table table = CsvReader.read(Paths.get("samples/iris/iris.csv"));

        assertThat(table.rowCount()).isEqualTo(150);
        assertThat(table.columnNames()).containsExactly("sepal_length", "sepal_width", "petal_length",
                "petal_width", "species");
        assertThat(table.column("sepal_length").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(table.column("species").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(((NumericColumn) table.column("sepal_length")).value(0)).isEqualTo(5.1);
        assertThat(table.column("species").text(149)).isEqualTo("virginica");
    }

    @Test
    void readsTitanicWithQuotedCommasAndMissingValues() {
        Table table = CsvReader.read(Paths.get("samples/titanic/titanic.csv"));

        assertThat(table.rowCount()).isEqualTo(1309);
        assertThat(table.columnCount()).isEqualTo(14);
        assertThat(table.column("name").text(0)).isEqualTo("Allen, Miss. Elisabeth Walton");
        assertThat(table.column("age").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(table.column("age").missingCount()).isEqualTo(263);
        assertThat(table.column("ticket").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(table.column("cabin").missingCount()).isEqualTo(1014);
    }

    @Test
    void handlesQuotesLineBreaksInsideQuotesAndDoubledQuotes() {
        Table table = CsvReader.parse("t.csv", "a,b\n\"x, y\",1\n\"say \"\"hi\"\"\nthere\",2\r\n");

        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.column("a").text(0)).isEqualTo("x, y");
        assertThat(table.column("a").text(1)).isEqualTo("say \"hi\"\nthere");
        assertThat(table.column("b").type()).isEqualTo(ColumnType.NUMERIC);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> delimitedFiles() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("t.csv", "a;b;c\n1;2;x\n3;4;y\n"),
                org.junit.jupiter.params.provider.Arguments.of("t.tsv", "a\tb\tc\n1\t2\tx\n3\t4\ty\n"),
                org.junit.jupiter.params.provider.Arguments.of("t.txt", "a|b|c\n1|2|x\n3|4|y\n"),
                org.junit.jupiter.params.provider.Arguments.of("t.csv", "a,b,c\n1,2,x\n3,4,y\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.MethodSource("delimitedFiles")
    void detectsTheDelimiter(String name, String text) {
        Table table = CsvReader.parse(name, text);

        assertThat(table.columnNames()).containsExactly("a", "b", "c");
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @ParameterizedTest(name = "''{0}'' is missing")
    @CsvSource(delimiter = '|', value = {"''", "?", "NA", "NaN", "n/a", "null"})
    void recognisesMissingMarkers(String marker) {
        Table table = CsvReader.parse("t.csv", "x,y\n1,a\n" + marker + ",b\n3,c\n");

        assertThat(table.column("x").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(table.column("x").isMissing(1)).isTrue();
        assertThat(table.column("x").missingCount()).isEqualTo(1);
    }

    @Test
    void stripsAUtf8ByteOrderMarkAndFallsBackToLatin1() throws IOException {
        Path bom = folder.resolve("bom.csv");
        Files.write(bom, ("\uFEFFcity,n\nZürich,1\n").getBytes(StandardCharsets.UTF_8));
        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, "city,n\nZürich,1\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(CsvReader.read(bom).columnNames()).containsExactly("city", "n");
        assertThat(CsvReader.read(bom).column("city").text(0)).isEqualTo("Zürich");
        assertThat(CsvReader.read(latin1).column("city").text(0)).isEqualTo("Zürich");
    }

    @Test
    void refusesJavaOnlyNumberForms() {
        assertThat(CsvReader.parseNumber("1.5e3")).isEqualTo(1500);
        assertThat(CsvReader.parseNumber("-.5")).isEqualTo(-0.5);
        assertThat(CsvReader.parseNumber("1d")).isNaN();
        assertThat(CsvReader.parseNumber("Infinity")).isNaN();
        assertThat(CsvReader.parseNumber("0x10")).isNaN();
        assertThat(CsvReader.parseNumber("1e")).isNaN();
    }

    @Test
    void namesColumnsWhenTheFirstLineIsData() {
        Table table = CsvReader.parse("t.csv", "1,2\n3,4\n");

        assertThat(table.columnNames()).containsExactly("column 1", "column 2");
        assertThat(table.rowCount()).isEqualTo(2);
    }

    @Test
    void emptyFileSaysSo() throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.csv"));

        assertThatThrownBy(() -> CsvReader.read(empty)).isInstanceOf(DataProblem.class)
                .hasMessageContaining("'empty.csv' is empty");
    }

    @Test
    void headerOnlySaysThereAreNoRows() {
        assertThatThrownBy(() -> CsvReader.parse("h.csv", "a,b,c\n")).isInstanceOf(DataProblem.class)
                .hasMessageContaining("header line but no rows");
    }

    @Test
    void raggedRowNamesTheLine() {
        assertThatThrownBy(() -> CsvReader.parse("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n"))
                .isInstanceOf(DataProblem.class)
                .hasMessageContaining("Line 3")
                .hasMessageContaining("has 2 values but the header has 3 columns");
    }

    @Test
    void aWordInANumericColumnNamesRowAndColumn() {
        StringBuilder text = new StringBuilder("height,label\n");
        for (int i = 0; i < 30; i++) {
            text.append(i == 17 ? "abc" : String.valueOf(150 + i)).append(",x\n");
        }

        assertThatThrownBy(() -> CsvReader.parse("h.csv", text.toString()))
                .isInstanceOf(DataProblem.class)
                .hasMessageContaining("Column 'height'")
                .hasMessageContaining("line 19")
                .hasMessageContaining("'abc'")
                .hasMessageContaining("not a number");
    }

    @Test
    void aBinaryFileIsNotText() throws IOException {
        Path png = folder.resolve("picture.csv");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});

        assertThatThrownBy(() -> CsvReader.read(png)).isInstanceOf(DataProblem.class)
                .hasMessageContaining("not a text table");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> CsvReader.read(folder.resolve("nope.csv"))).isInstanceOf(DataProblem.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnclosedQuoteNamesItsLine() {
        assertThatThrownBy(() -> CsvReader.parse("q.csv", "a,b\n1,\"open\n2,3\n"))
                .isInstanceOf(DataProblem.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("never closed");
    }

    /** Texts whose records straddle the reader's window in every possible way once the window is small enough. */
    static java.util.stream.Stream<String> trickyTexts() {
        return java.util.stream.Stream.of(
                "a,b\n\"x, y\",1\n\"say \"\"hi\"\"\nthere\",2\r\n",
                "a;b;c\r\n1;2;x\r\n3;4;y",
                "x,y,label\n1.5,?,a\n\n2,NA,b\n3,4,\n",
                "1,2,3\n4,5,6\n",
                "name,text\n\"  padded\" trailing,\"multi\nline\nvalue with \"\"quotes\"\"\"\nplain,   \"spaced\"\n",
                "\uFEFFé,ü\n1,ß\n2,ñ\n");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("trickyTexts")
    void aRecordSplitAcrossTheReadersWindowParsesAsIfWhole(String text) {
        Table whole = CsvReader.parse("t.csv", text);
        for (int window : new int[] {2, 3, 4, 5, 7, 11, 16, 64}) {
            Table windowed = CsvReader.parse("t.csv", text, window);
            assertThat(windowed.columnNames()).as("window %d", window).isEqualTo(whole.columnNames());
            assertThat(windowed.rowCount()).as("window %d", window).isEqualTo(whole.rowCount());
            for (String column : whole.columnNames()) {
                assertThat(windowed.column(column).type()).isEqualTo(whole.column(column).type());
                for (int row = 0; row < whole.rowCount(); row++) {
                    assertThat(windowed.column(column).text(row)).as("window %d, %s row %d", window, column, row)
                            .isEqualTo(whole.column(column).text(row));
                }
            }
        }
    }

    @Test
    void problemsNameTheSameLineWhateverTheWindow() {
        for (int window : new int[] {2, 3, 5, 8, 64}) {
            assertThatThrownBy(() -> CsvReader.parse("q.csv", "a,b\n1,2\n3,\"open\n4,5\n", window))
                    .hasMessageContaining("line 3").hasMessageContaining("never closed");
            assertThatThrownBy(() -> CsvReader.parse("r.csv", "a,b\n1,2\n\"x\ny\",2\n3\n", window))
                    .hasMessageContaining("Line 5").hasMessageContaining("has 1 value");
        }
    }

    @Test
    void aLargeFileIsReadInWindowsWithoutHoldingItWhole() throws IOException {
        Path file = folder.resolve("big.csv");
        StringBuilder csv = new StringBuilder("id,value,group\n");
        for (int row = 0; row < 200_000; row++) {
            csv.append(row).append(',').append(row * 0.5).append(',').append(row % 3 == 0 ? "a" : "b").append('\n');
        }
        java.nio.file.Files.writeString(file, csv);
        Table table = CsvReader.read(file); // 4.4 MB: several windows of CsvReader.WINDOW_CHARS
        assertThat(table.rowCount()).isEqualTo(200_000);
        assertThat(table.column("value").text(199_999)).isEqualTo("99999.5");
        assertThat(table.column("group").text(199_998)).isEqualTo("a");
        assertThat(table.column("group").text(199_999)).isEqualTo("b");
    }
}
