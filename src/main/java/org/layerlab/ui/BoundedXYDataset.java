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

    /** The smallest and largest of some values, NaN until one is seen; NaN values are not counted. */
    private static final class Extent implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private double min = Double.NaN;
        private double max = Double.NaN;

        void widen(double value) {
            min = Double.isNaN(min) ? value : Math.min(min, value);
            max = Double.isNaN(max) ? value : Math.max(max, value);
        }

        /** The extent as a range, or null when no value was seen. */
        Range range() {
            return Double.isNaN(min) ? null : new Range(min, max);
        }

        /** Whether {@code range} holds every value seen (true when none was). */
        boolean within(Range range) {
            return Double.isNaN(min) || range.getLowerBound() <= min && max <= range.getUpperBound();
        }
    }

    private final Extent xs = new Extent();
    private final Extent ys = new Extent();

    /** Adds (or replaces) a series: {@code data[0]} the x values, {@code data[1]} the y values. */
    @Override
    public void addSeries(Comparable seriesKey, double[][] data) {
        super.addSeries(seriesKey, data);
        for (int i = 0; i < data[0].length; i++) {
            double x = data[0][i];
            double y = data[1][i];
            // As JFreeChart's renderers count them: a point without an x has no place across and is not drawn.
            if (!Double.isNaN(x)) {
                xs.widen(x);
                if (!Double.isNaN(y)) {
                    ys.widen(y);
                }
            }
        }
    }

    @Override
    public void removeSeries(Comparable seriesKey) {
        throw new UnsupportedOperationException("bounds are only ever widened");
    }

    @Override
    public double getDomainLowerBound(boolean includeInterval) {
        return xs.min;
    }

    @Override
    public double getDomainUpperBound(boolean includeInterval) {
        return xs.max;
    }

    @Override
    public Range getDomainBounds(boolean includeInterval) {
        return xs.range();
    }

    @Override
    public double getRangeLowerBound(boolean includeInterval) {
        return ys.min;
    }

    @Override
    public double getRangeUpperBound(boolean includeInterval) {
        return ys.max;
    }

    @Override
    public Range getRangeBounds(boolean includeInterval) {
        return ys.range();
    }

    @Override
    public Range getDomainBounds(List visibleSeriesKeys, boolean includeInterval) {
        return allSeries(visibleSeriesKeys) ? getDomainBounds(includeInterval)
                : DatasetUtils.iterateToFindDomainBounds(this, visibleSeriesKeys, includeInterval);
    }

    @Override
    public Range getRangeBounds(List visibleSeriesKeys, Range xRange, boolean includeInterval) {
        boolean everyX = xRange == null || xs.within(xRange);
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
