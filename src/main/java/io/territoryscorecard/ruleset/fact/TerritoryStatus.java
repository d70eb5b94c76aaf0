package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;

/** The overall status of a territory: the band its overall score falls in among the score limits. */
public final class TerritoryStatus implements Serializable {

    private final TerritoryScore score;
    private final Band band;

    public TerritoryStatus(TerritoryScore score, Band band) {
        this.score = score;
        this.band = band;
    }

    public String getTerritory() { return score.getTerritory(); }
    public Status getStatus() { return band.getStatus(); }
    public TerritoryScore getScore() { return score; }
    public Band getBand() { return band; }

    @Override
    public String toString() { return "TerritoryStatus[" + getTerritory() + " " + getStatus() + "]"; }
}
