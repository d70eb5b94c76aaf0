package io.territoryscorecard.scorecard;

import java.math.BigDecimal;
import java.util.List;

/**
 * The roll-ups of a period's results: the company and the regions the caller may see, as the run that produced the
 * results stored them (method and status limits of its ruleset version).
 *
 * @param purpose CURRENT, or RESTATEMENT when read with a ruleset version that restated the period
 * @param method how the scores were rolled up ({@code MEAN}: the mean of the territories' stored scores present)
 */
public record RollupReport(String period, String rulesetVersion, long rulesetVersionId, long evaluationRunId,
        String purpose, String method, Figure company, List<Figure> regions) {

    /**
     * The roll-up of a region (code and name) or of the company (both null).
     *
     * @param score the mean overall score of the territories that have one, null when none has
     * @param territories every territory of the run in the region (or the company), scored or not
     * @param worst the territory with the lowest overall score (ties: the first by code); null when none has a score,
     *        or, in the company figure, when that territory is outside the caller's scope
     */
    public record Figure(String code, String name, BigDecimal score, String status, List<PerspectiveFigure> perspectives,
            int territories, int green, int amber, int red, int unscored, Worst worst) {
    }

    /** A perspective's mean score over the territories that have one ({@code territories} of them). */
    public record PerspectiveFigure(String code, BigDecimal score, String status, int territories) {
    }

    public record Worst(String territory, BigDecimal score) {
    }
}
