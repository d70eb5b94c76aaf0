package io.territoryscorecard.ruleset.fact;

/**
 * Setting: the score (0 to 100) from which a perspective or the overall score is GREEN or AMBER; below the lowest
 * limit it is RED.
 */
public final class ScoreLimit extends StatusLimit {

    public ScoreLimit(Status status, String from) {
        super(status, from);
    }
}
