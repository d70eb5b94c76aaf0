package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.util.Objects;

/** A territory being evaluated for a period; one per territory in the session. */
public final class EvaluatedTerritory implements Serializable {

    private final String territory;
    private final String period;

    public EvaluatedTerritory(String territory, String period) {
        this.territory = Objects.requireNonNull(territory);
        this.period = Objects.requireNonNull(period);
    }

    public String getTerritory() { return territory; }
    public String getPeriod() { return period; }

    @Override
    public String toString() { return "EvaluatedTerritory[" + territory + " " + period + "]"; }
}
