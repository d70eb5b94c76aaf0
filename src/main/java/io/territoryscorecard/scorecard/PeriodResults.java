package io.territoryscorecard.scorecard;

import java.time.LocalDateTime;

/**
 * One set of results a period has: its current results (purpose CURRENT) or a restatement with another ruleset
 * version (RESTATEMENT), read with {@code ?version=} + {@code rulesetVersionId}.
 *
 * @param updatedAt when these results became the period's current results or its restatement with the version
 */
public record PeriodResults(String purpose, long rulesetVersionId, String rulesetVersion, long evaluationRunId,
        String requestedBy, LocalDateTime finishedAt, LocalDateTime updatedAt) {
}
