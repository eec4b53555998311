package org.layerlab.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.layerlab.core.bundle.ImageBundleFixture;
import org.layerlab.core.bundle.ImagePredictor;
import org.layerlab.core.bundle.ModelBundle;

/** Occlusion saliency of a real trained model on a real digit. */
class OcclusionSaliencyTest {

    @Test
    void theModelLooksAtTheStrokesNotAtTheEmptyBorder() throws IOException {
        ModelBundle bundle = ImageBundleFixture.bundle();
        ImagePredictor predictor = new ImagePredictor(bundle);
        Path digit;
        try (var files = Files.list(Path.of("samples/mnist-small/test/0"))) {
            digit = files.sorted().findFirst().orElseThrow();
        }
        float[] pixels = predictor.read(digit);
        int predicted = bundle.classNames().indexOf(predictor.predictPixels(java.util.List.of(pixels)).get(0).label());

        float[] map = OcclusionSaliency.map(bundle.model(), pixels, predictor.shape(), predicted);

        assertThat(map).hasSize(28 * 28);
        float max = 0;
        double ink = 0;
        int inkCount = 0;
        double border = 0;
        int borderCount = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float score = map[y * 28 + x];
                assertThat(score).isBetween(0f, 1f);
                max = Math.max(max, score);
                if (pixels[y * 28 + x] > 0.5f) {
                    ink += score;
                    inkCount++;
                } else if (y < 3 || y > 24 || x < 3 || x > 24) {
                    border += score;
                    borderCount++;
                }
            }
        }
        assertThat(max).isEqualTo(1f);
        assertThat(ink / inkCount).isGreaterThan(2 * border / borderCount);
    }
}
