package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;

/** The overall status of a territory: the score band its overall score falls in. */
public final class TerritoryStatus implements Serializable {

    private final TerritoryScore score;
    private final ScoreBand band;

    public TerritoryStatus(TerritoryScore score, ScoreBand band) {
        this.score = score;
        this.band = band;
    }

    public String getTerritory() { return score.getTerritory(); }
    public Status getStatus() { return band.getStatus(); }
    public TerritoryScore getScore() { return score; }
    public ScoreBand getBand() { return band; }

    @Override
    public String toString() { return "TerritoryStatus[" + getTerritory() + " " + getStatus() + "]"; }
}
