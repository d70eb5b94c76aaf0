package io.territoryscorecard.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a candidate ruleset would change in a period, compared with the period's current results at the precision
 * they are stored with. Nothing of it is stored.
 *
 * @param territories how many territories were compared (the counts before and after each add up to it)
 * @param summary the changes in sentences: "14 territories turn RED", "+25 flags, -10 flags", "+3 alerts, -1 alert"
 * @param statusChanges every territory whose overall status changes, by territory
 * @param regionChanges every region whose roll-up status changes, by region: its mean overall score before (the
 *        current results' roll-up, by the current ruleset's settings) and after (by the candidate's)
 * @param largestScoreDeltas the largest overall score changes, status changed or not, largest first
 * @param alerts the alerts the alert rules would ask for in addition or no longer (code and subject, like flags)
 */
public record PreviewReport(String period, Candidate candidate, Baseline baseline, int territories,
        StatusCounts statusCounts, List<String> summary, List<TerritoryChange> statusChanges,
        List<RegionChange> regionChanges, List<TerritoryChange> largestScoreDeltas, FlagChanges flags, FlagChanges alerts, Timing timing) {

    /** The status counted for a territory that has no overall status (no perspective could be scored). */
    static final String UNSCORED = "UNSCORED";
    /** The status counted before for a territory that the current results do not contain. */
    static final String NOT_EVALUATED = "NOT_EVALUATED";
    private static final List<String> STATUSES = List.of("GREEN", "AMBER", "RED", UNSCORED, NOT_EVALUATED);

    /**
     * @param source {@code version} (a stored version), {@code upload} (files sent with the request),
     *        {@code folder} (a folder read by the command line) or {@code draft} (a draft of the rules workbench)
     * @param rulesetVersionId the stored version, null for uploads and folders
     */
    public record Candidate(String source, Long rulesetVersionId, String label, String sha256, String origin) {
    }

    /** The period's current results the candidate is compared with. */
    public record Baseline(long evaluationRunId, long rulesetVersionId, String rulesetVersion) {
    }

    /** Territories per overall status, before (current results) and after (candidate). */
    public record StatusCounts(Map<String, Integer> before, Map<String, Integer> after) {
    }

    /** One territory's overall status and score, before and after; delta is after - before (null if one is missing). */
    public record TerritoryChange(String territory, String territoryName, String region, String from, String to,
            BigDecimal scoreBefore, BigDecimal scoreAfter, BigDecimal delta) {

        boolean statusChanges() {
            return !from.equals(to);
        }
    }

    /**
     * A region's roll-up status and score, before and after ({@code UNSCORED} with a null score when none of its
     * territories has a score).
     */
    public record RegionChange(String region, String regionName, String from, String to, BigDecimal scoreBefore,
            BigDecimal scoreAfter) {
    }

    public record FlagChanges(int added, int removed, List<TerritoryFlags> territories) {
    }

    /** The flags (or alerts) a territory gains and loses. */
    public record TerritoryFlags(String territory, List<Flag> added, List<Flag> removed) {
    }

    /**
     * A flag's or an alert's identity: its code and subject; perspective and kpi are null when it is not about one.
     */
    public record Flag(String code, String perspective, String kpi) {
    }

    /** How long the candidate took to compile, to evaluate every territory, and the whole preview. */
    public record Timing(long compileMillis, long evaluateMillis, long totalMillis) {
    }

    /** A territory of the period: its name and region, and its outcome before and after (null when absent). */
    record Compared(String territory, String territoryName, String region, String regionName,
            TerritoryOutcome before, TerritoryOutcome after) {
    }

    /**
     * Compares every territory's outcome, and every region's roll-up (made with the baseline's and the candidate's
     * roll-up rules); {@code top} limits the list of largest score deltas.
     */
    static PreviewReport compare(String period, Candidate candidate, Baseline baseline, List<Compared> territories,
            int top, RollupRules rollupBefore, RollupRules rollupAfter) {
        Map<String, Integer> before = counts();
        Map<String, Integer> after = counts();
        List<TerritoryChange> changes = new ArrayList<>();
        List<TerritoryChange> deltas = new ArrayList<>();
        Subjects flags = new Subjects();
        Subjects alerts = new Subjects();
        for (Compared t : territories.stream().sorted(Comparator.comparing(Compared::territory)).toList()) {
            String from = t.before() == null ? NOT_EVALUATED : statusOf(t.before());
            String to = statusOf(t.after());
            before.merge(from, 1, Integer::sum);
            after.merge(to, 1, Integer::sum);
            BigDecimal scoreBefore = t.before() == null ? null : t.before().score();
            BigDecimal scoreAfter = t.after().score();
            BigDecimal delta = scoreBefore == null || scoreAfter == null ? null : scoreAfter.subtract(scoreBefore);
            TerritoryChange change = new TerritoryChange(t.territory(), t.territoryName(), t.region(), from, to,
                    scoreBefore, scoreAfter, delta);
            if (change.statusChanges()) {
                changes.add(change);
            }
            if (delta != null && delta.signum() != 0) {
                deltas.add(change);
            }
            flags.compare(t.territory(), t.before() == null ? Map.of() : t.before().flags(), t.after().flags());
            alerts.compare(t.territory(), t.before() == null ? Map.of() : t.before().alerts(), t.after().alerts());
        }
        deltas.sort(Comparator.comparing((TerritoryChange c) -> c.delta().abs()).reversed()
                .thenComparing(TerritoryChange::territory));
        List<TerritoryChange> largest = List.copyOf(deltas.subList(0, Math.min(top, deltas.size())));
        return new PreviewReport(period, candidate, baseline, territories.size(), new StatusCounts(before, after),
                summary(changes, deltas, flags, alerts), changes,
                regionChanges(territories, rollupBefore, rollupAfter), largest, flags.changes(), alerts.changes(),
                null);
    }

    PreviewReport timed(Timing timing) {
        return new PreviewReport(period, candidate, baseline, territories, statusCounts, summary, statusChanges,
                regionChanges, largestScoreDeltas, flags, alerts, timing);
    }

    /** The regions whose roll-up status differs, by region code; the scores as {@link RollupStore} computes them. */
    private static List<RegionChange> regionChanges(List<Compared> territories, RollupRules before,
            RollupRules after) {
        Map<String, List<Compared>> byRegion = new TreeMap<>();
        territories.forEach(t -> byRegion.computeIfAbsent(t.region(), code -> new ArrayList<>()).add(t));
        List<RegionChange> changes = new ArrayList<>();
        byRegion.forEach((region, members) -> {
            BigDecimal scoreBefore = mean(members.stream().map(Compared::before).toList(), before);
            BigDecimal scoreAfter = mean(members.stream().map(Compared::after).toList(), after);
            String from = Objects.requireNonNullElse(before.status(scoreBefore), UNSCORED);
            String to = Objects.requireNonNullElse(after.status(scoreAfter), UNSCORED);
            if (!from.equals(to)) {
                changes.add(new RegionChange(region, members.get(0).regionName(), from, to, scoreBefore, scoreAfter));
            }
        });
        return changes;
    }

    private static BigDecimal mean(List<TerritoryOutcome> outcomes, RollupRules rules) {
        List<BigDecimal> scores = outcomes.stream().filter(Objects::nonNull).map(TerritoryOutcome::score)
                .filter(Objects::nonNull).toList();
        return rules.score(scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add), scores.size());
    }

    private static List<String> summary(List<TerritoryChange> changes, List<TerritoryChange> deltas, Subjects flags,
            Subjects alerts) {
        List<String> sentences = new ArrayList<>();
        for (String status : STATUSES) {
            long turn = changes.stream().filter(c -> c.to().equals(status)).count();
            long leave = changes.stream().filter(c -> c.from().equals(status)).count();
            if (turn > 0) {
                sentences.add(territories(turn) + (turn == 1 ? " turns " : " turn ") + status);
            }
            if (leave > 0 && !status.equals(NOT_EVALUATED)) {
                sentences.add(territories(leave) + (leave == 1 ? " leaves " : " leave ") + status);
            }
        }
        if (changes.isEmpty()) {
            sentences.add("no territory changes its overall status");
        }
        if (deltas.isEmpty()) {
            sentences.add("no overall score changes");
        } else {
            TerritoryChange largest = deltas.get(0);
            sentences.add("the overall score changes for " + territories(deltas.size()) + ", most for "
                    + largest.territory() + " (" + signed(largest.delta()) + ")");
        }
        sentences.add(flags.sentence("flag"));
        sentences.add(alerts.sentence("alert"));
        return sentences;
    }

    /** Gained and lost flags (or alerts) across territories. */
    private static final class Subjects {

        private final List<TerritoryFlags> territories = new ArrayList<>();
        private int added;
        private int removed;

        void compare(String territory, Map<String, Flag> before, Map<String, Flag> after) {
            List<Flag> gained = difference(after, before);
            List<Flag> lost = difference(before, after);
            if (!gained.isEmpty() || !lost.isEmpty()) {
                territories.add(new TerritoryFlags(territory, gained, lost));
                added += gained.size();
                removed += lost.size();
            }
        }

        FlagChanges changes() {
            return new FlagChanges(added, removed, territories);
        }

        /** "+25 flags, -1 flag" */
        String sentence(String noun) {
            return "+" + added + " " + noun + (added == 1 ? "" : "s") + ", -" + removed + " " + noun
                    + (removed == 1 ? "" : "s");
        }
    }

    private static String territories(long count) {
        return count + (count == 1 ? " territory" : " territories");
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }

    private static String statusOf(TerritoryOutcome outcome) {
        return outcome.status() == null ? UNSCORED : outcome.status();
    }

    private static List<Flag> difference(Map<String, Flag> these, Map<String, Flag> without) {
        TreeSet<String> keys = new TreeSet<>(these.keySet());
        keys.removeAll(without.keySet());
        return keys.stream().map(these::get).toList();
    }

    /** GREEN, AMBER, RED, UNSCORED always present (0 when none), so that readers need not guess. */
    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String status : STATUSES.subList(0, 4)) {
            counts.put(status, 0);
        }
        return counts;
    }
}
