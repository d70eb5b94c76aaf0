package io.territoryscorecard.scorecard;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scores from which an overall or perspective score was GREEN and AMBER in one evaluation run, as the ruleset
 * version of that run set them (its {@code ScoreLimit} settings). Read back from the bands its stored explanations
 * name ("60 <= score < 80"), so a page shows the limits the results were judged by, not today's rules. Either may be
 * null when no stored result of the run names it.
 */
public record ScoreLimits(BigDecimal green, BigDecimal amber) {

    private static final Pattern BAND = Pattern.compile(
            "^\\s*(?:(-?[0-9.]+)\\s*<=\\s*)?score(?:\\s*<\\s*(-?[0-9.]+))?\\s*$");

    public static final ScoreLimits NONE = new ScoreLimits(null, null);

    public boolean isEmpty() {
        return green == null && amber == null;
    }

    /**
     * Adds what one stored band says: a GREEN band starts at the GREEN limit; an AMBER band starts at the AMBER limit
     * and ends at the GREEN one; a RED band ends at the lowest limit above it, the AMBER one when there is an AMBER
     * limit (RED is everything below the lowest limit).
     */
    ScoreLimits with(String status, String rule) {
        if (status == null || rule == null) {
            return this;
        }
        Matcher band = BAND.matcher(rule);
        if (!band.matches()) {
            return this;
        }
        BigDecimal from = band.group(1) == null ? null : new BigDecimal(band.group(1));
        BigDecimal to = band.group(2) == null ? null : new BigDecimal(band.group(2));
        return switch (status) {
            case "GREEN" -> new ScoreLimits(green == null ? from : green, amber);
            case "AMBER" -> new ScoreLimits(green == null ? to : green, amber == null ? from : amber);
            case "RED" -> new ScoreLimits(green, amber == null ? to : amber);
            default -> this;
        };
    }
}
