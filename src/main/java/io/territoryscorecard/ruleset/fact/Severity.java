package io.territoryscorecard.ruleset.fact;

public enum Severity {
    HIGH, MEDIUM, LOW
}
