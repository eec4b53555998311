package org.layerlab.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;

/**
 * JFreeChart's dot renderer, drawing all the dots of a plot when asked for the first item: each dot a square of the
 * series' colour set straight into an image the size of the plot's area, which then goes to the canvas as one image.
 * Item by item, each of a scatter's 20,000 points set the colour, built a rectangle and went through
 * {@code Graphics2D.fill(Shape)} on the FX canvas (~48 ms of the FX thread for the explore scatter); a plain rectangle
 * fill per point still took ~25 ms of the FX thread, and as many fills again for the window's renderer. Same picture:
 * the same squares in the same places, series drawn in the plot's order, no hover entities. Under a scaling transform,
 * or with a paint that is not a plain colour, the dots are filled one by one as before.
 */
final class SeriesDotRenderer extends XYDotRenderer {
    private static final long serialVersionUID = 1L;

    /** Whether this pass has drawn the dots already (a plot draws its series one after the other, item by item). */
    private transient boolean drawnThisPass;

    @Override
    public XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset dataset,
                                          PlotRenderingInfo info) {
        drawnThisPass = false;
        return super.initialise(g2, dataArea, plot, dataset, info);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        if (item != 0) {
            return; // the series was drawn with its first item
        }
        if (canDrawAsImage(g2, dataset)) {
            if (!drawnThisPass) {
                drawnThisPass = true;
                drawAsImage(g2, dataArea, plot, domainAxis, rangeAxis, dataset);
            }
            return;
        }
        if (getItemVisible(series, item)) {
            g2.setPaint(lookupSeriesPaint(series));
            Dots dots = new Dots(dataArea, plot, domainAxis, rangeAxis);
            int count = dataset.getItemCount(series);
            for (int i = 0; i < count; i++) {
                if (dots.place(dataset.getXValue(series, i), dataset.getYValue(series, i))) {
                    g2.fillRect(dots.left, dots.top, dots.width, dots.height);
                }
            }
        }
    }

    /** A plain translation (no scaling, which would blur the image) and a plain colour for every series. */
    private boolean canDrawAsImage(Graphics2D g2, XYDataset dataset) {
        AffineTransform transform = g2.getTransform();
        if ((transform.getType() & ~AffineTransform.TYPE_TRANSLATION) != 0) {
            return false;
        }
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            if (!(lookupSeriesPaint(series) instanceof Color)) {
                return false;
            }
        }
        return true;
    }

    private void drawAsImage(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, ValueAxis domainAxis,
                             ValueAxis rangeAxis, XYDataset dataset) {
        int left = (int) Math.floor(dataArea.getMinX());
        int top = (int) Math.floor(dataArea.getMinY());
        int width = (int) Math.ceil(dataArea.getMaxX()) - left;
        int height = (int) Math.ceil(dataArea.getMaxY()) - top;
        if (width <= 0 || height <= 0) {
            return;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Dots dots = new Dots(dataArea, plot, domainAxis, rangeAxis);
        int seriesCount = dataset.getSeriesCount();
        boolean reverse = plot.getSeriesRenderingOrder() == SeriesRenderingOrder.REVERSE;
        for (int step = 0; step < seriesCount; step++) {
            int series = reverse ? seriesCount - 1 - step : step;
            if (!getItemVisible(series, 0)) {
                continue;
            }
            Paint paint = lookupSeriesPaint(series);
            int argb = ((Color) paint).getRGB();
            int alpha = argb >>> 24;
            if (alpha != 0xFF) { // premultiplied, as the image is
                argb = (alpha << 24) | (((argb >> 16) & 0xFF) * alpha / 255 << 16)
                        | (((argb >> 8) & 0xFF) * alpha / 255 << 8) | ((argb & 0xFF) * alpha / 255);
            }
            int count = dataset.getItemCount(series);
            for (int i = 0; i < count; i++) {
                if (!dots.place(dataset.getXValue(series, i), dataset.getYValue(series, i))) {
                    continue;
                }
                int x0 = Math.max(0, dots.left - left);
                int x1 = Math.min(width, dots.left - left + dots.width);
                int y0 = Math.max(0, dots.top - top);
                int y1 = Math.min(height, dots.top - top + dots.height);
                for (int y = y0; y < y1; y++) {
                    java.util.Arrays.fill(pixels, y * width + x0, Math.max(y * width + x0, y * width + x1), argb);
                }
            }
        }
        g2.drawImage(image, left, top, null);
    }

    /** Where the dot of a point goes, as XYDotRenderer puts it: a square centred on the point, in whole pixels. */
    private final class Dots {
        private final Rectangle2D dataArea;
        private final ValueAxis domainAxis;
        private final ValueAxis rangeAxis;
        private final RectangleEdge xEdge;
        private final RectangleEdge yEdge;
        private final boolean horizontal;
        private final double adjustX = (getDotWidth() - 1) / 2.0;
        private final double adjustY = (getDotHeight() - 1) / 2.0;
        int left;
        int top;
        int width;
        int height;

        Dots(Rectangle2D dataArea, XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis) {
            this.dataArea = dataArea;
            this.domainAxis = domainAxis;
            this.rangeAxis = rangeAxis;
            this.xEdge = plot.getDomainAxisEdge();
            this.yEdge = plot.getRangeAxisEdge();
            this.horizontal = plot.getOrientation() == PlotOrientation.HORIZONTAL;
            this.width = horizontal ? getDotHeight() : getDotWidth();
            this.height = horizontal ? getDotWidth() : getDotHeight();
        }

        /** Places the dot of point ({@code x}, {@code y}); false for a point with a missing value. */
        boolean place(double x, double y) {
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return false;
            }
            double across = domainAxis.valueToJava2D(x, dataArea, xEdge);
            double up = rangeAxis.valueToJava2D(y, dataArea, yEdge);
            if (horizontal) {
                left = (int) Math.floor(up - adjustY);
                top = (int) Math.floor(across - adjustX);
            } else {
                left = (int) Math.floor(across - adjustX);
                top = (int) Math.floor(up - adjustY);
            }
            return true;
        }
    }
}
