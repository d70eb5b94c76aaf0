package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.PreviousScore;
import java.io.Serializable;
import java.util.List;

/** What the rules get to see of one territory: its measurements for the period and its earlier overall scores. */
public record TerritoryFacts(String territory, List<Measurement> measurements, List<PreviousScore> previousScores)
        implements Serializable {
}
