package org.layerlab.core.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingConfigTest {

    @ParameterizedTest(name = "epochs={0} batch={1} lr={2}")
    @CsvSource(delimiter = ';', value = {
            "0; 32; 0.01; Epochs must be between 1",
            "10; 0; 0.01; Batch size must be at least 1",
            "10; 32; 0; learning rate must be a small positive number",
            "10; 32; -1; learning rate must be a small positive number",
            "10; 32; NaN; learning rate must be a small positive number"})
    void refusesImpossibleSettingsWithAPlainMessage(int epochs, int batch, double lr, String message) {
        assertThatThrownBy(() -> new TrainingConfig(epochs, batch, lr, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
