package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ChartWarmUpTest {

    @Test
    void drawsEveryKindOfChartIntoAnImageWithoutTheFxToolkit() {
        BufferedImage image = ChartWarmUp.run();

        // The last chart drawn (the class counts) left marks on the image: bars, axes and text, not a blank page.
        int marked = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int argb = image.getRGB(x, y);
                if ((argb >>> 24) != 0 && (argb & 0xFFFFFF) != 0xFFFFFF) {
                    marked++;
                }
            }
        }
        assertThat(marked).isGreaterThan(500);
    }
}
