package org.layerlab.ui;

import java.util.List;
import org.jfree.data.DomainInfo;
import org.jfree.data.Range;
import org.jfree.data.RangeInfo;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDomainInfo;
import org.jfree.data.xy.XYRangeInfo;

/**
 * Series of points as arrays that know their own bounds, found once as the series are added. A chart's axes ask
 * their data's bounds each time the chart is set up or its data changes; for a plain dataset JFreeChart walks every
 * point then, on the FX thread: 10 ms for the explore scatter's 20,000 points when it was shown. Asked for the
 * bounds of some series only, or of the points within an x range that leaves some out, it walks them as JFreeChart
 * would.
 */
final class BoundedXYDataset extends DefaultXYDataset implements DomainInfo, RangeInfo, XYDomainInfo, XYRangeInfo {
    private static final long serialVersionUID = 1L;

    /** The groups' points, {@code points[i] = {x, y}}, as one series per group, in the groups' order. */
    static BoundedXYDataset of(java.util.Map<String, double[][]> groups) {
        BoundedXYDataset data = new BoundedXYDataset();
        for (java.util.Map.Entry<String, double[][]> group : groups.entrySet()) {
            double[][] points = group.getValue();
            double[][] columns = new double[2][points.length];
            for (int i = 0; i < points.length; i++) {
                columns[0][i] = points[i][0];
                columns[1][i] = points[i][1];
            }
            data.addSeries(group.getKey(), columns);
        }
        return data;
    }

    private double minX = Double.NaN;
    private double maxX = Double.NaN;
    private double minY = Double.NaN;
    private double maxY = Double.NaN;

    /** Adds (or replaces) a series: {@code data[0]} the x values, {@code data[1]} the y values. */
    @Override
    public void addSeries(Comparable seriesKey, double[][] data) {
        super.addSeries(seriesKey, data);
        for (int i = 0; i < data[0].length; i++) {
            double x = data[0][i];
            double y = data[1][i];
            if (!Double.isNaN(x)) {
                minX = Double.isNaN(minX) ? x : Math.min(minX, x);
                maxX = Double.isNaN(maxX) ? x : Math.max(maxX, x);
            }
            // As JFreeChart's renderers count them: a point without an x has no place across and is not drawn.
            if (!Double.isNaN(y) && !Double.isNaN(x)) {
                minY = Double.isNaN(minY) ? y : Math.min(minY, y);
                maxY = Double.isNaN(maxY) ? y : Math.max(maxY, y);
            }
        }
    }

    @Override
    public void removeSeries(Comparable seriesKey) {
        throw new UnsupportedOperationException("bounds are only ever widened");
    }

    @Override
    public double getDomainLowerBound(boolean includeInterval) {
        return minX;
    }

    @Override
    public double getDomainUpperBound(boolean includeInterval) {
        return maxX;
    }

    @Override
    public Range getDomainBounds(boolean includeInterval) {
        return Double.isNaN(minX) ? null : new Range(minX, maxX);
    }

    @Override
    public double getRangeLowerBound(boolean includeInterval) {
        return minY;
    }

    @Override
    public double getRangeUpperBound(boolean includeInterval) {
        return maxY;
    }

    @Override
    public Range getRangeBounds(boolean includeInterval) {
        return Double.isNaN(minY) ? null : new Range(minY, maxY);
    }

    @Override
    public Range getDomainBounds(List visibleSeriesKeys, boolean includeInterval) {
        return allSeries(visibleSeriesKeys) ? getDomainBounds(includeInterval)
                : DatasetUtils.iterateToFindDomainBounds(this, visibleSeriesKeys, includeInterval);
    }

    @Override
    public Range getRangeBounds(List visibleSeriesKeys, Range xRange, boolean includeInterval) {
        boolean everyX = xRange == null || Double.isNaN(minX)
                || xRange.getLowerBound() <= minX && maxX <= xRange.getUpperBound();
        return allSeries(visibleSeriesKeys) && everyX ? getRangeBounds(includeInterval)
                : DatasetUtils.iterateToFindRangeBounds(this, visibleSeriesKeys, xRange, includeInterval);
    }

    private boolean allSeries(List<?> keys) {
        if (keys.size() != getSeriesCount()) {
            return false;
        }
        for (int series = 0; series < getSeriesCount(); series++) {
            if (!keys.contains(getSeriesKey(series))) {
                return false;
            }
        }
        return true;
    }
}
