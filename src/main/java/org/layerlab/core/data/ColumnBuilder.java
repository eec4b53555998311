package org.layerlab.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one column's cells while a file is read. Stays numeric (a compact {@code double[]}) while every cell is a
 * number; keeps the first few non-numeric cells aside so that a lone typo can be reported with its row; switches
 * to categories once the column is clearly text.
 */
final class ColumnBuilder {
    /** More words than this among numbers and the column is text, not numbers with typos. */
    private static final int TYPO_LIMIT = 3;

    private final String name;
    private double[] numbers = new double[1024];
    private int[] codes;
    private final Map<String, Integer> levelIndex = new HashMap<>();
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

    /** Adds the cell {@code text[start, end)} (surrounding blanks are ignored), read from file line {@code line}. */
    void add(char[] text, int start, int end, int line) {
        while (start < end && Character.isWhitespace(text[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(text[end - 1])) {
            end--;
        }
        boolean missing = CsvReader.isMissing(text, start, end);
        if (codes != null) {
            if (rows == codes.length) {
                codes = Arrays.copyOf(codes, rows * 2);
            }
            codes[rows++] = missing ? -1 : levelOf(new String(text, start, end - start));
            return;
        }
        if (rows == numbers.length) {
            numbers = Arrays.copyOf(numbers, rows * 2);
        }
        if (missing) {
            numbers[rows++] = Double.NaN;
            return;
        }
        double value = DecimalParser.parse(text, start, end);
        if (!Double.isNaN(value)) {
            numbers[rows++] = value;
            numericCount++;
            return;
        }
        numbers[rows] = Double.NaN;
        oddTexts.add(new String(text, start, end - start));
        oddRows.add(rows);
        oddLines.add(line);
        rows++;
        if (oddTexts.size() > TYPO_LIMIT) {
            switchToCategories();
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
        Column column = codes != null ? new CategoricalColumn(name, Arrays.copyOf(codes, rows), levels)
                : new NumericColumn(name, Arrays.copyOf(numbers, rows));
        column.missingCount(); // counted here, off the FX thread, and remembered
        return column;
    }
}
