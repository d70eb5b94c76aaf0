package io.territoryscorecard.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What validating a set of rule files found: errors stop a ruleset from being used; warnings point at rules that
 * compile but probably do not do what their author meant (a KPI code that does not exist, a gap between bands).
 */
public record ValidationReport(String label, String sha256, int rules, List<RuleProblem> errors,
        List<RuleProblem> warnings) {

    @JsonProperty("valid")
    public boolean valid() {
        return errors.isEmpty();
    }
}
