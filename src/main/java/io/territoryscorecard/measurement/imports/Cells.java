package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.input.UserInput;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks single values. Numbers fit the measurement columns, DECIMAL(20,6): at most 14 digits before the decimal point
 * and 6 after it, written with a decimal point (scientific notation such as 1.5e3 is accepted); everything else is
 * refused with the reason. "-0" is 0.
 */
public final class Cells {

    public static final int MAX_INTEGER_DIGITS = 14;
    public static final int MAX_DECIMALS = 6;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}([,.' \u00a0\u202f]\\d{3})+([.,]\\d+)?");
    private static final Set<String> NOT_NUMBERS = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity",
            "+infinity", "-infinity", "\u221e", "-\u221e", "+\u221e");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>,;]+@[^@\\s\"<>,;]+\\.[^@\\s\"<>,;]+");

    private Cells() {
    }

    /** A value that cannot be used, with the reason in words. */
    public static final class InvalidCell extends Exception {

        public InvalidCell(String message) {
            super(message, null, false, false);
        }
    }

    /** The number in {@code text} (already stripped; not empty), exactly, or the reason it is not accepted. */
    public static BigDecimal number(String text) throws InvalidCell {
        if (text.length() > 40) {
            throw new InvalidCell("'" + shorten(text) + "' is not a number");
        }
        if (NOT_NUMBERS.contains(text.toLowerCase(Locale.ROOT))) {
            throw new InvalidCell("'" + text + "' is not a number; write a finite number, or leave the cell empty "
                    + "when there is no value");
        }
        if (!NUMBER.matcher(text).matches()) {
            if (DECIMAL_COMMA.matcher(text).matches()) {
                if (text.length() - text.indexOf(',') - 1 == 3) {
                    throw new InvalidCell("'" + text + "' has a comma; use a decimal point (" + text.replace(',', '.')
                            + ") and no thousands separators (" + text.replace(",", "") + ")");
                }
                throw new InvalidCell("'" + text + "' has a decimal comma; use a decimal point: "
                        + text.replace(',', '.'));
            }
            if (THOUSANDS.matcher(text).matches()) {
                throw new InvalidCell("'" + text + "' has a thousands separator; write the number without it and "
                        + "with a decimal point, such as 1234567.89");
            }
            throw new InvalidCell("'" + text + "' is not a number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidCell("'" + text + "' is not a number that can be stored");
        }
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        value = value.stripTrailingZeros();
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new InvalidCell("'" + text + "' is too large: at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        if (value.scale() > MAX_DECIMALS) {
            throw new InvalidCell("'" + text + "' has more than " + MAX_DECIMALS + " decimals; round it to at most "
                    + MAX_DECIMALS);
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** A code (territory, region, KPI): letters, digits, '-', '_' and '.', starting with a letter or digit. */
    public static String code(String text, int maxLength) throws InvalidCell {
        if (text.length() > maxLength) {
            throw new InvalidCell("'" + shorten(text) + "' is longer than " + maxLength + " characters");
        }
        if (!CODE.matcher(text).matches()) {
            throw new InvalidCell("'" + shorten(text) + "' is not a code: use letters, digits, '-', '_' and '.', "
                    + "starting with a letter or digit");
        }
        return text;
    }

    /** A name or other free text, at most {@code maxLength} characters; kept as written (never interpreted). */
    public static String text(String text, int maxLength) throws InvalidCell {
        if (text.length() > maxLength) {
            throw new InvalidCell("longer than " + maxLength + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new InvalidCell("holds a line break or another control character");
        }
        return text;
    }

    /** An e-mail address, in lower case (addresses are compared without regard to case). */
    public static String email(String text) throws InvalidCell {
        if (text.length() > 320 || !EMAIL.matcher(text).matches()) {
            throw new InvalidCell("'" + shorten(text) + "' is not an e-mail address");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The text cut to 60 characters for a message. */
    public static String shorten(String text) {
        return UserInput.shortened(text, 60);
    }
}
