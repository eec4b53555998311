package org.layerlab.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkSpecTest {

    @ParameterizedTest(name = "{0} inputs, hidden [{1}], {2} classes → {3} parameters")
    @CsvSource(delimiter = ';', value = {
            "4; 64,32; 3; 2499",      // 4*64+64 + 64*32+32 + 32*3+3
            "4; ; 3; 15",              // logistic regression: 4*3+3
            "64; 10; 10; 760",         // 64*10+10 + 10*10+10
            "784; 256,128; 10; 235146"})
    void countsWeightsAndBiases(int inputs, String hidden, int classes, long expected) {
        List<Integer> units = hidden == null ? List.of()
                : java.util.Arrays.stream(hidden.split(",")).map(Integer::parseInt).toList();

        NetworkSpec spec = NetworkSpec.ofUnits(units, Activation.RELU);

        assertThat(spec.parameterCount(inputs, classes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} units")
    @CsvSource({"0", "-3", "100001"})
    void refusesImpossibleLayerSizesWithAPlainMessage(int units) {
        assertThatThrownBy(() -> new DenseSpec(units, Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 100000 units");
    }

    @org.junit.jupiter.api.Test
    void describesTheLayerSizes() {
        assertThat(NetworkSpec.defaultSpec().describe(4, 3)).isEqualTo("4 → 64 → 32 → 3");
    }
}
