package org.layerlab.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Weka's ARFF format (many teaching data sets come as ARFF): a header of {@code @attribute} declarations,
 * then {@code @data} rows, dense or sparse ({@code {index value, …}}). Column types come from the declarations:
 * numeric, real and integer attributes become number columns; nominal attributes ({@code {a,b,c}}) become
 * categories with the declared values in the declared order; string and date attributes become categories of
 * their text. {@code ?} marks a missing value. See Weka's documentation of the ARFF format.
 */
public final class ArffReader {

    private ArffReader() {
    }

    public static Table read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataProblem("The file '" + file + "' does not exist. Check the path, or choose the file again.");
        } catch (IOException e) {
            throw new DataProblem("LayerLab could not read '" + file + "': " + e.getMessage() + ".", e);
        }
        return parse(name, CsvReader.decode(name, bytes).toString());
    }

    /** An attribute as declared in the header. */
    private record Attribute(String name, Kind kind, List<String> nominalValues) {
        enum Kind { NUMERIC, NOMINAL, TEXT }
    }

    public static Table parse(String source, String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Attribute> attributes = new ArrayList<>();
        int lineNumber = 0;
        boolean inData = false;
        for (; lineNumber < lines.length && !inData; lineNumber++) {
            String line = lines[lineNumber].strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("@relation")) {
                continue;
            }
            if (lower.startsWith("@attribute")) {
                attributes.add(attribute(source, lineNumber + 1, line.substring("@attribute".length()).strip()));
            } else if (lower.startsWith("@data")) {
                inData = true;
            } else {
                throw new DataProblem("Line " + (lineNumber + 1) + " of '" + source + "' is not a valid ARFF header "
                        + "line: '" + shorten(line) + "'. The header has @relation, @attribute and @data lines.");
            }
        }
        if (attributes.isEmpty()) {
            throw new DataProblem("'" + source + "' declares no @attribute, so it is not an ARFF data file.");
        }
        if (!inData) {
            throw new DataProblem("'" + source + "' has no @data line, so it holds no rows.");
        }
        List<List<String>> columns = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            columns.add(new ArrayList<>());
        }
        for (; lineNumber < lines.length; lineNumber++) {
            String line = lines[lineNumber].strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            List<String> values = line.startsWith("{")
                    ? sparseRow(source, lineNumber + 1, line, attributes)
                    : denseRow(source, lineNumber + 1, line, attributes.size());
            for (int a = 0; a < attributes.size(); a++) {
                columns.get(a).add(values.get(a));
            }
        }
        if (columns.get(0).isEmpty()) {
            throw new DataProblem("'" + source + "' has no rows after its @data line.");
        }
        List<Column> built = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            built.add(column(source, attributes.get(a), columns.get(a)));
        }
        return new Table(source, built);
    }

    private static Attribute attribute(String source, int line, String declaration) {
        List<String> nameAndRest = splitName(declaration);
        String name = nameAndRest.get(0);
        String type = nameAndRest.get(1).strip();
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("{")) {
            int close = type.lastIndexOf('}');
            if (close < 0) {
                throw new DataProblem("Line " + line + " of '" + source + "': the values of attribute '" + name
                        + "' start with { but never end with }.");
            }
            List<String> values = new ArrayList<>();
            for (String value : splitValues(type.substring(1, close))) {
                values.add(unquote(value.strip()));
            }
            return new Attribute(name, Attribute.Kind.NOMINAL, values);
        }
        if (lower.startsWith("numeric") || lower.startsWith("real") || lower.startsWith("integer")) {
            return new Attribute(name, Attribute.Kind.NUMERIC, List.of());
        }
        if (lower.startsWith("string") || lower.startsWith("date")) {
            return new Attribute(name, Attribute.Kind.TEXT, List.of());
        }
        throw new DataProblem("Line " + line + " of '" + source + "': attribute '" + name + "' has the type '"
                + shorten(type) + "', which LayerLab does not read (it reads numeric, nominal {…}, string and date).");
    }

    /** Splits "name rest" where the name may be quoted. */
    private static List<String> splitName(String declaration) {
        if (declaration.startsWith("'") || declaration.startsWith("\"")) {
            char quote = declaration.charAt(0);
            int end = declaration.indexOf(quote, 1);
            if (end > 0) {
                return List.of(declaration.substring(1, end), declaration.substring(end + 1));
            }
        }
        int space = 0;
        while (space < declaration.length() && !Character.isWhitespace(declaration.charAt(space))
                && declaration.charAt(space) != '{') {
            space++;
        }
        return List.of(declaration.substring(0, space), declaration.substring(space));
    }

    /** Splits on commas outside single or double quotes. */
    private static List<String> splitValues(String text) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1).replace("\\'", "'").replace("\\\"", "\"");
        }
        return value;
    }

    private static List<String> denseRow(String source, int line, String text, int expected) {
        List<String> values = new ArrayList<>();
        for (String value : splitValues(text)) {
            values.add(unquote(value.strip()));
        }
        if (values.size() != expected) {
            throw new DataProblem("Line " + line + " of '" + source + "' has " + values.size() + " values but "
                    + expected + " attributes are declared. Every row needs one value per attribute (use ? for a "
                    + "missing value).");
        }
        return values;
    }

    private static List<String> sparseRow(String source, int line, String text, List<Attribute> attributes) {
        int close = text.lastIndexOf('}');
        if (close < 0) {
            throw new DataProblem("Line " + line + " of '" + source + "' starts a sparse row with { but never ends it "
                    + "with }.");
        }
        List<String> values = new ArrayList<>();
        for (Attribute attribute : attributes) {
            // In sparse ARFF, a value not listed is 0, or the first declared value of a nominal attribute.
            values.add(attribute.kind() == Attribute.Kind.NOMINAL ? attribute.nominalValues().get(0) : "0");
        }
        String body = text.substring(1, close).strip();
        if (body.isEmpty()) {
            return values;
        }
        for (String pair : splitValues(body)) {
            String entry = pair.strip();
            int space = entry.indexOf(' ');
            int index;
            try {
                index = Integer.parseInt(space < 0 ? entry : entry.substring(0, space));
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (space < 0 || index < 0 || index >= attributes.size()) {
                throw new DataProblem("Line " + line + " of '" + source + "': '" + shorten(entry) + "' is not a valid "
                        + "sparse entry (an attribute number from 0 to " + (attributes.size() - 1) + ", a space, a value).");
            }
            values.set(index, unquote(entry.substring(space + 1).strip()));
        }
        return values;
    }

    private static Column column(String source, Attribute attribute, List<String> cells) {
        int rows = cells.size();
        if (attribute.kind() == Attribute.Kind.NUMERIC) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                String cell = cells.get(r);
                if (cell.equals("?")) {
                    values[r] = Double.NaN;
                    continue;
                }
                values[r] = CsvReader.parseNumber(cell);
                if (Double.isNaN(values[r])) {
                    throw new DataProblem("Attribute '" + attribute.name() + "' of '" + source + "' is numeric, but "
                            + "data row " + (r + 1) + " has '" + shorten(cell) + "'. Correct the value, or write ? "
                            + "for a missing value.");
                }
            }
            return new NumericColumn(attribute.name(), values);
        }
        List<String> levels = new ArrayList<>(attribute.nominalValues());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
            String cell = cells.get(r);
            if (cell.equals("?")) {
                codes[r] = -1;
                continue;
            }
            Integer code = index.get(cell);
            if (code == null) {
                if (attribute.kind() == Attribute.Kind.NOMINAL) {
                    throw new DataProblem("Data row " + (r + 1) + " of '" + source + "' has '" + shorten(cell)
                            + "' for attribute '" + attribute.name() + "', which is not one of its declared values {"
                            + String.join(", ", attribute.nominalValues()) + "}. Correct the value or add it to the "
                            + "@attribute line.");
                }
                code = levels.size();
                index.put(cell, code);
                levels.add(cell);
            }
            codes[r] = code;
        }
        return new CategoricalColumn(attribute.name(), codes, levels);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "…";
    }
}
