package io.territoryscorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(ScorecardApplication.class);
    /** Committed, so that docs/architecture.md can link to it; the build rewrites it from the code every time. */
    private static final Path MODULE_DOCS = Path.of("docs", "modules");
    /** The Javadoc of the main classes, which spring-modulith-apt collects at compile time for the module canvases. */
    private static final Path JAVADOC = Path.of("target", "generated-spring-modulith", "javadoc.json");

    /**
     * Every module uses only the modules its {@code package-info.java} allows ({@code allowedDependencies}), and only
     * their faces (top packages) or the named interfaces it lists ({@code "ruleset :: fact"}); there are no cycles.
     */
    @Test
    void modulesOnlyUseEachOthersPublicFacesAndFormNoCycles() {
        MODULES.verify();
    }

    /**
     * Writes the module diagrams (all modules, and each module with its neighbours) and each module's canvas (its
     * face, beans, events and settings) into docs/modules. The files follow .editorconfig, so that the formatting
     * check passes on them, and list their lines in a stable order, so that a build over unchanged code leaves them
     * unchanged.
     */
    @Test
    void writesTheModuleDocumentation() throws IOException {
        readableJavadoc();
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(MODULE_DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (Stream<Path> files = Files.list(MODULE_DOCS)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String tidy = String.join("\n", inStableOrder(text.lines().map(String::stripTrailing).toList()))
                        .stripTrailing() + "\n";
                if (!tidy.equals(text)) {
                    Files.writeString(file, tidy, StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(MODULE_DOCS.resolve("components.puml")).exists();
        assertThat(MODULE_DOCS.resolve("module-ruleset.adoc")).exists();
    }

    /**
     * The diagrams list components and relationships in an order that changes from run to run; each run of
     * consecutive {@code Component(} or {@code Rel(} lines is sorted, which does not change the diagram.
     */
    private static List<String> inStableOrder(List<String> lines) {
        List<String> result = new ArrayList<>(lines.size());
        for (int start = 0; start < lines.size();) {
            String kind = declarationKind(lines.get(start));
            int end = start + 1;
            while (kind != null && end < lines.size() && kind.equals(declarationKind(lines.get(end)))) {
                end++;
            }
            result.addAll(lines.subList(start, end).stream().sorted().toList());
            start = end;
        }
        return result;
    }

    private static String declarationKind(String line) {
        String statement = line.stripLeading();
        return statement.startsWith("Rel(") ? "Rel(" : statement.startsWith("Component(") ? "Component(" : null;
    }

    /**
     * Spring Modulith 2.0 reads the collected Javadoc with Spring Boot's {@code BasicJsonParser}, which fails on an
     * escaped quote inside a string (spring-modulith#1685) and on a bracket inside one ("[from, to)"), and comments
     * here have both. Inside strings, quotes become single quotes and brackets parentheses, before the Documenter
     * first reads the file (once per JVM).
     */
    private static void readableJavadoc() throws IOException {
        if (!Files.exists(JAVADOC)) {
            return;
        }
        String json = Files.readString(JAVADOC, StandardCharsets.UTF_8);
        StringBuilder readable = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString && c == '\\' && i + 1 < json.length()) {
                char escaped = json.charAt(++i);
                readable.append(escaped == '"' ? "'" : "\\" + escaped);
            } else if (inString && (c == '[' || c == ']')) {
                readable.append(c == '[' ? '(' : ')');
            } else {
                inString ^= c == '"';
                readable.append(c);
            }
        }
        if (!readable.toString().equals(json)) {
            Files.writeString(JAVADOC, readable, StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyFeaturePackageIsAModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("territory", "measurement", "ruleset", "evaluation", "scorecard", "alerting", "account", "web",
                        "cli", "csv", "input", "demo");
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
