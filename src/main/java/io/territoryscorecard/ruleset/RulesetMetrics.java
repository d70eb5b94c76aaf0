package io.territoryscorecard.ruleset;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code scorecard.ruleset.compilations}: how often the rules were compiled; the same files count once. */
@Component
class RulesetMetrics implements MeterBinder {

    private final RulesetCompiler compiler;

    RulesetMetrics(RulesetCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("scorecard.ruleset.compilations", compiler, RulesetCompiler::compilations)
                .description("Rulesets compiled in a rule worker; files compiled before are not compiled again")
                .register(registry);
    }
}
