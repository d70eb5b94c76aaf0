package io.territoryscorecard.ruleset;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Why a result is what it is: the ids of the rules that derived it and the numbers they used. */
public record Explanation(List<String> rules, Map<String, Object> details) implements Serializable {

    public Explanation {
        rules = List.copyOf(rules);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
