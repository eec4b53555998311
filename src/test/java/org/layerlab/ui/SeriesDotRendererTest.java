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

class SeriesDotRendererTest {
    @Test
    void drawsTheSamePictureAsJFreeChartsDotRenderer() {
        DefaultXYDataset data = new DefaultXYDataset();
        Random random = new Random(3);
        for (String group : new String[] {"a", "b", "c"}) {
            double[][] points = new double[2][4_000];
            for (int i = 0; i < points[0].length; i++) {
                points[0][i] = random.nextGaussian();
                points[1][i] = random.nextGaussian() * 2 + 1;
            }
            data.addSeries(group, points);
        }
        JFreeChart chart = Charts.scatter("y against x", "x", "y", data, "");
        assertThat(chart.getXYPlot().getRenderer()).isInstanceOf(SeriesDotRenderer.class);
        BufferedImage ours = draw(chart);

        XYDotRenderer plain = new XYDotRenderer();
        plain.setDotWidth(3);
        plain.setDotHeight(3);
        for (int series = 0; series < 3; series++) {
            plain.setSeriesPaint(series, chart.getXYPlot().getRenderer().getSeriesPaint(series));
        }
        plain.setLegendShape(new Rectangle2D.Double(-4, -4, 8, 8));
        chart.getXYPlot().setRenderer(plain);
        BufferedImage theirs = draw(chart);

        int differing = 0;
        int coloured = 0;
        for (int y = 0; y < ours.getHeight(); y++) {
            for (int x = 0; x < ours.getWidth(); x++) {
                differing += ours.getRGB(x, y) == theirs.getRGB(x, y) ? 0 : 1;
                coloured += new Color(ours.getRGB(x, y)).equals(Color.WHITE) ? 0 : 1;
            }
        }
        assertThat(differing).isZero();
        assertThat(coloured).as("the dots are there").isGreaterThan(20_000);
    }

    private static BufferedImage draw(JFreeChart chart) {
        return ChartWarmUp.drawInto(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), chart);
    }
}
