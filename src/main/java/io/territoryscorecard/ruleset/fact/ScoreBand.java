package io.territoryscorecard.ruleset.fact;

/** Setting: the perspective and overall status for a score range (scores run from 0 to 100). */
public final class ScoreBand extends Band {

    public ScoreBand(Status status, String from, String to) {
        super(status, from, to);
    }
}
