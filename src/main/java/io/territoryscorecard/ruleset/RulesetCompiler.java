package io.territoryscorecard.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.springframework.stereotype.Component;

/** Compiles rule files with the Drools executable model and reports every problem as file:line:column. */
@Component
public class RulesetCompiler {

    // Drools wants the folder to match the DRL package, which is "scorecard" for every rule file.
    private static final String RESOURCE_ROOT = "src/main/resources/scorecard/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final RulesetSettings settings;

    public RulesetCompiler(RulesetSettings settings) {
        this.settings = settings;
    }

    public CompiledRuleset compile(RulesetSource source) {
        List<RuleProblem> problems = new ArrayList<>();
        var ruleFiles = source.ruleFiles();
        if (ruleFiles.isEmpty()) {
            problems.add(new RuleProblem(source.origin(), 0, 0, "no rule files (*.drl) found"));
            throw new RulesetCompilationException(source.origin(), problems);
        }
        KieServices kieServices = KieServices.get();
        // Every build gets its own release id: builds that share one get mixed up in the Kie repository.
        ReleaseId releaseId = kieServices.newReleaseId("io.territoryscorecard.rules", "ruleset",
                "1.0." + BUILDS.incrementAndGet());
        KieFileSystem files = kieServices.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        ruleFiles.forEach((path, content) -> files.write(RESOURCE_ROOT + path, content));
        KieBuilder builder = kieServices.newKieBuilder(files);
        try {
            builder.buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(source.origin(), 0, 0, "the rules could not be built: " + e.getMessage()));
            throw new RulesetCompilationException(source.origin(), problems);
        }
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(new RuleProblem(fileOf(message), message.getLine(), message.getColumn(),
                    message.getText().strip()));
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompilationException(source.origin(), problems);
        }
        try {
            KieContainer container = kieServices.newKieContainer(releaseId);
            return new CompiledRuleset(source, container.getKieBase(), settings.maxFiringsPerTerritory());
        } finally {
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }

    private static String fileOf(Message message) {
        String path = message.getPath();
        if (path == null || path.isBlank()) {
            return "(ruleset)";
        }
        return path.startsWith(RESOURCE_ROOT) ? path.substring(RESOURCE_ROOT.length()) : path;
    }
}
