package io.territoryscorecard.ruleset.fact;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal arithmetic as a person with a calculator does it: 16.2 / 18 is exactly 0.9. Quotients keep 30 decimals,
 * far more than any comparison needs; rounding for storage and display is half-up.
 */
public final class Decimals {

    /** Decimals kept by a quotient that does not terminate (1/3). */
    public static final int QUOTIENT_SCALE = 30;

    private Decimals() {
    }

    public static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a number is required");
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (write it like 0.90)");
        }
    }

    public static BigDecimal parseOrNull(String text) {
        return text == null || text.isBlank() ? null : parse(text);
    }

    public static BigDecimal parsePositive(String text, String what) {
        BigDecimal value = parse(text);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be above zero, not " + text);
        }
        return value;
    }

    /** dividend / divisor with {@link #QUOTIENT_SCALE} decimals; exact whenever the quotient terminates earlier. */
    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, QUOTIENT_SCALE, RoundingMode.HALF_UP);
    }

    /** Rounded half-up to the given decimals, as stored and shown. */
    public static BigDecimal round(BigDecimal value, int decimals) {
        return value == null ? null : value.setScale(decimals, RoundingMode.HALF_UP);
    }

    /** At least {@code min} and at most {@code max}. */
    public static BigDecimal clamp(BigDecimal value, BigDecimal min, BigDecimal max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    /** The number without trailing zeros and without exponent: 0.900 -> "0.9", 80.00 -> "80". */
    public static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** A ratio as a percentage for messages: percent(0.72, 1) -> "72.0%". */
    public static String percent(BigDecimal ratio, int decimals) {
        return round(ratio.movePointRight(2), decimals).toPlainString() + "%";
    }
}
