package org.layerlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaggeredRedrawsTest {
    private static final long INTERVAL = 400;
    private final List<String> drawn = new ArrayList<>();
    private final StaggeredRedraws redraws = new StaggeredRedraws(INTERVAL);

    private void request(String chart) {
        redraws.request(chart, () -> drawn.add(chart));
    }

    @Test
    void drawsOneChartPerCallInTheOrderTheyGotPoints() {
        request("loss");
        request("accuracy");
        request("loss"); // asked twice, drawn once
        request("layers");

        assertThat(redraws.drawOneDue(0)).isTrue();
        assertThat(redraws.drawOneDue(100)).isTrue();
        assertThat(redraws.drawOneDue(200)).isTrue();
        assertThat(redraws.drawOneDue(300)).isFalse();

        assertThat(drawn).containsExactly("loss", "accuracy", "layers");
        assertThat(redraws.hasPending()).isFalse();
    }

    @Test
    void aChartWaitsForItsIntervalWhileAnotherDueChartGoesFirst() {
        request("loss");
        redraws.drawOneDue(0);
        request("loss");
        request("accuracy");

        redraws.drawOneDue(100); // loss drew at 0, so accuracy goes first
        redraws.drawOneDue(200); // loss still within its interval
        assertThat(drawn).containsExactly("loss", "accuracy");

        redraws.drawOneDue(400);
        assertThat(drawn).containsExactly("loss", "accuracy", "loss");
    }

    @Test
    void afterTheRunDrawOneDrawsTheLongestWaitingChartWithoutWaitingForItsInterval() {
        request("loss");
        redraws.drawOneDue(0);
        request("loss");
        request("accuracy");

        assertThat(redraws.drawOne(10)).isTrue(); // loss drew 10 ago, but nothing more is coming
        assertThat(redraws.drawOne(20)).isTrue();
        assertThat(redraws.drawOne(30)).isFalse();

        assertThat(drawn).containsExactly("loss", "loss", "accuracy");
        assertThat(redraws.hasPending()).isFalse();
    }

    @Test
    void drawAllDrawsEveryPendingChartAtOnce() {
        request("loss");
        redraws.drawOneDue(0);
        request("loss");
        request("weights");
        request("activations");

        redraws.drawAll(10);

        assertThat(drawn).containsExactly("loss", "loss", "weights", "activations");
        assertThat(redraws.hasPending()).isFalse();
    }
}
