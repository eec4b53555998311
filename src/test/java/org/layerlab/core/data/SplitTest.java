package org.layerlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static int[] classes(int... perClass) {
        return IntStream.range(0, perClass.length)
                .flatMap(c -> IntStream.generate(() -> c).limit(perClass[c]))
                .toArray();
    }

    @Test
    void splitsEveryRowExactlyOnceInTheRequestedShares() {
        int[] classOfRow = classes(50, 50, 50);

        Split split = Split.stratified(classOfRow, SplitSettings.defaults());

        Set<Integer> seen = new HashSet<>();
        IntStream.of(split.train()).forEach(seen::add);
        IntStream.of(split.validation()).forEach(seen::add);
        IntStream.of(split.test()).forEach(seen::add);
        assertThat(seen).hasSize(150);
        assertThat(split.train().length + split.validation().length + split.test().length).isEqualTo(150);
        assertThat(split.train().length).isBetween(102, 108);
        assertThat(split.test().length).isBetween(21, 24);
    }

    @Test
    void keepsTheClassBalanceInEachSplit() {
        int[] classOfRow = classes(300, 100);

        Split split = Split.stratified(classOfRow, SplitSettings.defaults());

        for (int[] part : new int[][] {split.train(), split.validation(), split.test()}) {
            long minority = Arrays.stream(part).filter(row -> classOfRow[row] == 1).count();
            assertThat((double) minority / part.length).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        int[] classOfRow = classes(40, 40);

        Split first = Split.stratified(classOfRow, SplitSettings.defaults());
        Split again = Split.stratified(classOfRow, SplitSettings.defaults());
        Split other = Split.stratified(classOfRow, SplitSettings.defaults().withSeed(7));

        assertThat(again.test()).containsExactly(first.test());
        assertThat(other.test()).isNotEqualTo(first.test());
    }

    @Test
    void rowsWithoutALabelAreLeftOut() {
        int[] classOfRow = {0, 1, -1, 0, 1, 0, 1, 0, 1, -1};

        Split split = Split.stratified(classOfRow, SplitSettings.defaults());

        assertThat(split.train().length + split.validation().length + split.test().length).isEqualTo(8);
        assertThat(split.train()).doesNotContain(2, 9);
    }

    @Test
    void settingsMustAddUpAndLeaveATestSet() {
        assertThatThrownBy(() -> new SplitSettings(0.8, 0.3, 0.1, 1)).hasMessageContaining("add up to 100%");
        assertThatThrownBy(() -> SplitSettings.ofPercent(80, 20, 1)).hasMessageContaining("nothing for the test set");
        assertThat(SplitSettings.ofPercent(60, 20, 3).test()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    }
}
