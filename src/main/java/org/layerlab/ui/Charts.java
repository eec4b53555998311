package org.layerlab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;

/** The training charts, styled to match the window. */
final class Charts {
    static final Color ACCENT = new Color(0x4F, 0x46, 0xE5);
    static final Color SECOND = new Color(0xF5, 0x9E, 0x0B);
    private static final Color TEXT = new Color(0x37, 0x41, 0x51);
    private static final Color GRID = new Color(0xE5, 0xE7, 0xEB);
    private static final Font TITLE_FONT = new Font("SansSerif", Font.BOLD, 13);
    private static final Font LABEL_FONT = new Font("SansSerif", Font.PLAIN, 11);

    private Charts() {
    }

    /** The raw loss of each batch: a light tint of {@link #ACCENT}, so that the smoothed curve over it stands out. */
    static final Color RAW_LOSS = new Color(0xA5, 0xB4, 0xFC);
    /** Each epoch's training loss: a dark shade of {@link #ACCENT} (training is blue-violet in every Train chart). */
    static final Color EPOCH_TRAINING = new Color(0x31, 0x2E, 0x81);
    /** Up to this many epochs the per-epoch losses are marked with a dot each; more would run into a thick line. */
    static final int EPOCH_DOTS_UP_TO = 30;

    /**
     * The loss, lower is better. Its dataset holds, in this order: the loss of each batch (drawn thin and light), the
     * smoothed loss (over it, strong), and the training and validation loss of each epoch (on top, with a dot per
     * epoch in shorter runs). The series are drawn in that order, so each lies over the one before.
     */
    static JFreeChart lossChart(XYDataset data) {
        JFreeChart chart = line("Loss (lower is better)", "iteration", "loss", data, true);
        // Four entries on top take two lines in a small window, which left no room for the plot in the chart's share
        // of a 1024×700 window; listed on the right they cost width instead, of which a loss curve has plenty.
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        chart.getLegend().setVerticalAlignment(org.jfree.chart.ui.VerticalAlignment.CENTER);
        XYPlot plot = chart.getXYPlot();
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false) {
            @Override
            public boolean getItemShapeVisible(int series, int item) {
                XYDataset dataset = getPlot() == null ? null : getPlot().getDataset();
                return series >= 2 && dataset != null && series < dataset.getSeriesCount()
                        && dataset.getItemCount(series) <= EPOCH_DOTS_UP_TO;
            }
        };
        // One path per series rather than a line per pair of points: two curves of up to 2,000 points each.
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        Color[] paints = {RAW_LOSS, ACCENT, EPOCH_TRAINING, SECOND};
        float[] widths = {1.0f, 2.0f, 1.4f, 1.8f};
        for (int series = 0; series < paints.length; series++) {
            renderer.setSeriesPaint(series, paints[series]);
            renderer.setSeriesStroke(series, new BasicStroke(widths[series], BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    /**
     * The learning rate of each batch: flat for a constant rate, steps for a step schedule, a slope for a warm-up or
     * cosine decay, and a jump where it was changed while paused. A linear axis from 0, so a rate that decays to almost
     * nothing looks like it.
     */
    static JFreeChart learningRateChart(XYDataset data) {
        JFreeChart chart = line("Learning rate", "iteration", null, data, false);
        XYPlot plot = chart.getXYPlot();
        NumberAxis range = (NumberAxis) plot.getRangeAxis(); // no label: the title says it, and the chart is narrow
        range.setAutoRangeIncludesZero(true);
        // Rates are small decimals: 0.001, not 1E-3.
        range.setNumberFormatOverride(new java.text.DecimalFormat("0.#######"));
        plot.setNoDataMessage("Each batch's learning rate, while training.");
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setSeriesPaint(0, ACCENT);
        return chart;
    }

    /** Accuracy on the training and validation rows after each epoch. */
    static JFreeChart accuracyChart(XYDataset data) {
        // "per epoch" is left to the axis: the title must fit the chart's share of a 1024-pixel window on one line.
        JFreeChart chart = line("Accuracy (higher is better)", "epoch", "accuracy", data, true);
        XYPlot plot = chart.getXYPlot();
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0, 1.02);
        range.setAutoRange(false);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, ACCENT);
        renderer.setSeriesPaint(1, SECOND);
        return chart;
    }

    /** Each epoch's mean absolute error on training and validation data (regression; lower is better). */
    static JFreeChart meanAbsoluteErrorChart(XYDataset data) {
        JFreeChart chart = line("Mean absolute error (lower is better)", "epoch", "mean absolute error", data, true);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        renderer.setSeriesPaint(0, ACCENT);
        renderer.setSeriesPaint(1, SECOND);
        return chart;
    }

    /**
     * Each layer's update:parameter ratio (how much its weights change per step, relative to their size), on a log
     * scale, with the healthy level of about 0.001 marked.
     */
    static JFreeChart layerUpdateChart(XYDataset data) {
        JFreeChart chart = line("How much each layer changes per step (log scale)", "iteration",
                "update / weight size", data, true);
        XYPlot plot = chart.getXYPlot();
        org.jfree.chart.axis.LogAxis log = new org.jfree.chart.axis.LogAxis("update / weight size");
        log.setSmallestValue(1e-8);
        log.setLabelFont(LABEL_FONT);
        log.setTickLabelFont(LABEL_FONT);
        // Whole powers of ten only (a LogAxis's tick units are exponents), written as plain decimals: 0.001, not 1E-3.
        log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        log.setNumberFormatOverride(new java.text.DecimalFormat("0.########"));
        plot.setRangeAxis(log);
        plot.setNoDataMessage("Measured every few batches while training.");
        plot.setNoDataMessageFont(LABEL_FONT);
        org.jfree.chart.plot.ValueMarker healthy = new org.jfree.chart.plot.ValueMarker(1e-3);
        healthy.setPaint(new Color(0x10, 0xB9, 0x81));
        healthy.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        healthy.setLabel("healthy ≈ 0.001");
        healthy.setLabelFont(LABEL_FONT);
        healthy.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        healthy.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(healthy);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int series = 0; series < PALETTE.length * 3; series++) {
            renderer.setSeriesPaint(series, PALETTE[series % PALETTE.length]);
        }
        return chart;
    }

