package org.layerlab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads delimited text (CSV, TSV, semicolon- or pipe-separated) into a {@link Table}.
 *
 * <p>Handles RFC 4180 quoting (quoted delimiters, doubled quotes, line breaks inside quotes), UTF-8 with
 * or without a byte-order mark (falling back to Latin-1 for files saved by older spreadsheets), and the
 * usual missing-value markers. Column types are inferred: a column is numeric when every non-missing
 * cell is a number. A column that is numeric except for a handful of cells is almost always a typo, so it
 * is reported with the row and column rather than silently turned into categories.
 */
public final class CsvReader {

    /** Cells that mean "no value here". Compared case-insensitively after trimming. */
    public static final Set<String> MISSING_MARKERS = Set.of("", "?", "na", "n/a", "nan", "null", "none", "-");

    private static final char[] CANDIDATE_DELIMITERS = {',', '\t', ';', '|'};
    private static final int SNIFF_BYTES = 64 * 1024;

    private CsvReader() {
    }

    /** Reads a file, detecting its encoding and delimiter. */
    public static Table read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new DataProblem("'" + file + "' is a folder, not a data file. Choose a .csv or .tsv file.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataProblem("The file '" + file + "' does not exist. Check the path, or choose the file again.");
        } catch (IOException e) {
            throw new DataProblem("LayerLab could not read '" + file + "': " + e.getMessage()
                    + ". Check that the file is not open in another program and that you may read it.", e);
        }
        return parse(name, decode(name, bytes));
    }

    /** Parses text that has already been decoded, e.g. pasted by the user or built in a test. */
    public static Table parse(String sourceName, String text) {
        if (text.isBlank()) {
            throw new DataProblem("'" + sourceName + "' is empty. A data file needs a header line with column "
                    + "names and at least one row of data.");
        }
        char delimiter = sniffDelimiter(sourceName, text);
        try (Reader reader = new StringReader(text)) {
            return new Parser(sourceName, reader, delimiter).run();
        } catch (IOException e) {
            throw new DataProblem("LayerLab could not read '" + sourceName + "': " + e.getMessage(), e);
        }
    }

    static String decode(String name, byte[] bytes) {
        int sniff = Math.min(bytes.length, SNIFF_BYTES);
        int controlChars = 0;
        for (int i = 0; i < sniff; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                throw notText(name);
            }
            if (b < 0x09 || (b > 0x0d && b < 0x20)) {
                controlChars++;
            }
        }
        if (sniff > 0 && controlChars * 20 > sniff) {
            throw notText(name);
        }
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            // Spreadsheets on older systems save CSV in a Western single-byte encoding; Latin-1 reads every byte.
            return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        }
    }

    private static DataProblem notText(String name) {
        return new DataProblem("'" + name + "' is not a text table (it contains binary data). LayerLab reads "
                + "CSV and TSV files: in a spreadsheet program use \"Save as\" and choose CSV.");
    }

    private static char sniffDelimiter(String sourceName, String text) {
        String lower = sourceName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
            return '\t';
        }
        int end = text.indexOf('\n');
        String firstLine = end < 0 ? text : text.substring(0, end);
        char best = ',';
        int bestCount = 0;
        for (char candidate : CANDIDATE_DELIMITERS) {
            int count = countOutsideQuotes(firstLine, candidate);
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char c) {
        boolean quoted = false;
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                count++;
            }
        }
        return count;
    }

    static boolean isMissing(String cell) {
        return cell.length() <= 4 && MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a plain decimal number (optionally signed, with fraction and exponent). Unlike
     * {@link Double#parseDouble} it refuses Java-only forms such as "1d", "0x1p3" or "Infinity".
     *
     * @return the value, or NaN when the text is not a plain number
     */
    static double parseNumber(String s) {
        int n = s.length();
        if (n == 0) {
            return Double.NaN;
        }
        int i = 0;
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            i++;
        }
        boolean digits = false;
        boolean dot = false;
        for (; i < n; i++) {
            c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        if (i < n) {
            c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return Double.NaN;
            }
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expStart = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == expStart || i != n) {
                return Double.NaN;
            }
        }
        return Double.parseDouble(s);
    }

    /** One pass over the records; builds columns as it goes. */
    private static final class Parser {
        private final String source;
        private final Reader reader;
        private final char delimiter;
        private final char[] buffer = new char[1 << 16];
        private int length;
        private int position;
        private int line = 1;
        private final StringBuilder cell = new StringBuilder();

        Parser(String source, Reader reader, char delimiter) {
            this.source = source;
            this.reader = reader;
            this.delimiter = delimiter;
        }

        Table run() throws IOException {
            List<String> header = new ArrayList<>();
            int headerLine = line;
            if (!readRecord(header)) {
                throw new DataProblem("'" + source + "' is empty. A data file needs a header line with column "
                        + "names and at least one row of data.");
            }
            boolean headerIsData = header.stream().allMatch(h -> !isMissing(h.trim())
                    && !Double.isNaN(parseNumber(h.trim())));
            List<String> names = headerIsData ? defaultNames(header.size()) : columnNames(header);
            List<ColumnBuilder> builders = new ArrayList<>();
            for (String name : names) {
                builders.add(new ColumnBuilder(name));
            }
            if (headerIsData) {
                addRow(builders, header, headerLine);
            }
            List<String> record = new ArrayList<>();
            while (true) {
                record.clear();
                int recordLine = line;
                if (!readRecord(record)) {
                    break;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // blank line
                }
                if (record.size() != builders.size()) {
                    throw new DataProblem("Line " + recordLine + " of '" + source + "' has " + record.size()
                            + (record.size() == 1 ? " value" : " values") + " but the header has " + builders.size()
                            + " columns (" + describeDelimiter() + "). Every row needs one value per column: "
                            + "fix that line in a text editor or spreadsheet, or leave a cell empty for a missing value.");
                }
                addRow(builders, record, recordLine);
            }
            if (builders.get(0).rows() == 0) {
                throw new DataProblem("'" + source + "' has a header line but no rows of data. Add at least one row "
                        + "below the column names.");
            }
            List<Column> columns = new ArrayList<>(builders.size());
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build(source));
            }
            return new Table(source, columns);
        }

        private String describeDelimiter() {
            return switch (delimiter) {
                case '\t' -> "separated by tabs";
                case ';' -> "separated by semicolons";
                case '|' -> "separated by '|'";
                default -> "separated by commas";
            };
        }

        private static void addRow(List<ColumnBuilder> builders, List<String> record, int recordLine) {
            for (int c = 0; c < builders.size(); c++) {
                builders.get(c).add(record.get(c), recordLine);
            }
        }

        private static List<String> defaultNames(int count) {
            List<String> names = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                names.add("column " + i);
            }
            return names;
        }

        private static List<String> columnNames(List<String> header) {
            List<String> names = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim();
                if (name.isEmpty()) {
                    name = "column " + (i + 1);
                }
                String unique = name;
                for (int k = 2; names.contains(unique); k++) {
                    unique = name + " (" + k + ")";
                }
                names.add(unique);
            }
            return names;
        }

        private int next() throws IOException {
            if (position == length) {
                length = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (length <= 0) {
                    length = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private int peek() throws IOException {
            int c = next();
            if (c >= 0) {
                position--;
            }
            return c;
        }

        /** Reads one record into {@code out}; false at end of input. */
        private boolean readRecord(List<String> out) throws IOException {
            int c = next();
            if (c < 0) {
                return false;
            }
            cell.setLength(0);
            boolean quoted = false;
            int quoteLine = line;
            while (true) {
                if (c < 0) {
                    if (quoted) {
                        throw new DataProblem("A quoted value that starts on line " + quoteLine + " of '" + source
                                + "' is never closed. Add the missing \" character.");
                    }
                    out.add(cell.toString());
                    return true;
                }
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        if (peek() == '"') {
                            next();
                            cell.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (ch == '\n') {
                            line++;
                        }
                        cell.append(ch);
                    }
                } else if (ch == '"' && cell.toString().isBlank()) {
                    cell.setLength(0);
                    quoted = true;
                    quoteLine = line;
                } else if (ch == delimiter) {
                    out.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && peek() == '\n') {
                        next();
                    }
                    line++;
                    out.add(cell.toString());
                    return true;
                } else {
                    cell.append(ch);
                }
                c = next();
            }
        }
    }

    /**
     * Collects one column's cells. Stays numeric (a compact double[]) while every cell is a number; keeps the
     * first few non-numeric cells aside so that a lone typo can be reported with its row; switches to
     * categories once the column is clearly text.
     */
    private static final class ColumnBuilder {
        private static final int TYPO_LIMIT = 3;

        private final String name;
        private double[] numbers = new double[1024];
        private int[] codes;
        private final java.util.Map<String, Integer> levelIndex = new java.util.HashMap<>();
        private final List<String> levels = new ArrayList<>();
        private final List<String> oddTexts = new ArrayList<>();
        private final List<Integer> oddRows = new ArrayList<>();
        private final List<Integer> oddLines = new ArrayList<>();
        private int rows;
        private int numericCount;

        ColumnBuilder(String name) {
            this.name = name;
        }

        int rows() {
            return rows;
        }

        void add(String raw, int line) {
            String text = raw.trim();
            if (codes != null) {
                ensureCodes();
                codes[rows++] = isMissing(text) ? -1 : levelOf(text);
                return;
            }
            if (rows == numbers.length) {
                numbers = java.util.Arrays.copyOf(numbers, rows * 2);
            }
            if (isMissing(text)) {
                numbers[rows++] = Double.NaN;
                return;
            }
            double value = parseNumber(text);
            if (!Double.isNaN(value)) {
                numbers[rows++] = value;
                numericCount++;
                return;
            }
            numbers[rows] = Double.NaN;
            oddTexts.add(text);
            oddRows.add(rows);
            oddLines.add(line);
            rows++;
            if (oddTexts.size() > TYPO_LIMIT) {
                switchToCategories();
            }
        }

        private void ensureCodes() {
            if (rows == codes.length) {
                codes = java.util.Arrays.copyOf(codes, rows * 2);
            }
        }

        private int levelOf(String text) {
            Integer code = levelIndex.get(text);
            if (code == null) {
                code = levels.size();
                levelIndex.put(text, code);
                levels.add(text);
            }
            return code;
        }

        private void switchToCategories() {
            codes = new int[Math.max(numbers.length, 16)];
            int odd = 0;
            for (int row = 0; row < rows; row++) {
                if (odd < oddRows.size() && oddRows.get(odd) == row) {
                    codes[row] = levelOf(oddTexts.get(odd++));
                } else {
                    codes[row] = Double.isNaN(numbers[row]) ? -1 : levelOf(NumericColumn.format(numbers[row]));
                }
            }
            numbers = null;
        }

        Column build(String source) {
            if (codes == null && !oddTexts.isEmpty()) {
                // A few words among many numbers: almost surely a typo, and guessing would hide it.
                if (numericCount >= 10 && numericCount >= 19 * oddTexts.size()) {
                    throw new DataProblem("Column '" + name + "' of '" + source + "' holds numbers, but line "
                            + oddLines.get(0) + " (data row " + (oddRows.get(0) + 1) + ") has '" + oddTexts.get(0)
                            + "', which is not a number. Correct that value, or leave the cell empty if the value "
                            + "is missing" + (oddTexts.size() > 1 ? " (" + oddTexts.size() + " cells like it)" : "")
                            + ".");
                }
                switchToCategories();
            }
            if (codes != null) {
                return new CategoricalColumn(name, java.util.Arrays.copyOf(codes, rows), levels);
            }
            return new NumericColumn(name, java.util.Arrays.copyOf(numbers, rows));
        }
    }

    /** Convenience for callers that hold the bytes already (e.g. a dropped file). */
    public static Table read(String sourceName, InputStream in) throws IOException {
        return parse(sourceName, decode(sourceName, in.readAllBytes()));
    }
}
