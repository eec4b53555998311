package org.layerlab.core.imageio;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.layerlab.core.data.DataProblem;

/**
 * Decodes PNG, JPEG, BMP and GIF files with Java's ImageIO into {@link Pixels} of a fixed size, resizing with
 * bilinear interpolation when the file's size differs (mixed sizes are common in collected image folders).
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    /**
     * @param channels 1 for grayscale, 3 for colour
     * @throws DataProblem when the file is not a readable image (the message names it)
     */
    public static Pixels decode(Path file, int channels, int height, int width) {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new DataProblem("'" + file.getFileName() + "' could not be read as an image (" + e.getMessage()
                    + "). It is skipped.", e);
        }
        if (image == null) {
            throw new DataProblem("'" + file.getFileName() + "' is not an image LayerLab can read (PNG, JPEG, BMP or "
                    + "GIF). It is skipped.");
        }
        return toPixels(image, channels, height, width);
    }

    /**
     * Decodes an image sent as bytes (an upload), like {@link #decode(Path, int, int, int)}.
     *
     * @param name how to call the image in a message
     * @throws DataProblem when the bytes are not an image LayerLab can read
     */
    public static Pixels decode(byte[] bytes, String name, int channels, int height, int width) {
        BufferedImage image;
        try {
            image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DataProblem(name + " could not be read as an image (" + e.getMessage() + ").", e);
        }
        if (image == null) {
            throw new DataProblem(name + " is not an image LayerLab can read: send a PNG, JPEG, BMP or GIF file.");
        }
        return toPixels(image, channels, height, width);
    }

    /**
     * The size and colour of the image in a file: {height, width, channels}, where channels is 1 for a grayscale
     * image and 3 for anything in colour (an alpha channel is ignored).
     */
    public static int[] describe(Path file) {
        BufferedImage image = read(file);
        int colours = image.getColorModel().getNumColorComponents();
        return new int[] {image.getHeight(), image.getWidth(), colours == 1 ? 1 : 3};
    }

    private static BufferedImage read(Path file) {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new DataProblem("'" + file.getFileName() + "' could not be read as an image.", e);
        }
        if (image == null) {
            throw new DataProblem("'" + file.getFileName() + "' is not an image LayerLab can read.");
        }
        return image;
    }

    /** The size of the image in a file: {height, width}. */
    public static int[] size(Path file) {
        BufferedImage image = read(file);
        return new int[] {image.getHeight(), image.getWidth()};
    }

    /** Writes 8-bit grayscale pixels (row-major) as a PNG file, e.g. to turn MNIST's idx files into an image folder. */
    public static void writeGrayPng(Path file, byte[] pixels, int height, int width) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    static Pixels toPixels(BufferedImage source, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images have 1 (grayscale) or 3 (colour) channels, not " + channels + ".");
        }
        BufferedImage image = source;
        if (source.getWidth() != width || source.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
            g.dispose();
        }
        float[] values = new float[channels * height * width];
        int plane = height * width;
        if (channels == 1 && image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer().getSize() == plane) {
            // Fast path for 8-bit grayscale (e.g. MNIST PNGs): read the raster directly.
            byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < plane; i++) {
                values[i] = (data[i] & 0xff) / 255f;
            }
            return new Pixels(1, height, width, values);
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            float r = ((p >> 16) & 0xff) / 255f;
            float g = ((p >> 8) & 0xff) / 255f;
            float b = (p & 0xff) / 255f;
            if (channels == 1) {
                values[i] = 0.299f * r + 0.587f * g + 0.114f * b; // ITU-R BT.601 luma
            } else {
                values[i] = r;
                values[plane + i] = g;
                values[2 * plane + i] = b;
            }
        }
        return new Pixels(channels, height, width, values);
    }
}
