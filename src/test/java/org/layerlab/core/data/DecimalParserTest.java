package org.layerlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "+7", "-12.5", "0.05", "1.", ".5", "-.5", "3e-4", "1E10", "2.5e+3",
            "123456789012345678", "1234567890123456789012", "0.1", "0.30000000000000004", "9007199254740993",
            "1e-300", "4.9e-324", "1.7976931348623157e308", "1e400", "000123.4500", "6.02214076e23"})
    void agreesWithJavaOnEveryPlainDecimal(String text) {
        assertThat(Double.doubleToLongBits(DecimalParser.parse(text)))
                .as(text).isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "e5", "1e", "1e+", "1d", "1f", "0x10", "Infinity", "NaN", "1,5",
            "1.2.3", "12a", "--1", "1e5.5"})
    void refusesWhatIsNotAPlainDecimal(String text) {
        assertThat(DecimalParser.parse(text)).as(text).isNaN();
    }

    @Test
    void agreesWithJavaOnManyRandomNumbersAsSpreadsheetsWriteThem() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(16) - 8);
            String text = switch (i % 4) {
                case 0 -> Double.toString(value);
                case 1 -> String.format(Locale.ROOT, "%.5f", value);
                case 2 -> String.format(Locale.ROOT, "%.3e", value);
                default -> Long.toString(random.nextLong() >> random.nextInt(64));
            };
            assertThat(Double.doubleToLongBits(DecimalParser.parse(text)))
                    .as(text).isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
        }
    }
}
