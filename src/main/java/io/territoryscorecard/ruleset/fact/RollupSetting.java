package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Setting: how the score of a region and of the company is made from the stored overall (and perspective) scores of
 * their territories. {@code MEAN}: the arithmetic mean of the scores that are there (a territory without a score is
 * counted as unscored, not as 0), rounded half-up to 2 decimals. The status of a roll-up comes from the
 * {@link ScoreLimit}s, as a territory's does.
 */
public final class RollupSetting implements Serializable {

    /** The methods the service knows. */
    public static final List<String> METHODS = List.of("MEAN");

    private final String method;

    public RollupSetting(String method) {
        Objects.requireNonNull(method, "method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("roll-up method '" + method + "' is unknown: write one of "
                    + String.join(", ", METHODS));
        }
        this.method = method;
    }

    public String getMethod() { return method; }

    @Override
    public String toString() { return "RollupSetting[" + method + "]"; }
}
