package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.util.Collection;
import java.util.stream.Collectors;

/** The status of a KPI: the band its attainment falls in among the attainment limits. */
public final class KpiStatus implements Serializable {

    private final Attainment attainment;
    private final Band band;

    public KpiStatus(Attainment attainment, Band band) {
        this.attainment = attainment;
        this.band = band;
    }

    public String getTerritory() { return attainment.getTerritory(); }
    public String getKpi() { return attainment.getKpi(); }
    public String getKpiName() { return attainment.getKpiName(); }
    public Perspective getPerspective() { return attainment.getPerspective(); }
    public Status getStatus() { return band.getStatus(); }
    public Attainment getAttainment() { return attainment; }
    public Band getBand() { return band; }

    /** The KPI names of the given statuses in alphabetical order, for messages: "Gross margin, Revenue". */
    public static String kpiNames(Collection<?> statuses) {
        return statuses.stream().map(KpiStatus.class::cast).map(KpiStatus::getKpiName).sorted()
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() { return "KpiStatus[" + getTerritory() + " " + getKpi() + " " + getStatus() + "]"; }
}
