package io.territoryscorecard.ruleset;

import java.io.Serializable;

/** A problem in a rule file, at a line and column (0 when unknown). */
public record RuleProblem(String file, int line, int column, String message) implements Serializable {

    /** "file:line:column: message", the form editors and terminals understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
