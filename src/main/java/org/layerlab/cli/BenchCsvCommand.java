package org.layerlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.layerlab.core.data.CsvReader;
import org.layerlab.core.data.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench csv}: how fast a large numeric CSV file loads. */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = "Generate a numeric CSV file (1,000,000 × 20 by default) and time loading it.")
public final class BenchCsvCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", description = "Rows to generate (default: 1000000).")
    int rows = 1_000_000;

    @Option(names = "--columns", description = "Columns to generate (default: 20).")
    int columns = 20;

    @Option(names = "--repeat", description = "Timed loads after one warm-up load (default: 5).")
    int repeat = 5;

    @Option(names = "--file", description = "Load this file instead of generating one.")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path data = file;
        Path folder = null;
        if (data == null) {
            folder = Files.createTempDirectory("layerlab-bench");
            data = folder.resolve("numbers.csv");
            generate(data, rows, columns);
        }
        try {
            long bytes = Files.size(data);
            out.printf(Locale.ROOT, "File: %s (%,.1f MB)%n", data, bytes / 1e6);
            Table table = CsvReader.read(data); // warm-up: lets the JIT compile the parser
            double[] millis = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                table = CsvReader.read(data);
                millis[i] = (System.nanoTime() - start) / 1e6;
                out.printf(Locale.ROOT, "  load %d: %,.0f ms%n", i + 1, millis[i]);
                out.flush();
            }
            Arrays.sort(millis);
            double median = millis[repeat / 2];
            out.printf(Locale.ROOT, "%,d rows × %d columns: median %,.0f ms (best %,.0f ms) = %,.0f rows/s, %,.0f MB/s%n",
                    table.rowCount(), table.columnCount(), median, millis[0], table.rowCount() / (median / 1e3),
                    bytes / 1e6 / (median / 1e3));
            return 0;
        } finally {
            if (folder != null) {
                Files.deleteIfExists(data);
                Files.deleteIfExists(folder);
            }
        }
    }

    /** Gaussian numbers with five decimals, as a spreadsheet export would write them; fixed seed. */
    static void generate(Path file, int rows, int columns) throws IOException {
        Random random = new Random(1);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int c = 0; c < columns; c++) {
                writer.write(c == 0 ? "f0" : ",f" + c);
            }
            writer.newLine();
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(String.format(Locale.ROOT, "%.5f", random.nextGaussian()));
                }
                writer.write(line.toString());
                writer.newLine();
            }
        }
    }
}
