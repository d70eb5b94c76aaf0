package io.territoryscorecard.measurement;

import io.territoryscorecard.input.UserInput;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** A scorecard period: one calendar month, written YYYY-MM. */
public record Period(YearMonth month) implements Comparable<Period> {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM");

    /** Parses "2026-10"; anything else (2026-13, 26-01, 2026-1) is rejected with a message that says why. */
    public static Period parse(String text) {
        if (text == null || !FORMAT.matcher(text.strip()).matches()) {
            throw new InvalidPeriodException("period '" + UserInput.shortened(text, 23) + "' is not a month written YYYY-MM, such as 2026-10");
        }
        String value = text.strip();
        int month = Integer.parseInt(value.substring(5));
        if (month < 1 || month > 12) {
            throw new InvalidPeriodException("period '" + text + "' has month " + month + "; months run from 01 to 12");
        }
        return new Period(YearMonth.of(Integer.parseInt(value.substring(0, 4)), month));
    }

    public Period minusMonths(int months) {
        return new Period(month.minusMonths(months));
    }

    @Override
    public int compareTo(Period other) {
        return month.compareTo(other.month);
    }

    @Override
    public String toString() {
        return month.format(TEXT);
    }

    /** A period that is not a valid YYYY-MM month. */
    public static class InvalidPeriodException extends IllegalArgumentException {

        public InvalidPeriodException(String message) {
            super(message);
        }
    }
}
