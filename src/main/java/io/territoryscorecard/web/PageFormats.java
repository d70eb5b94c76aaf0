package io.territoryscorecard.web;

import io.territoryscorecard.ruleset.fact.Perspective;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How every page writes numbers, units, perspectives and directions, so that the scorecard, the list and the alerts
 * read alike: "179,750 EUR", "69.0 %", "42 days", "Internal process", "lower is better". Templates call it as
 * {@code @formats.measure(value, unit)} inside an expression; nothing here changes a stored number, it only writes
 * it. English separators everywhere (a comma between thousands, a point before decimals), whatever the server's
 * locale.
 */
@Component("formats")
public class PageFormats {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ENGLISH);

    /**
     * A KPI's actual or target with the unit of the KPI catalogue: EUR in whole euros, percentages to one decimal,
     * days to at most one decimal; scores, indexes and counts as plain numbers, as their unit says no more than the
     * KPI's name. Empty for no value.
     */
    public String measure(BigDecimal value, String unit) {
        if (value == null) {
            return "";
        }
        String u = unit == null ? "" : unit.trim();
        return switch (u) {
            case "EUR" -> format(value, "#,##0") + " EUR";
            case "%" -> format(value, "#,##0.0") + " %";
            case "days" -> format(value, "#,##0.#") + (value.compareTo(BigDecimal.ONE) == 0 ? " day" : " days");
            case "", "score", "index", "count" -> format(value, "#,##0.##");
            default -> format(value, "#,##0.##") + " " + u;
        };
    }

    /** A share (1 = 100 %) as a percentage to one decimal: 0.69 is "69.0 %". */
    public String share(BigDecimal value) {
        return value == null ? "" : format(value.movePointRight(2), "#,##0.0") + " %";
    }

    /** A score of 0 to 100, to two decimals as stored: "80.00"; empty for none. */
    public String score(BigDecimal value) {
        return value == null ? "" : format(value, "#,##0.00");
    }

    /** A change of score with its sign: "+1.50", "-0.25", "0.00". */
    public String change(BigDecimal value) {
        if (value == null) {
            return "";
        }
        return (value.signum() > 0 ? "+" : "") + format(value, "#,##0.00");
    }

    /** A weight (a share of 100) without trailing zeros: "40 %". */
    public String weight(BigDecimal value) {
        return value == null ? "" : format(value, "#,##0.##") + " %";
    }

    /** A whole number with thousands separators: "12,830". */
    public String count(long value) {
        return format(BigDecimal.valueOf(value), "#,##0");
    }

    /** A perspective's name in words ("Learning & growth"); an unknown code as it is. */
    public String perspective(String code) {
        if (code == null) {
            return "";
        }
        for (Perspective perspective : Perspective.values()) {
            if (perspective.name().equals(code)) {
                return perspective.getLabel();
            }
        }
        return code;
    }

    /** Which way a KPI is better, in words: HIGHER is "higher is better", LOWER "lower is better". */
    public String direction(String direction) {
        if (direction == null) {
            return "";
        }
        return switch (direction) {
            case "HIGHER" -> "higher is better";
            case "LOWER" -> "lower is better";
            default -> direction.toLowerCase(Locale.ROOT);
        };
    }

    private static String format(BigDecimal value, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, SYMBOLS);
        format.setRoundingMode(RoundingMode.HALF_UP);
        String written = format.format(value);
        // "-0" and "-0.0" from rounding a small negative number say nothing more than 0.
        return written.matches("-0(\\.0+)?") ? written.substring(1) : written;
    }
}
