package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;

/** Setting: the highest attainment a KPI can reach (attainment is clamped to [0, maximum]). */
public final class AttainmentCap implements Serializable {

    private final BigDecimal maximum;

    public AttainmentCap(String maximum) {
        this.maximum = Decimals.parse(maximum);
    }

    public BigDecimal getMaximum() { return maximum; }

    @Override
    public String toString() { return "AttainmentCap[" + maximum + "]"; }
}
