package io.territoryscorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
                .contains("territory", "measurement", "ruleset", "evaluation", "scorecard", "web", "cli", "demo");
    }

    /** The intended direction: web -> {evaluation, scorecard, ruleset} -> {measurement, territory}. */
    @Test
    void organisationAndMeasurementsDependOnNoOtherModule() {
        for (String base : List.of("territory", "measurement")) {
            ApplicationModule module = MODULES.getModuleByName(base).orElseThrow();
            assertThat(module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getIdentifier)
                    .map(Object::toString))
                    .as("modules that %s depends on", base)
                    .isEmpty();
        }
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

    @Test
    void noModuleDependsOnTheWebFaceOrTheDemoCompany() {
        MODULES.stream().forEach(module -> assertThat(module.getDirectDependencies(MODULES).uniqueModules()
                .map(ApplicationModule::getIdentifier).map(Object::toString))
                .as("modules that %s depends on", module.getIdentifier())
                .doesNotContain("web", "demo"));
    }
}
