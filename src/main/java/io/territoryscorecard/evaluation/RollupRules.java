package io.territoryscorecard.evaluation;

import io.territoryscorecard.ruleset.fact.RollupSetting;
import io.territoryscorecard.ruleset.fact.ScoreLimit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * The business numbers of a roll-up, as a run's ruleset sets them: the method ({@link RollupSetting}, MEAN when the
 * version has none, as versions before default-1.4.0) and the score limits a territory's overall status comes from.
 */
record RollupRules(String method, List<ScoreLimit> limits) {

    static final String MEAN = "MEAN";

    RollupRules {
        // best status first: a score gets the first status whose limit it reaches
        limits = limits.stream().sorted(Comparator.comparing(ScoreLimit::getFrom).reversed()).toList();
    }

    /** From the facts a ruleset's settings phase inserts; throws when they name two methods. */
    static RollupRules of(List<Object> settings) {
        List<String> methods = settings.stream().filter(RollupSetting.class::isInstance)
                .map(setting -> ((RollupSetting) setting).getMethod()).toList();
        if (methods.size() > 1) {
            throw new IllegalStateException("the rules set " + methods.size() + " roll-up methods (RollupSetting "
                    + String.join(", ", methods) + "): keep one, in 16-rollups.drl");
        }
        return new RollupRules(methods.isEmpty() ? MEAN : methods.get(0), settings.stream()
                .filter(ScoreLimit.class::isInstance).map(ScoreLimit.class::cast).toList());
    }

    /** The mean of {@code count} scores adding up to {@code total}, half-up to 2 decimals; null when there are none. */
    BigDecimal score(BigDecimal total, long count) {
        return count == 0 ? null : total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** The status of a roll-up score by the score limits (a limit is where its status starts); null for no score. */
    String status(BigDecimal score) {
        if (score == null) {
            return null;
        }
        return limits.stream().filter(limit -> score.compareTo(limit.getFrom()) >= 0).findFirst()
                .map(limit -> limit.getStatus().name()).orElse("RED");
    }
}
