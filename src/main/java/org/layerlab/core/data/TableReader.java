package org.layerlab.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens any table file LayerLab reads, choosing the reader by the file's ending: ARFF, else delimited text. */
public final class TableReader {
    private TableReader() {
    }

    public static Table read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".arff") ? ArffReader.read(file) : CsvReader.read(file);
    }

    /** File endings the app offers in its Open dialog and accepts when dropped. */
    public static final List<String> EXTENSIONS = List.of("csv", "tsv", "tab", "txt", "arff");
}
