package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** Setting: the weight of a perspective in the overall score. A perspective without a weight is not scored. */
public final class PerspectiveWeight implements Serializable {

    private final Perspective perspective;
    private final BigDecimal weight;

    public PerspectiveWeight(Perspective perspective, String weight) {
        this.perspective = Objects.requireNonNull(perspective);
        this.weight = Decimals.parsePositive(weight, "weight of " + perspective);
    }

    public Perspective getPerspective() { return perspective; }
    public BigDecimal getWeight() { return weight; }

    @Override
    public String toString() { return "PerspectiveWeight[" + perspective + " " + weight + "]"; }
}
