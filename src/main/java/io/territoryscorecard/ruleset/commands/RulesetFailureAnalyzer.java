package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RulesetCompilationException;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a ruleset that does not compile into a start-up message that lists file:line:column for each problem. */
class RulesetFailureAnalyzer extends AbstractFailureAnalyzer<RulesetCompilationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RulesetCompilationException cause) {
        String problems = cause.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis("The rules do not compile:\n" + problems,
                "Fix the rule files named above (see docs/rule-authoring.md) and start again.", cause);
    }
}
