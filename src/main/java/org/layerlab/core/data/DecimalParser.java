package org.layerlab.core.data;

/**
 * Parses plain decimal numbers ("-12.5", "3e-4", ".5") straight from a character buffer, without making a String
 * per cell. Refuses the Java-only forms {@link Double#parseDouble} would accept ("1d", "0x1p3", "Infinity", "NaN"),
 * since in a data file those are words, not numbers.
 *
 * <p>Fast path (Clinger, "How to read floating point numbers accurately", 1990): when the digits fit in a
 * {@code long} below 2^53 and the power of ten is at most 22, {@code mantissa × 10^e} (or {@code ÷ 10^-e}) is one
 * correctly rounded IEEE operation on exact operands, so the result equals {@code Double.parseDouble}. Anything
 * else falls back to {@code Double.parseDouble}.
 */
final class DecimalParser {
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final long EXACT_LIMIT = 1L << 53;

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private DecimalParser() {
    }

    /** The number in {@code text[start, end)}, or NaN when it is not a plain decimal number. */
    static double parse(char[] text, int start, int end) {
        int i = start;
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        char c = text[i];
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        boolean digits = false;
        boolean dot = false;
        boolean exact = true;
        for (; i < end; i++) {
            c = text[i];
            if (c >= '0' && c <= '9') {
                digits = true;
                if (mantissa == 0 && c == '0') {
                    if (dot) {
                        scale--;
                    }
                    continue; // leading zeros carry no information
                }
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                    if (dot) {
                        scale--;
                    }
                } else {
                    exact = false; // too many digits for the fast path; parse the whole text instead
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end) {
            c = text[i];
            if (c != 'e' && c != 'E') {
                return Double.NaN;
            }
            i++;
            boolean negativeExponent = false;
            if (i < end && (text[i] == '+' || text[i] == '-')) {
                negativeExponent = text[i] == '-';
                i++;
            }
            int exponentStart = i;
            for (; i < end && text[i] >= '0' && text[i] <= '9'; i++) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (text[i] - '0');
                }
            }
            if (i == exponentStart || i != end) {
                return Double.NaN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        int power = scale + exponent;
        if (exact && mantissa < EXACT_LIMIT && power >= -22 && power <= 22) {
            double value = mantissa == 0 ? 0 : power >= 0 ? mantissa * POWERS_OF_TEN[power]
                    : mantissa / POWERS_OF_TEN[-power];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(text, start, end - start));
    }

    /** Convenience for callers holding a String. */
    static double parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }
}