    /** One colour per class, in class order, reused past ten classes. */
    private static final Color[] PALETTE = {ACCENT, SECOND, new Color(0x10, 0xB9, 0x81), new Color(0xDC, 0x26, 0x26),
        new Color(0x0E, 0xA5, 0xE9), new Color(0xA8, 0x55, 0xF7), new Color(0x84, 0xCC, 0x16),
        new Color(0xEC, 0x48, 0x99), new Color(0x64, 0x74, 0x8B), new Color(0x92, 0x40, 0x0E)};

    /** The colour of the {@code index}-th class (series) in every per-class chart, for legends drawn outside one. */
    static Color classColor(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** One-vs-rest ROC curves, one line per class: the higher and further left, the better. */
    static JFreeChart rocChart(XYDataset data) {
        return curves("ROC curves (one class against the rest)", "false positive rate", "true positive rate", data);
    }

    /** Precision against recall for each class: the closer to the top right, the better. */
    static JFreeChart precisionRecallChart(XYDataset data) {
        return curves("Precision and recall", "recall", "precision", data);
    }

    private static JFreeChart curves(String title, String xLabel, String yLabel, XYDataset data) {
        JFreeChart chart = line(title, xLabel, yLabel, data, true);
        XYPlot plot = chart.getXYPlot();
        plot.setNoDataMessage("Computing the curves…");
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
            axis.setRange(0, 1.02);
            axis.setAutoRange(false);
        }
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int series = 0; series < PALETTE.length * 3; series++) {
            renderer.setSeriesPaint(series, PALETTE[series % PALETTE.length]);
            renderer.setSeriesStroke(series, null);
        }
        return chart;
    }

    /** Class probabilities of one prediction, as horizontal bars. */
    static JFreeChart probabilityBars(CategoryDataset data) {
        return bars(null, "probability", data, "Press Predict to see the probabilities.", true);
    }

    /** Accuracy lost when each input column is shuffled, largest first. */
    static JFreeChart importanceBars(CategoryDataset data) {
        return bars("What the model relies on (test accuracy lost when a column is shuffled)", "accuracy lost",
                data, "Measuring each column…", false);
    }

    /** Regression: how much the test mean absolute error grows when each column is shuffled. */
    static JFreeChart errorImportanceBars(CategoryDataset data) {
        return bars("What the model relies on (error added when a column is shuffled)", "mean absolute error added",
                data, "Measuring each column…", false);
    }

    private static JFreeChart bars(String title, String valueLabel, CategoryDataset data,
                                   String noData, boolean zeroToOne) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, data, PlotOrientation.HORIZONTAL,
                false, false, false);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
            chart.getTitle().setPaint(TEXT);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.setNoDataMessage(noData);
        plot.setNoDataMessageFont(LABEL_FONT);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        if (zeroToOne) {
            range.setRange(0, 1);
        }
        range.setLabelFont(LABEL_FONT);
        range.setTickLabelFont(LABEL_FONT);
        plot.getDomainAxis().setTickLabelFont(LABEL_FONT);
        BarRenderer renderer =
                (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ACCENT);
        renderer.setMaximumBarWidth(0.12);
        return chart;
    }

    /**
     * Points, one colour per series (class order, as {@link #PALETTE}); a series whose key is {@link #IDEAL_LINE}
     * is drawn as a thin grey line instead (e.g. predicted = actual).
     */
    static JFreeChart scatter(String title, String xLabel, String yLabel, XYDataset data, String noData) {
        JFreeChart chart = scatterWithoutData(title, xLabel, yLabel, data, noData);
        chart.getXYPlot().setDataset(data);
        return chart;
    }

    /**
     * A scatter chart set up for {@code data} (its point and series counts) but holding no data yet. JFreeChart
     * works out the axes' ranges anew, point by point, each time the plot, a renderer or an axis setting changes:
     * built with its 20,000 points from the start, the explore scatter walked them six times on the FX thread.
     * Given the data last, it walks them once per axis.
     */
    private static JFreeChart scatterWithoutData(String title, String xLabel, String yLabel, XYDataset data,
                                                 String noData) {
        JFreeChart chart = line(title, xLabel, yLabel, new org.jfree.data.xy.DefaultXYDataset(),
                data.getSeriesCount() > 1);
        XYPlot plot = chart.getXYPlot();
        plot.setNoDataMessage(noData);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        int points = pointCount(data);
        boolean idealLine = data.indexOf(IDEAL_LINE) >= 0;
        if (points > 3_000 && !idealLine) {
            plot.setRenderer(manyDots(data.getSeriesCount()));
            return chart;
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true) {
            @Override
            public boolean getItemLineVisible(int series, int item) {
                return IDEAL_LINE.equals(getPlot().getDataset().getSeriesKey(series));
            }

            @Override
            public boolean getItemShapeVisible(int series, int item) {
                return !IDEAL_LINE.equals(getPlot().getDataset().getSeriesKey(series));
            }

            // The legend asks lookupSeriesPaint, the points getItemPaint (which defaults to it): one place for both.
            @Override
            public java.awt.Paint lookupSeriesPaint(int series) {
                return IDEAL_LINE.equals(getPlot().getDataset().getSeriesKey(series)) ? new Color(0x9C, 0xA3, 0xAF)
                        : PALETTE[series % PALETTE.length];
            }
        };
        // Many points: small squares, which the FX canvas fills directly (an ellipse is a path, ~10× slower).
        java.awt.Shape dot = points > 3_000 ? new java.awt.geom.Rectangle2D.Double(-1.5, -1.5, 3, 3)
                : new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5);
        renderer.setDefaultShape(dot);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setDefaultStroke(new BasicStroke(1.2f));
        renderer.setAutoPopulateSeriesStroke(false);
        // No hover entity per point: with 20,000 points building them held up the FX thread for seconds.
        renderer.setDefaultCreateEntities(false);
        plot.setRenderer(renderer);
        return chart;
    }

    private static int pointCount(XYDataset data) {
        int points = 0;
        for (int series = 0; series < data.getSeriesCount(); series++) {
            points += data.getItemCount(series);
        }
        return points;
    }

    /**
     * Thousands of points: 3×3 squares, one fill each, and nothing else per point ({@link SeriesDotRenderer}). The
     * shape renderer's bookkeeping per point (a transformed shape, visibility and label checks) held the FX thread
     * 115–160 ms for the explore scatter's 20,000 points.
     */
    private static org.jfree.chart.renderer.xy.XYDotRenderer manyDots(int seriesCount) {
        org.jfree.chart.renderer.xy.XYDotRenderer dots = new SeriesDotRenderer();
        dots.setDotWidth(3);
        dots.setDotHeight(3);
        for (int series = 0; series < seriesCount; series++) {
            dots.setSeriesPaint(series, PALETTE[series % PALETTE.length]);
        }
        dots.setLegendShape(new java.awt.geom.Rectangle2D.Double(-4, -4, 8, 8));
        dots.setDefaultCreateEntities(false);
        return dots;
    }

    /** A column's distribution: one bar per bin. */
    static JFreeChart histogram(String title, String xLabel, org.jfree.data.xy.IntervalXYDataset data) {
        return histogram(title, xLabel, "rows", data);
    }

    /** A layer's weights or activations, one bar per bin (the Train step's "Layer detail"). */
    static JFreeChart layerHistogram(String title, org.jfree.data.xy.IntervalXYDataset data) {
        JFreeChart chart = histogram(title, null, "count", data);
        chart.getXYPlot().setNoDataMessage("Measured every 20 minibatches while training.");
        styleAxis((NumberAxis) chart.getXYPlot().getDomainAxis());
        styleAxis((NumberAxis) chart.getXYPlot().getRangeAxis());
        return chart;
    }

    private static JFreeChart histogram(String title, String xLabel, String yLabel,
                                        org.jfree.data.xy.IntervalXYDataset data) {
        JFreeChart chart = ChartFactory.createHistogram(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, false,
                true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getTitle().setFont(TITLE_FONT);
        chart.getTitle().setPaint(TEXT);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setNoDataMessage("Choose a column.");
        org.jfree.chart.renderer.xy.XYBarRenderer renderer = (org.jfree.chart.renderer.xy.XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ACCENT);
        renderer.setMargin(0.05);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /** Counts per category, as vertical bars. */
    static JFreeChart categoryCounts(String title, CategoryDataset data, String noData) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, "rows", data, PlotOrientation.VERTICAL, false,
                true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE_FONT);
        chart.getTitle().setPaint(TEXT);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.setNoDataMessage(noData);
        plot.getDomainAxis().setTickLabelFont(LABEL_FONT);
        plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ACCENT);
        renderer.setMaximumBarWidth(0.08);
        return chart;
    }

    /** A small scatter plot for the scatter matrix: no title, legend or tick labels. */
    static JFreeChart smallScatter(XYDataset data, String xLabel, String yLabel) {
        JFreeChart chart = scatterWithoutData(null, xLabel, yLabel, data, "");
        chart.removeLegend();
        XYPlot plot = chart.getXYPlot();
        if (pointCount(data) > 300) {
            // Squares: 56 small charts of 1,500 round points each held the FX thread and then the renderer for about a
            // second when the matrix appeared; 2×2 squares look the same at this size.
            org.jfree.chart.renderer.xy.XYDotRenderer dots = manyDots(data.getSeriesCount());
            dots.setDotWidth(2);
            dots.setDotHeight(2);
            plot.setRenderer(dots);
        } else {
            plot.getRenderer().setDefaultShape(new java.awt.geom.Ellipse2D.Double(-1.2, -1.2, 2.4, 2.4));
        }
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setTickLabelsVisible(false);
            axis.setTickMarksVisible(false);
            axis.setLabelFont(new Font("SansSerif", Font.PLAIN, 9));
        }
        chart.setPadding(new RectangleInsets(1, 1, 1, 1));
        plot.setDataset(data);
        return chart;
    }

    /** The series key that {@link #scatter} draws as a reference line. */
    /**
     * Several runs overlaid: validation loss (top) and validation accuracy or mean absolute error (bottom) per epoch,
     * one colour per run in both, the legend naming each run once.
     */
    static JFreeChart runOverlayChart(XYDataset loss, XYDataset metric) {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        styleAxis(epochs);
        org.jfree.chart.plot.CombinedDomainXYPlot combined = new org.jfree.chart.plot.CombinedDomainXYPlot(epochs);
        combined.setGap(8);
        XYPlot lossPlot = overlayPlot(loss, "validation loss", true);
        lossPlot.setNoDataMessage("Tick two or more runs to overlay their curves.");
        lossPlot.setNoDataMessageFont(LABEL_FONT);
        combined.add(lossPlot, 1);
        combined.add(overlayPlot(metric, "validation accuracy / MAE", false), 1);
        JFreeChart chart = new JFreeChart("Runs compared (validation rows)", TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        chart.getTitle().setPaint(TEXT);
        LegendTitle legendTitle = chart.getLegend();
        legendTitle.setPosition(RectangleEdge.TOP);
        legendTitle.setItemFont(LABEL_FONT);
        legendTitle.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legendTitle.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The colour of the {@code index}-th run in {@link #runOverlayChart} (so both plots agree). */
    static Color runColour(int index) {
        return PALETTE[index % PALETTE.length];
    }

    private static XYPlot overlayPlot(XYDataset data, String yLabel, boolean inLegend) {
        NumberAxis range = new NumberAxis(yLabel);
        range.setAutoRangeIncludesZero(false);
        styleAxis(range);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        renderer.setDefaultSeriesVisibleInLegend(inLegend);
        for (int series = 0; series < PALETTE.length; series++) {
            renderer.setSeriesPaint(series, PALETTE[series]);
        }
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        return plot;
    }

    private static void styleAxis(NumberAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(LABEL_FONT);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
    }

    static final String IDEAL_LINE = "predicted = actual";

    private static JFreeChart line(String title, String xLabel, String yLabel, XYDataset data, boolean legend) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                legend, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
            chart.getTitle().setPaint(TEXT);
        }
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setPosition(RectangleEdge.TOP);
            legendTitle.setItemFont(LABEL_FONT);
            legendTitle.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legendTitle.setBackgroundPaint(Color.WHITE);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.setNoDataMessage("Press Train to see the network learn.");
        plot.setNoDataMessageFont(LABEL_FONT);
        plot.setNoDataMessagePaint(new Color(0x6B, 0x72, 0x80));
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setLabelFont(LABEL_FONT);
            axis.setTickLabelFont(LABEL_FONT);
            axis.setLabelPaint(TEXT);
            axis.setTickLabelPaint(TEXT);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarkPaint(GRID);
        }
        NumberAxis domain = (NumberAxis) plot.getDomainAxis();
        domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        domain.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int series = 0; series < 2; series++) {
            renderer.setSeriesStroke(series, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
