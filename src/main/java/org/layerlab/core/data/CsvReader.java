package org.layerlab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>Speed matters (a million rows should load in a couple of seconds): the file is decoded once into a
 * character array, cells are handled as offsets into it, and numbers are parsed in place by {@link DecimalParser};
 * a String is made only for category values and for quoted cells with doubled quotes.
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
        } catch (OutOfMemoryError e) {
            throw new DataProblem("'" + name + "' is too large to load into memory. Use a smaller part of it.", e);
        }
        return parse(name, decode(name, bytes));
    }

    /** Reads text already in memory (e.g. a dropped file's bytes). */
    public static Table read(String sourceName, InputStream in) throws IOException {
        return parse(sourceName, decode(sourceName, in.readAllBytes()));
    }

    /** Parses text that has already been decoded, e.g. pasted by the user or built in a test. */
    public static Table parse(String sourceName, String text) {
        return parse(sourceName, CharBuffer.wrap(text.toCharArray()));
    }

    private static Table parse(String sourceName, CharBuffer text) {
        char[] chars = text.array();
        int start = text.arrayOffset() + text.position();
        int end = text.arrayOffset() + text.limit();
        if (isBlank(chars, start, end)) {
            throw new DataProblem("'" + sourceName + "' is empty. A data file needs a header line with column "
                    + "names and at least one row of data.");
        }
        char delimiter = sniffDelimiter(sourceName, chars, start, end);
        return new Parser(sourceName, chars, start, end, delimiter).run();
    }

    private static boolean isBlank(char[] chars, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    static CharBuffer decode(String name, byte[] bytes) {
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
        if (isAscii(bytes, start)) {
            // Most data files are plain ASCII: widening byte to char is several times faster than a full decoder.
            char[] chars = new char[bytes.length - start];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) bytes[start + i];
            }
            return CharBuffer.wrap(chars);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
        } catch (CharacterCodingException notUtf8) {
            // Spreadsheets on older systems save CSV in a Western single-byte encoding; Latin-1 reads every byte.
            return CharBuffer.wrap(new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1)
                    .toCharArray());
        }
    }

    private static boolean isAscii(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static DataProblem notText(String name) {
        return new DataProblem("'" + name + "' is not a text table (it contains binary data). LayerLab reads "
                + "CSV and TSV files: in a spreadsheet program use \"Save as\" and choose CSV.");
    }

    private static char sniffDelimiter(String sourceName, char[] chars, int start, int end) {
        String lower = sourceName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
            return '\t';
        }
        char best = ',';
        int bestCount = 0;
        for (char candidate : CANDIDATE_DELIMITERS) {
            int count = 0;
            boolean quoted = false;
            for (int i = start; i < end && (quoted || chars[i] != '\n'); i++) {
                if (chars[i] == '"') {
                    quoted = !quoted;
                } else if (chars[i] == candidate && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** Whether {@code cell[start, end)} is one of the {@link #MISSING_MARKERS}. */
    static boolean isMissing(char[] cell, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return true;
        }
        if (length > 4) {
            return false;
        }
        return MISSING_MARKERS.contains(new String(cell, start, length).toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a plain decimal number (optionally signed, with fraction and exponent). Unlike
     * {@link Double#parseDouble} it refuses Java-only forms such as "1d", "0x1p3" or "Infinity".
     *
     * @return the value, or NaN when the text is not a plain number
     */
    static double parseNumber(String s) {
        return DecimalParser.parse(s);
    }

    /** One pass over the records; builds columns as it goes. */
    private static final class Parser {
        private final String source;
        private final char[] text;
        private final int end;
        private final char delimiter;
        private int position;
        private int line = 1;
        /** Cells of the current record: offsets into {@link #text}, or an unescaped String for quoted cells. */
        private int[] cellStart = new int[64];
        private int[] cellEnd = new int[64];
        private String[] cellText = new String[64];
        private int cells;

        Parser(String source, char[] text, int start, int end, char delimiter) {
            this.source = source;
            this.text = text;
            this.position = start;
            this.end = end;
            this.delimiter = delimiter;
        }

        Table run() {
            int headerLine = line;
            if (!readRecord()) {
                throw new DataProblem("'" + source + "' is empty. A data file needs a header line with column "
                        + "names and at least one row of data.");
            }
            List<String> header = new ArrayList<>(cells);
            boolean headerIsData = true;
            for (int c = 0; c < cells; c++) {
                String cell = cell(c).trim();
                header.add(cell);
                headerIsData &= !isMissing(cell.toCharArray(), 0, cell.length())
                        && !Double.isNaN(DecimalParser.parse(cell));
            }
            List<String> names = headerIsData ? defaultNames(header.size()) : columnNames(header);
            ColumnBuilder[] builders = new ColumnBuilder[names.size()];
            for (int c = 0; c < builders.length; c++) {
                builders[c] = new ColumnBuilder(names.get(c));
            }
            if (headerIsData) {
                addRow(builders, headerLine);
            }
            while (true) {
                int recordLine = line;
                if (!readRecord()) {
                    break;
                }
                if (cells == 1 && isBlankCell(0)) {
                    continue; // blank line
                }
                if (cells != builders.length) {
                    throw new DataProblem("Line " + recordLine + " of '" + source + "' has " + cells
                            + (cells == 1 ? " value" : " values") + " but the header has " + builders.length
                            + " columns (" + describeDelimiter() + "). Every row needs one value per column: "
                            + "fix that line in a text editor or spreadsheet, or leave a cell empty for a missing value.");
                }
                addRow(builders, recordLine);
            }
            if (builders[0].rows() == 0) {
                throw new DataProblem("'" + source + "' has a header line but no rows of data. Add at least one row "
                        + "below the column names.");
            }
            List<Column> columns = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build(source));
            }
            return new Table(source, columns);
        }

        private String cell(int c) {
            return cellText[c] != null ? cellText[c] : new String(text, cellStart[c], cellEnd[c] - cellStart[c]);
        }

        private boolean isBlankCell(int c) {
            return cellText[c] != null ? cellText[c].isBlank() : isBlank(text, cellStart[c], cellEnd[c]);
        }

        private String describeDelimiter() {
            return switch (delimiter) {
                case '\t' -> "separated by tabs";
                case ';' -> "separated by semicolons";
                case '|' -> "separated by '|'";
                default -> "separated by commas";
            };
        }

        private void addRow(ColumnBuilder[] builders, int recordLine) {
            for (int c = 0; c < builders.length; c++) {
                if (cellText[c] != null) {
                    char[] cell = cellText[c].toCharArray();
                    builders[c].add(cell, 0, cell.length, recordLine);
                } else {
                    builders[c].add(text, cellStart[c], cellEnd[c], recordLine);
                }
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
                String name = header.get(i);
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

        private void addCell(int start, int stop, String unescaped) {
            if (cells == cellStart.length) {
                cellStart = Arrays.copyOf(cellStart, cells * 2);
                cellEnd = Arrays.copyOf(cellEnd, cells * 2);
                cellText = Arrays.copyOf(cellText, cells * 2);
            }
            cellStart[cells] = start;
            cellEnd[cells] = stop;
            cellText[cells] = unescaped;
            cells++;
        }

        /** Reads one record into the cell arrays; false at end of input. */
        private boolean readRecord() {
            if (position >= end) {
                return false;
            }
            cells = 0;
            while (true) {
                int cellBegin = position;
                // Skip blanks before a possible opening quote.
                int probe = position;
                while (probe < end && (text[probe] == ' ' || (text[probe] == '\t' && delimiter != '\t'))) {
                    probe++;
                }
                if (probe < end && text[probe] == '"') {
                    readQuotedCell(probe);
                } else {
                    int i = cellBegin;
                    while (i < end && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
                        i++;
                    }
                    addCell(cellBegin, i, null);
                    position = i;
                }
                if (position >= end) {
                    return true;
                }
                char c = text[position];
                if (c == delimiter) {
                    position++;
                    if (position >= end) {
                        addCell(position, position, null); // a trailing delimiter ends with an empty cell
                        return true;
                    }
                    continue;
                }
                // End of line (\n, \r or \r\n).
                position++;
                if (c == '\r' && position < end && text[position] == '\n') {
                    position++;
                }
                line++;
                return true;
            }
        }

        /** Reads a quoted cell starting at the quote; text after the closing quote up to the delimiter is kept. */
        private void readQuotedCell(int quote) {
            int quoteLine = line;
            int i = quote + 1;
            StringBuilder unescaped = null;
            int runStart = i;
            while (true) {
                if (i >= end) {
                    throw new DataProblem("A quoted value that starts on line " + quoteLine + " of '" + source
                            + "' is never closed. Add the missing \" character.");
                }
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < end && text[i + 1] == '"') {
                        if (unescaped == null) {
                            unescaped = new StringBuilder();
                        }
                        unescaped.append(text, runStart, i - runStart).append('"');
                        i += 2;
                        runStart = i;
                        continue;
                    }
                    break;
                }
                if (c == '\n') {
                    line++;
                }
                i++;
            }
            int closing = i;
            int after = closing + 1;
            int stop = after;
            while (stop < end && text[stop] != delimiter && text[stop] != '\n' && text[stop] != '\r') {
                stop++;
            }
            boolean trailingText = !isBlank(text, after, stop);
            if (unescaped == null && !trailingText) {
                addCell(quote + 1, closing, null);
            } else {
                if (unescaped == null) {
                    unescaped = new StringBuilder();
                }
                unescaped.append(text, runStart, closing - runStart);
                if (trailingText) {
                    unescaped.append(text, after, stop - after);
                }
                addCell(0, 0, unescaped.toString());
            }
            position = stop;
        }
    }
}
