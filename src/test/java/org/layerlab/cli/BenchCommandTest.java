package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The benchmark runs and reports; its numbers are read by people, not asserted. */
class BenchCommandTest {

    @Test
    void csvBenchmarkLoadsTheGeneratedFileAndPrintsItsRate() {
        StringWriter out = new StringWriter();

        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "bench", "csv", "--rows", "2000", "--columns", "5", "--repeat", "2");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("2,000 rows × 5 columns: median").contains("rows/s");
    }

    @Test
    void imageBenchmarkIndexesAndDecodesAFolder() {
        StringWriter out = new StringWriter();

        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "bench", "images", "--folder", "samples/mnist-small");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Indexed 400 images in 10 classes").contains("Decoded 400 images (28×28");
    }

    @Test
    void serveBenchmarkRunsBoundedLoadOnLoopback() {
        StringWriter out = new StringWriter();

        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "bench", "serve", "--clients", "2", "--requests", "25");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("2 clients × 25 requests on 127.0.0.1").contains("requests/s")
                .contains("p99");
    }

    @Test
    void trainingBenchmarkRunsBothNetworksAndThePlainDl4jYardstick() {
        StringWriter out = new StringWriter();

        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "bench", "--epochs", "1", "--rounds", "1", "--mnist", "src/test/resources/mnist-idx-small");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("MNIST: 640 training and 200 test images")
                .contains("system=layerlab net=mlp").contains("system=dl4j-plain net=mlp")
                .contains("system=layerlab net=cnn").contains("system=dl4j-plain net=cnn")
                .contains("layerlab_vs_plain=").contains("peak_rss_mb=");
    }
}
