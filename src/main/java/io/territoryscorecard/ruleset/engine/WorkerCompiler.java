package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RuleTimeLimitExceeded;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.sandbox.BudgetInstrumentation;
import io.territoryscorecard.ruleset.sandbox.GeneratedClassCheck;
import io.territoryscorecard.ruleset.sandbox.RuleBudget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.MemoryKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.drools.util.PortablePath;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles rule files with the Drools executable model, inside a rule worker process: checks what the generated
 * classes use ({@link GeneratedClassCheck}), gives them the time-budget check ({@link BudgetInstrumentation}), and
 * reports every problem as file:line:column.
 */
final class WorkerCompiler {

    // Drools wants the folder to match the DRL package, which is "scorecard" for every rule file.
    private static final String PACKAGE_FOLDER = "scorecard/";
    private static final String RESOURCE_ROOT = "src/main/resources/" + PACKAGE_FOLDER;
    private static final AtomicLong BUILDS = new AtomicLong();

    private final GeneratedClassCheck classCheck = new GeneratedClassCheck();
    private final BudgetInstrumentation budgetInstrumentation = new BudgetInstrumentation();

    /**
     * Compiles the DRL files; the settings facts read from decision tables go with them into every session. Building
     * the KieBase runs some rule code (evals without variables, salience): it does so within the time budget.
     */
    WorkerRuleset compile(String origin, Map<String, String> ruleFiles, List<Object> tableSettings,
            Duration timeBudget) {
        List<RuleProblem> problems = new ArrayList<>();
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
            problems.addAll(new AuthorsWords(ruleFiles).whyTheBuildFailed());
            if (problems.isEmpty()) {
                problems.add(new RuleProblem(origin, 0, 0, "Drools could not build the rules and did not say where ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "): check the rules changed last"));
            }
            throw new RulesetCompilationException(origin, problems);
        }
        RuleLocator locator = new RuleLocator(ruleFiles);
        problems.addAll(locator.fileProblems());
        List<AuthorsWords.BuildMessage> messages = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            if (!hasPath(message)) {
                // An error in Java that Drools generated (a declared type's class): its line is one of that code.
                // What the files alone show to be wrong is its cause and is reported above, at the author's line.
                if (locator.fileProblems().isEmpty()) {
                    problems.add(new RuleProblem("(ruleset)", 0, 0, "in the code Drools generates from the rules: "
                            + message.getText().strip()));
                }
                continue;
            }
            String file = fileOf(message);
            if (ruleFiles.containsKey(file)) {
                RuleProblem located = locate(file, message.getLine(), message.getColumn(), message.getText().strip(),
                        ruleFiles);
                messages.add(new AuthorsWords.BuildMessage(message.getPath(), file, located.line(), located.column(),
                        located.message()));
            } else {
                messages.add(new AuthorsWords.BuildMessage(message.getPath(), file, message.getLine(),
                        message.getColumn(), message.getText()));
            }
        }
        problems.addAll(new AuthorsWords(ruleFiles).translate(messages));
        if (problems.size() > 1) {
            // Drools adds this after a real syntax error, which is already reported with its line.
            problems.removeIf(p -> p.message().startsWith("Parser returned a null Package"));
        }
        if (!problems.isEmpty()) {
            throw new RulesetCompilationException(origin, problems);
        }
        // Before anything runs: building the KieBase already executes some rule code (evals without variables).
        sandbox(builder, locator);
        RuleBudget.start(timeBudget.toMillis());
        try {
            KieContainer container = kieServices.newKieContainer(releaseId);
            return new WorkerRuleset(container.getKieBase(), tableSettings);
        } catch (RuntimeException | RuleBudget.Exceeded e) {
            if (e instanceof RuleBudget.Exceeded || e.getCause() instanceof RuleBudget.Exceeded) {
                throw new RuleTimeLimitExceeded("(an eval or salience without variables, run while the rules are "
                        + "built)", timeBudget, 0);
            }
            throw e;
        } finally {
            RuleBudget.clear();
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Checks what the generated classes use and gives each the time-budget check, writing the instrumented classes
     * back into the module before the container loads them.
     */
    private void sandbox(KieBuilder builder, RuleLocator locator) {
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        MemoryKieModule memory = (MemoryKieModule) (module instanceof CanonicalKieModule canonical
                ? canonical.getInternalKieModule() : module);
        Map<String, byte[]> classes = new TreeMap<>();
        for (String name : memory.getFileNames()) {
            if (name.endsWith(".class")) {
                classes.put(name, memory.getBytes(name));
            }
        }
        List<GeneratedClassCheck.Violation> violations = classCheck.check(classes);
        if (!violations.isEmpty()) {
            Map<String, GeneratedClassCheck.ClassInfo> infos = new HashMap<>();
            classes.forEach((name, bytes) -> infos.put(GeneratedClassCheck.internalName(name),
                    GeneratedClassCheck.ClassInfo.read(bytes)));
            throw new RulesetCompilationException("the rules", locator.locate(violations, infos));
        }
        classes.forEach((name, bytes) -> {
            if (name.startsWith(GeneratedClassCheck.RULE_PACKAGE)) {
                memory.getMemoryFileSystem().write(PortablePath.of(name), budgetInstrumentation.instrument(bytes),
                        true);
            }
        });
    }

    private static boolean hasPath(Message message) {
        return message.getPath() != null && !message.getPath().isBlank();
    }

    private static String fileOf(Message message) {
        String path = message.getPath();
        for (String prefix : List.of(RESOURCE_ROOT, PACKAGE_FOLDER)) {
            if (path.startsWith(prefix)) {
                path = path.substring(prefix.length());
            }
        }
        return path;
    }

    /**
     * Drools reports some constraint errors without a line ("Unable to parse left part of expression: actaul > 0"):
     * find the quoted expression in the file to give the author a line and column.
     */
    private static RuleProblem locate(String file, int line, int column, String text, Map<String, String> files) {
        int colon = text.lastIndexOf(": ");
        String content = files.get(file);
        if (line > 0 || colon < 0 || content == null) {
            return new RuleProblem(file, Math.max(line, 0), Math.max(column, 0), text);
        }
        String expression = text.substring(colon + 2).strip();
        int at = expression.isEmpty() ? -1 : content.indexOf(expression);
        if (at < 0) {
            return new RuleProblem(file, 0, 0, text);
        }
        int foundLine = 1 + (int) content.substring(0, at).chars().filter(c -> c == '\n').count();
        int foundColumn = at - content.lastIndexOf('\n', at - 1);
        return new RuleProblem(file, foundLine, foundColumn, text);
    }
}
