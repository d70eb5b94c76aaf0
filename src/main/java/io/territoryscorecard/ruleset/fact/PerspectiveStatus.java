package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;

/** The status of a perspective: the band its score falls in among the score limits. */
public final class PerspectiveStatus implements Serializable {

    private final PerspectiveScore score;
    private final Band band;

    public PerspectiveStatus(PerspectiveScore score, Band band) {
        this.score = score;
        this.band = band;
    }

    public String getTerritory() { return score.getTerritory(); }
    public Perspective getPerspective() { return score.getPerspective(); }
    public Status getStatus() { return band.getStatus(); }
    public PerspectiveScore getScore() { return score; }
    public Band getBand() { return band; }

    @Override
    public String toString() { return "PerspectiveStatus[" + getTerritory() + " " + getPerspective() + " " + getStatus() + "]"; }
}
