package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** Setting: the weight of a KPI inside its perspective. A KPI without a weight is not scored. */
public final class KpiWeight implements Serializable {

    private final String kpi;
    private final BigDecimal weight;

    public KpiWeight(String kpi, String weight) {
        this.kpi = Objects.requireNonNull(kpi);
        this.weight = Decimals.parsePositive(weight, "weight of " + kpi);
    }

    public String getKpi() { return kpi; }
    public BigDecimal getWeight() { return weight; }

    @Override
    public String toString() { return "KpiWeight[" + kpi + " " + weight + "]"; }
}
