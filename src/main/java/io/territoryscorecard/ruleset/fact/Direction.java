package io.territoryscorecard.ruleset.fact;

/** Which way a KPI is better: a higher revenue is better, a shorter sales cycle (lower) is better. */
public enum Direction {
    HIGHER, LOWER
}
