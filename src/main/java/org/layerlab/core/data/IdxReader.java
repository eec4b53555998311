package org.layerlab.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST is distributed in (LeCun et al.): unsigned-byte images ({@code idx3}, magic 0x803) and
 * labels ({@code idx1}, magic 0x801), gzipped or not.
 */
public final class IdxReader {
    private IdxReader() {
    }

    /** Images as one byte array per image, row-major. */
    public record Images(int count, int height, int width, byte[][] pixels) {
    }

    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new DataProblem("'" + file.getFileName() + "' is not an IDX image file (it does not start with "
                        + "the number 2051).");
            }
            int count = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            byte[][] pixels = new byte[count][height * width];
            for (byte[] image : pixels) {
                in.readFully(image);
            }
            return new Images(count, height, width, pixels);
        }
    }

    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new DataProblem("'" + file.getFileName() + "' is not an IDX label file (it does not start with "
                        + "the number 2049).");
            }
            int count = in.readInt();
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzipped = first == 0x1f && second == 0x8b;
        return new DataInputStream(new BufferedInputStream(gzipped ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16));
    }
}
