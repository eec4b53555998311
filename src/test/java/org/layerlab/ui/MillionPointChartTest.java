package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * A run of 1,000,000 iterations through the Train step's view model (a scripted trainer, so that it takes seconds):
 * the loss chart keeps at most {@link TrainViewModel#MAX_LOSS_POINTS} block averages while every loss stays
 * available for the CSV export. Always checks that; with {@code -Dlayerlab.benchmark=true} it also prints how long
 * the loss chart takes to draw from what it keeps against drawing all million points:
 * <pre>mvn -o test -Dtest=MillionPointChartTest -Dlayerlab.benchmark=true</pre>
 */
class MillionPointChartTest {
    private static final int EPOCHS = 1_000;
    private static final int ITERATIONS_PER_EPOCH = 1_000;

    @Test
    void aMillionLossesArePlottedAsAtMostTwoThousandPointsAndExportedInFull() {
        ViewModelHarness harness = new ViewModelHarness(FakeTrainer.completing(ITERATIONS_PER_EPOCH));
        harness.project.openSample(Sample.IRIS);
        harness.pumpUntil("iris is prepared", Duration.ofSeconds(30), () -> harness.project.getExperiment() != null);
        TrainViewModel train = harness.viewModels.train();
        train.epochsTextProperty().set(Integer.toString(EPOCHS));

        train.train();
        harness.pumpUntil("the run ends", Duration.ofSeconds(120),
                () -> !harness.project.trainingRunningProperty().get());

        XYSeries shown = train.lossData().getSeries(0);
        assertThat(shown.getItemCount()).isBetween(1_000, TrainViewModel.MAX_LOSS_POINTS);
        assertThat(shown.getMaxX()).isEqualTo((double) EPOCHS * ITERATIONS_PER_EPOCH);
        // The smoothed loss and the learning rate are thinned the same way.
        assertThat(train.lossData().getSeries(1).getItemCount()).isEqualTo(shown.getItemCount());
        assertThat(train.learningRateData().getSeries(0).getItemCount()).isEqualTo(shown.getItemCount());
        assertThat(train.curvesSnapshot().iterationCount()).isEqualTo(EPOCHS * ITERATIONS_PER_EPOCH);
        long csvLines = train.curvesSnapshot().toCsv().lines().count();
        assertThat(csvLines).isGreaterThan(EPOCHS * ITERATIONS_PER_EPOCH);

        if (Boolean.getBoolean("layerlab.benchmark")) {
            XYSeries all = new XYSeries("every loss", false, true);
            for (int i = 1; i <= EPOCHS * ITERATIONS_PER_EPOCH; i++) {
                all.add(i, 1.0 / (i + 1), false);
            }
            double thinned = drawMillis(Charts.lossChart(train.lossData()));
            double full = drawMillis(Charts.lossChart(new XYSeriesCollection(all)));
            System.out.printf(Locale.ROOT, "%n=== loss chart, 1,000,000 iterations: %,d points shown, drawn in %.1f ms; "
                    + "all 1,000,000 points drawn in %.1f ms (median of 5, 900 × 300 pixels)%n",
                    shown.getItemCount(), thinned, full);
        }
    }

    /** The median time of five draws into an image the size of the chart in the window. */
    private static double drawMillis(JFreeChart chart) {
        BufferedImage image = new BufferedImage(900, 300, BufferedImage.TYPE_INT_ARGB);
        double[] times = new double[5];
        for (int i = 0; i < times.length + 2; i++) {
            Graphics2D graphics = image.createGraphics();
            long start = System.nanoTime();
            chart.draw(graphics, new Rectangle2D.Double(0, 0, 900, 300));
            long spent = System.nanoTime() - start;
            graphics.dispose();
            if (i >= 2) {
                times[i - 2] = spent / 1e6; // the first two draws warm up
            }
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
