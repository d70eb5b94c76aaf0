package io.territoryscorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(ScorecardApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicFacesAndFormNoCycles() {
        MODULES.verify();
    }

    @Test
    void everyFeaturePackageIsAModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("territory", "measurement", "ruleset", "evaluation", "scorecard", "alerting", "web", "cli",
                        "csv", "input", "demo");
    }

    /**
     * The intended direction: web -> {evaluation, scorecard, ruleset} -> {measurement, territory}. The organisation
     * depends on no other module; measurements, which own the imports, only on the organisation (which writes what an
     * organisation import brings) and the shared modules every feature may use: account (audit log, signed-in
     * account, access scope), cli (their commands), csv (their export) and input (checking and showing back what
     * users give). Never on a feature module.
     */
    @Test
    void organisationAndMeasurementsDependOnNoFeatureModule() {
        Map<String, List<String>> allowed = Map.of("territory", List.of(), "csv", List.of(),
                "input", List.of(), "measurement", List.of("territory", "account", "cli", "csv", "input"));
        allowed.forEach((base, modules) -> {
            ApplicationModule module = MODULES.getModuleByName(base).orElseThrow();
            assertThat(module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getIdentifier)
                    .map(Object::toString))
                    .as("modules that %s depends on", base)
                    .isSubsetOf(modules);
        });
    }

    /** Previews and restatements live in evaluation, which uses rulesets; rulesets must not reach back. */
    @Test
    void rulesetsDependOnNeitherEvaluationsNorScorecards() {
        ApplicationModule ruleset = MODULES.getModuleByName("ruleset").orElseThrow();
        assertThat(ruleset.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getIdentifier)
                .map(Object::toString))
                .as("modules that ruleset depends on")
                .doesNotContain("evaluation", "scorecard");
    }

    /** Alerting reacts to completed evaluations (an event); evaluations do not know it exists. */
    @Test
    void evaluationsDoNotDependOnAlerting() {
        for (String module : List.of("evaluation", "ruleset", "scorecard", "measurement", "territory")) {
            assertThat(MODULES.getModuleByName(module).orElseThrow().getDirectDependencies(MODULES).uniqueModules()
                    .map(ApplicationModule::getIdentifier).map(Object::toString))
                    .as("modules that %s depends on", module)
                    .doesNotContain("alerting");
        }
    }

    @Test
    void noModuleDependsOnTheWebFaceOrTheDemoCompany() {
        MODULES.stream().forEach(module -> assertThat(module.getDirectDependencies(MODULES).uniqueModules()
                .map(ApplicationModule::getIdentifier).map(Object::toString))
                .as("modules that %s depends on", module.getIdentifier())
                .doesNotContain("web", "demo"));
    }
}
