package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.junit.jupiter.api.Test;

/**
 * The explore scatter's dots, drawn as one image (or one by one under a scaling transform), and its data's bounds,
 * found as it is filled: the same picture as JFreeChart's own dot renderer on a plain dataset.
 */
class SeriesDotRendererTest {
    @Test
    void drawsTheSamePictureAsJFreeChartsDotRenderer() {
        assertSamePicture(points(new DefaultXYDataset()), 1);
    }

    @Test
    void withItsBoundsKnownTheDatasetGivesTheSamePicture() {
        assertSamePicture(points(new BoundedXYDataset()), 1);
    }

    @Test
    void scaledItFillsTheDotsOneByOneAndStillDrawsTheSamePicture() {
        assertSamePicture(points(new BoundedXYDataset()), 2);
    }

    @Test
    void theBoundsAreThoseJFreeChartFindsByWalkingThePoints() {
        BoundedXYDataset data = points(new BoundedXYDataset());
        data.addSeries("with gaps", new double[][] {{Double.NaN, 9, -7}, {40, Double.NaN, -30}});
        java.util.List<Comparable<?>> all = java.util.List.of("a", "b", "c", "with gaps");
        assertThat(data.getDomainBounds(all, false))
                .isEqualTo(org.jfree.data.general.DatasetUtils.iterateToFindDomainBounds(data, all, false))
                .isEqualTo(new org.jfree.data.Range(-7, 9));
        org.jfree.data.Range everyX = new org.jfree.data.Range(-1e9, 1e9);
        assertThat(data.getRangeBounds(all, everyX, false))
                .isEqualTo(org.jfree.data.general.DatasetUtils.iterateToFindRangeBounds(data, all, everyX, false));
        // (−7, −30) counts; (NaN, 40) has no place across, so it is not drawn and does not count.
        assertThat(data.getRangeBounds(false).getLowerBound()).isEqualTo(-30);
        assertThat(data.getRangeBounds(false).getUpperBound()).isLessThan(40);
        // Some series, or an x range that leaves points out: walked, as JFreeChart does.
        java.util.List<Comparable<?>> some = java.util.List.of("a", "b");
        assertThat(data.getDomainBounds(some, false))
                .isEqualTo(org.jfree.data.general.DatasetUtils.iterateToFindDomainBounds(data, some, false));
        org.jfree.data.Range middle = new org.jfree.data.Range(-1, 1);
        assertThat(data.getRangeBounds(all, middle, false))
                .isEqualTo(org.jfree.data.general.DatasetUtils.iterateToFindRangeBounds(data, all, middle, false))
                .isNotEqualTo(data.getRangeBounds(false));
    }

    private static <T extends DefaultXYDataset> T points(T data) {
        Random random = new Random(3);
        for (String group : new String[] {"a", "b", "c"}) {
            double[][] points = new double[2][4_000];
            for (int i = 0; i < points[0].length; i++) {
                points[0][i] = random.nextGaussian();
                points[1][i] = random.nextGaussian() * 2 + 1;
            }
            data.addSeries(group, points);
        }
        return data;
    }

    private static void assertSamePicture(DefaultXYDataset data, int scale) {
        JFreeChart chart = Charts.scatter("y against x", "x", "y", data, "");
        assertThat(chart.getXYPlot().getRenderer()).isInstanceOf(SeriesDotRenderer.class);
        BufferedImage ours = draw(chart, scale);

        XYDotRenderer plain = new XYDotRenderer();
        plain.setDotWidth(3);
        plain.setDotHeight(3);
        for (int series = 0; series < 3; series++) {
            plain.setSeriesPaint(series, chart.getXYPlot().getRenderer().getSeriesPaint(series));
        }
        plain.setLegendShape(new Rectangle2D.Double(-4, -4, 8, 8));
        chart.getXYPlot().setRenderer(plain);
        DefaultXYDataset plainData = new DefaultXYDataset();
        for (int series = 0; series < data.getSeriesCount(); series++) {
            double[][] copy = new double[2][data.getItemCount(series)];
            for (int i = 0; i < copy[0].length; i++) {
                copy[0][i] = data.getXValue(series, i);
                copy[1][i] = data.getYValue(series, i);
            }
            plainData.addSeries(data.getSeriesKey(series), copy);
        }
        chart.getXYPlot().setDataset(plainData);
        BufferedImage theirs = draw(chart, scale);

        int differing = 0;
        int coloured = 0;
        for (int y = 0; y < ours.getHeight(); y++) {
            for (int x = 0; x < ours.getWidth(); x++) {
                differing += ours.getRGB(x, y) == theirs.getRGB(x, y) ? 0 : 1;
                coloured += new Color(ours.getRGB(x, y)).equals(Color.WHITE) ? 0 : 1;
            }
        }
        assertThat(differing).isZero();
        assertThat(coloured).as("the dots are there").isGreaterThan(20_000 * scale);
    }

    private static BufferedImage draw(JFreeChart chart, int scale) {
        BufferedImage image = new BufferedImage(640 * scale, 480 * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g2 = image.createGraphics();
        g2.scale(scale, scale);
        chart.draw(g2, new Rectangle2D.Double(0, 0, 640, 480));
        g2.dispose();
        return image;
    }
}
