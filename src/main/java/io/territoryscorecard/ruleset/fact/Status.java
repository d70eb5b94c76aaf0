package io.territoryscorecard.ruleset.fact;

public enum Status {
    GREEN, AMBER, RED
}
