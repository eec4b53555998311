package org.layerlab.core.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
 * <p>Speed matters (a million rows should load in a couple of seconds): the file is decoded as it is read, into
 * a window of characters that holds a few thousand rows at a time; cells are handled as offsets into it, and numbers
 * are parsed in place by {@link DecimalParser}; a String is made only for category values and for quoted cells with
 * doubled quotes. The whole file is never in memory as bytes or characters: a 170 MB file once took 510 MB for that
 * before its columns were built, and allocating those arrays held every other thread, the window's included, for a
 * quarter of a second (the allocating thread cannot stop for the collector while the memory is first touched).
 */
public final class CsvReader {

    /** Cells that mean "no value here". Compared case-insensitively after trimming. */
    public static final Set<String> MISSING_MARKERS = Set.of("", "?", "na", "n/a", "nan", "null", "none", "-");

    private static final char[] CANDIDATE_DELIMITERS = {',', '\t', ';', '|'};
    private static final int SNIFF_BYTES = 64 * 1024;

    private CsvReader() {
    }

    /** Characters decoded per read into the parser's window (it grows for a record longer than this). */
    static final int WINDOW_CHARS = 1 << 20;

    /** Reads a file, detecting its encoding and delimiter. */
    public static Table read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new DataProblem("'" + file + "' is a folder, not a data file. Choose a .csv or .tsv file.");
        }
        return read(name, () -> Files.newInputStream(file), WINDOW_CHARS, file.toString());
    }

    /** Reads text already in memory (e.g. a dropped file's bytes). */
    public static Table read(String sourceName, InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return read(sourceName, () -> new ByteArrayInputStream(bytes), WINDOW_CHARS, sourceName);
    }

    /** Parses text that has already been decoded, e.g. pasted by the user or built in a test. */
    public static Table parse(String sourceName, String text) {
        return parse(sourceName, text, WINDOW_CHARS);
    }

    /** As {@link #parse(String, String)} with a window of {@code windowChars} characters (tests use tiny ones). */
    static Table parse(String sourceName, String text, int windowChars) {
        try {
            return parse(sourceName, new java.io.StringReader(text), windowChars);
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
    }

    /** Opens the bytes to read, once per attempt (a file that is not UTF-8 is read again as Latin-1). */
    interface ByteSource {
        InputStream open() throws IOException;
    }

    /**
     * Reads UTF-8 (with or without a byte-order mark), or Latin-1 when the bytes are not UTF-8, after checking the
     * first bytes look like text. {@code where} names the file in messages about reading it.
     */
    static Table read(String name, ByteSource bytes, int windowChars, String where) {
        try {
            try (InputStream in = new BufferedInputStream(bytes.open(), SNIFF_BYTES)) {
                checkLooksLikeText(name, in);
                skipByteOrderMark(in);
                return parse(name, new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), windowChars);
            } catch (CharacterCodingException notUtf8) {
                // Spreadsheets on older systems save CSV in a Western single-byte encoding; Latin-1 reads every byte.
                try (InputStream in = new BufferedInputStream(bytes.open(), SNIFF_BYTES)) {
                    skipByteOrderMark(in);
                    return parse(name, new InputStreamReader(in, StandardCharsets.ISO_8859_1), windowChars);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataProblem("The file '" + where + "' does not exist. Check the path, or choose the file again.");
        } catch (IOException e) {
            throw new DataProblem("LayerLab could not read '" + where + "': " + e.getMessage()
                    + ". Check that the file is not open in another program and that you may read it.", e);
        } catch (OutOfMemoryError e) {
            throw new DataProblem("'" + name + "' is too large to load into memory. Use a smaller part of it.", e);
        }
    }

    /** Refuses binary files (spreadsheets, images, archives) by their first {@link #SNIFF_BYTES} bytes. */
    private static void checkLooksLikeText(String name, InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] first = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (looksBinary(first, first.length)) {
            throw notText(name);
        }
    }

    /** A NUL byte, or more than one control character in 20, among the first {@code length} bytes. */
    private static boolean looksBinary(byte[] bytes, int length) {
        int controlChars = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x09 || (b > 0x0d && b < 0x20)) {
                controlChars++;
            }
        }
        return length > 0 && controlChars * 20 > length;
    }

    private static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        byte[] first = in.readNBytes(3);
        if (!(first.length == 3 && (first[0] & 0xff) == 0xEF && (first[1] & 0xff) == 0xBB
                && (first[2] & 0xff) == 0xBF)) {
            in.reset();
        }
    }

    private static Table parse(String sourceName, Reader text, int windowChars) throws IOException {
        Parser parser = new Parser(sourceName, text, windowChars);
        if (parser.isBlank()) {
            throw new DataProblem("'" + sourceName + "' is empty. A data file needs a header line with column "
                    + "names and at least one row of data.");
        }
        return parser.run();
    }

    private static boolean isBlank(char[] chars, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text of a small file (ARFF), decoded whole: UTF-8 with or without a byte-order mark, else Latin-1;
     * refuses binary files.
     */
    static CharBuffer decode(String name, byte[] bytes) {
        if (looksBinary(bytes, Math.min(bytes.length, SNIFF_BYTES))) {
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

    /**
     * One pass over the records; builds columns as it goes. The text arrives through a {@link Reader} into a window
     * of characters; a record is parsed only when it lies whole in the window: when parsing reaches the window's end
     * before the record's, the window keeps the record's start, reads more and the record is parsed again.
     */
    private static final class Parser {
        /** Thrown (never built anew, no stack) when a record runs past the window and more text is to come. */
        private static final RuntimeException NEED_MORE = new RuntimeException("need more input", null, false, false) {
        };

        private final String source;
        private final Reader input;
        private boolean exhausted;
        private char[] text;
        private int position;
        private int end;
        private int line = 1;
        /** Cells of the current record: offsets into {@link #text}, or an unescaped String for quoted cells. */
        private int[] cellStart = new int[64];
        private int[] cellEnd = new int[64];
        private String[] cellText = new String[64];
        private int cells;
        private char delimiter;

        Parser(String source, Reader input, int windowChars) throws IOException {
            this.source = source;
            this.input = input;
            this.text = new char[Math.max(2, windowChars)];
            fill();
        }

        /**
         * Moves the text from {@link #position} on to the window's start and reads more after it, growing the window
         * when it is full (a record longer than the window).
         */
        private void fill() throws IOException {
            if (exhausted) {
                return;
            }
            int kept = end - position;
            if (kept == text.length) {
                text = Arrays.copyOf(text, text.length * 2);
            } else if (position > 0) {
                System.arraycopy(text, position, text, 0, kept);
            }
            position = 0;
            end = kept;
            while (end < text.length) {
                int read = input.read(text, end, text.length - end);
                if (read < 0) {
                    exhausted = true;
                    break;
                }
                end += read;
            }
        }

        /** Whether the whole text is blank; reads on while the window holds only blanks. */
        boolean isBlank() throws IOException {
            int from = position;
            while (true) {
                for (int i = from; i < end; i++) {
                    if (!Character.isWhitespace(text[i])) {
                        return false;
                    }
                }
                if (exhausted) {
                    return true;
                }
                from = end - position;
                growAndFill();
            }
        }

        /** Reads more while keeping everything from {@link #position} (the window grows if needed). */
        private void growAndFill() throws IOException {
            if (end - position == text.length) {
                text = Arrays.copyOf(text, text.length * 2);
            }
            fill();
        }

        /** The first line, for guessing the delimiter: the window holds it whole (or all the text). */
        private void sniffDelimiter() throws IOException {
            while (!exhausted && !containsLineEnd()) {
                growAndFill();
            }
            delimiter = CsvReader.sniffDelimiter(source, text, position, end);
        }

        private boolean containsLineEnd() {
            boolean quoted = false;
            for (int i = position; i < end; i++) {
                if (text[i] == '"') {
                    quoted = !quoted;
                } else if (text[i] == '\n' && !quoted) {
                    return true;
                }
            }
            return false;
        }

        Table run() throws IOException {
            sniffDelimiter();
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
            return cellText[c] != null ? cellText[c].isBlank() : CsvReader.isBlank(text, cellStart[c], cellEnd[c]);
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

        /** Reads one record into the cell arrays, reading more text when it runs past the window; false at the end. */
        private boolean readRecord() throws IOException {
            while (true) {
                int recordStart = position;
                int recordLine = line;
                try {
                    return readRecordInWindow();
                } catch (RuntimeException more) {
                    if (more != NEED_MORE) {
                        throw more;
                    }
                    position = recordStart;
                    line = recordLine;
                    growAndFill();
                }
            }
        }

        /** At the window's end: the record may go on in text not read yet. */
        private void checkMoreToCome() {
            if (!exhausted) {
                throw NEED_MORE;
            }
        }

        private boolean readRecordInWindow() {
            if (position >= end) {
                checkMoreToCome();
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
                if (probe >= end) {
                    checkMoreToCome();
                }
                if (probe < end && text[probe] == '"') {
                    readQuotedCell(probe);
                } else {
                    int i = cellBegin;
                    while (i < end && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
                        i++;
                    }
                    if (i >= end) {
                        checkMoreToCome();
                    }
                    addCell(cellBegin, i, null);
                    position = i;
                }
                if (position >= end) {
                    checkMoreToCome();
                    return true;
                }
                char c = text[position];
                if (c == delimiter) {
                    position++;
                    if (position >= end) {
                        checkMoreToCome();
                        addCell(position, position, null); // a trailing delimiter ends with an empty cell
                        return true;
                    }
                    continue;
                }
                // End of line (\n, \r or \r\n).
                position++;
                if (c == '\r') {
                    if (position >= end) {
                        checkMoreToCome();
                    } else if (text[position] == '\n') {
                        position++;
                    }
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
                    checkMoreToCome();
                    throw new DataProblem("A quoted value that starts on line " + quoteLine + " of '" + source
                            + "' is never closed. Add the missing \" character.");
                }
                char c = text[i];
                if (c == '"') {
                    if (i + 1 >= end) {
                        checkMoreToCome();
                    } else if (text[i + 1] == '"') {
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
            if (stop >= end) {
                checkMoreToCome();
            }
            boolean trailingText = !CsvReader.isBlank(text, after, stop);
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
