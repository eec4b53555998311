package org.layerlab.ui;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.SimpleHistogramBin;
import org.jfree.data.statistics.SimpleHistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Does once, on a background thread while the window opens, what the first chart drawn in the window would otherwise
 * do on the FX thread: start Java's font system (a chart's text goes through {@code java.awt.Font}, whose first use
 * reads the font configuration and registers every font file on the machine), load JFreeChart's classes and run its
 * axis, legend and renderer code until it is compiled. Profiled, that was most of the 150–230 ms the first histogram
 * of a session held the window (docs/performance.md, session 5).
 *
 * <p>The charts are drawn into an image, as an exported PNG is; no JavaFX object is touched, so any thread will do.
 */
final class ChartWarmUp {
    private static final int ROUNDS = 3;

    private ChartWarmUp() {
    }

    /** Draws one chart of each kind the window shows, a few times, and returns the last image (for tests). */
    static BufferedImage run() {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_ARGB);
        for (int round = 0; round < ROUNDS; round++) {
            for (JFreeChart chart : charts()) {
                drawInto(image, chart);
            }
            // The explore scatter's path: 20,000 points as a dataset that knows its bounds, drawn as one image of dots
            // (SeriesDotRenderer), which the FX canvas gets as a JavaFX image. Run cold on the FX thread, the first
            // scatter of a session spent 25 ms there in the interpreter and class loading.
            drawInto(image, Charts.scatter("y against x", "x", "y", BoundedXYDataset.of(manyPoints()), ""));
            javafx.embed.swing.SwingFXUtils.toFXImage(
                    new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE), null);
        }
        return image;
    }

    /** Draws {@code chart} over the whole of {@code image}, as an exported PNG is drawn; any thread. */
    static BufferedImage drawInto(BufferedImage image, JFreeChart chart) {
        Graphics2D g2 = image.createGraphics();
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight()));
        } finally {
            g2.dispose();
        }
        return image;
    }

    /** Three classes of points in a spiral: as many as the explore scatter shows. */
    private static java.util.Map<String, double[][]> manyPoints() {
        java.util.Map<String, double[][]> groups = new java.util.LinkedHashMap<>();
        for (int group = 0; group < 3; group++) {
            double[][] points = new double[7_000][];
            for (int i = 0; i < points.length; i++) {
                double angle = i * 0.01 + group * 2.1;
                points[i] = new double[] {Math.cos(angle) * i, Math.sin(angle) * i};
            }
            groups.put("class " + group, points);
        }
        return groups;
    }

    private static List<JFreeChart> charts() {
        XYSeries first = new XYSeries("training");
        XYSeries second = new XYSeries("validation");
        SimpleHistogramDataset bins = new SimpleHistogramDataset("rows");
        for (int i = 0; i < 40; i++) {
            first.add(i, Math.exp(-i / 10.0) + 0.05 * Math.sin(i));
            second.add(i, Math.exp(-i / 12.0) + 0.1);
            SimpleHistogramBin bin = new SimpleHistogramBin(i, i + 1, true, false);
            bin.setItemCount(1 + (i * 7) % 13);
            bins.addBin(bin);
        }
        XYSeriesCollection curves = new XYSeriesCollection();
        curves.addSeries(first);
        curves.addSeries(second);
        DefaultCategoryDataset counts = new DefaultCategoryDataset();
        counts.addValue(50, "rows", "setosa");
        counts.addValue(48, "rows", "versicolor");
        counts.addValue(52, "rows", "virginica");
        return List.of(Charts.histogram("f3", "value", bins), Charts.lossChart(curves),
                Charts.scatter("y against x", "x", "y", curves, ""),
                Charts.categoryCounts("Classes", counts, ""));
    }
}
