package io.territoryscorecard.ruleset.sandbox;

import io.territoryscorecard.ruleset.RuleHarness;
import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.RuleFiringLimitExceeded;
import io.territoryscorecard.ruleset.RuleTimeLimitExceeded;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetCompiler;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.TerritoryFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Rules that reach outside the fact vocabulary are refused when the ruleset is compiled, with the file and line of
 * the offending rule, whatever way the DRL text is written; rules that run away are stopped at run time.
 */
class RuleSandboxTest {

    private static final String HEADER = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            """;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "System.exit | System.exit(1); | java.lang.System.exit",
        "fully qualified System.exit | java.lang.System.exit(1); | java.lang.System.exit",
        "Runtime.exec | Runtime.getRuntime().exec(\"touch /tmp/x\"); | java.lang.Runtime.getRuntime",
        "Class.forName with concatenation | Class.forName(\"java.lang.\" + \"Runtime\"); | java.lang.Class.forName",
        "reflection through getClass | \"x\".getClass().getMethods(); | java.lang.Object.getClass",
        "file I/O | new java.io.File(\"/etc/passwd\").delete(); | java.io.File",
        "NIO file read | java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); | java.nio.file.Files.readString",
        "socket | new java.net.Socket(\"example.com\", 80); | java.net.Socket",
        "JDBC | java.sql.DriverManager.getConnection(\"jdbc:h2:mem:x\"); | java.sql.DriverManager.getConnection",
        "thread | new Thread(() -> {}).start(); | java.lang.Thread",
        "system property | System.getProperty(\"user.home\"); | java.lang.System.getProperty",
        "environment | System.getenv(\"HOME\"); | java.lang.System.getenv",
        "standard output | System.out.println(\"x\"); | java.lang.System.out",
        "method handles | java.lang.invoke.MethodHandles.lookup(); | java.lang.invoke.MethodHandles.lookup",
        "class loader | Thread.currentThread().getContextClassLoader(); | java.lang.Thread.currentThread",
        "regular expression | \"aaaa\".matches(\"(a+)+b\"); | java.lang.String.matches",
        "catching errors | try { insert(new KpiWeight(\"X\", \"1\")); } catch (Throwable t) { } | catches java.lang.Throwable",
        "the engine behind the drools handle | drools.getKieRuntime(); | getKieRuntime",
        "halting the engine | drools.halt(); | halt"})
    void refusesARuleThatReachesOutsideTheFacts(String what, String consequence, String reported) throws IOException {
        write("70-evil.drl", HEADER + """
                rule "EVIL-01 Reaches out"
                    ruleflow-group "flags"
                when
                    $k : KpiWeight(kpi == "REVENUE")
                then
                    %s
                end
                """.formatted(consequence));

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class, e -> {
            assertThat(e.problems()).as(what).anySatisfy(problem -> {
                assertThat(problem.file()).isEqualTo("70-evil.drl");
                assertThat(problem.line()).isEqualTo(10);
                assertThat(problem.message()).contains("rule \"EVIL-01 Reaches out\"").contains(reported);
            });
        });
    }

    @Test
    void refusesAFunctionThatReachesOutsideTheFactsAndNamesTheFunction() throws IOException {
        write("70-evil.drl", HEADER + """
                function void shutDown(int code) {
                    System.exit(code);
                }

                rule "EVIL-02 Calls a function"
                    ruleflow-group "flags"
                when
                    KpiWeight(kpi == "REVENUE")
                then
                    shutDown(3);
                end
                """);

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.file()).isEqualTo("70-evil.drl");
                    assertThat(problem.line()).isEqualTo(6);
                    assertThat(problem.message()).contains("function shutDown").contains("java.lang.System.exit");
                }));
    }

    /** Drools wraps every function body in a catch of Exception that rethrows; that alone is no reason to refuse. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "for loop | int s = 0; for (int i = 0; i < n; i++) { s += i; } return s;",
        "while loop | int s = 0; while (n > 0) { s += n; n--; } return s;",
        "do-while loop | int s = 0; do { s += n; n--; } while (n > 0); return s;",
        "for-each loop | int s = 0; for (int x : new int[] {n, n}) { s += x; } return s;",
        "labelled continue | int s = 0; outer: for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) "
                + "{ if (j > i) { continue outer; } s++; } } return s;",
        "recursion | return n <= 1 ? 1 : n * twice(n - 1);",
        "if-else chain | if (n > 2) { return 1; } else if (n > 1) { return 2; } else { return 3; }",
        "int switch | switch (n) { case 1: return 10; case 2: return 20; default: return 0; }",
        "String switch | switch (String.valueOf(n)) { case \"1\": return 10; default: return 0; }",
        "local class | class Acc { int v; } Acc a = new Acc(); for (int i = 0; i < n; i++) { a.v += i; } return a.v;",
        "lambda | return java.util.stream.IntStream.range(0, n).map(x -> x * 2).sum();",
        "throw | if (n < 0) { throw new IllegalArgumentException(\"negative\"); } return n;",
        "catch and rethrow | try { return n / (n - 100); } catch (Exception e) { throw new RuntimeException(e); }",
        "enum switch | switch (Status.values()[n % 3]) { case GREEN: return 1; case AMBER: return 2; default: return 3; }",
        "enum switch expression | return switch (Perspective.values()[n % 4]) { case FINANCIAL -> 1; default -> 2; };",
        "local record | record Pair(int a, int b) { } Pair p = new Pair(n, n); "
                + "return p.a() + (p.equals(new Pair(n, n)) ? 1 : 0) + p.toString().length() + p.hashCode() % 2;",
        "instanceof pattern and ternary | Object o = Severity.values()[n % 3]; "
                + "return o instanceof Severity s && s != Severity.LOW ? s.ordinal() : 0;",
        "text block, varargs and for-each over enum values | String t = \"\"\"\\n        text\\n        \"\"\"; "
                + "for (Severity s : Severity.values()) { t += String.format(\"%s-%d\", s, n); } "
                + "return t.length() + java.util.Arrays.asList(1, 2, 3).size();"})
    void acceptsAFunctionWithLoopsRecursionAndBranches(String what, String body) throws IOException {
        write("70-function.drl", HEADER + """
                function int twice(int n) {
                    %s
                }

                rule "FUN-01 Uses a function"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    insert(new KpiWeight("FUN", String.valueOf(1 + Math.abs(twice(3)))));
                end
                """.formatted(body.replace("\\n", "\n")));

        CompiledRuleset rules = compile();

        assertThat(rules.ruleNames()).as(what).contains("FUN-01 Uses a function");
        assessOneTerritory(rules);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Throwable | try { while (true) { n++; } } catch (Throwable t) { return 0; } | catches java.lang.Throwable",
        "Error | try { return n; } catch (Error e) { return 0; } | catches java.lang.Error",
        "finally | try { return n; } finally { n++; } | catches everything (finally)",
        "an exception | try { return n; } catch (NumberFormatException e) { return 0; } "
                + "| catches java.lang.NumberFormatException",
        "Exception without rethrowing | try { return n; } catch (Exception e) { return 0; } "
                + "| catches java.lang.Exception",
        "the error an enum switch's table skips | try { return n; } catch (NoSuchFieldError e) { return 0; } "
                + "| catches java.lang.NoSuchFieldError"})
    void refusesAFunctionThatCatchesAndSaysWhat(String what, String body, String reported) throws IOException {
        write("70-evil.drl", HEADER + """
                function int swallow(int n) {
                    %s
                }

                rule "EVIL-05 Calls a function that catches"
                    ruleflow-group "flags"
                when
                    KpiWeight(kpi == "REVENUE")
                then
                    insert(new KpiWeight("X", String.valueOf(swallow(1))));
                end
                """.formatted(body));

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).as(what).singleElement().satisfies(problem -> {
                    assertThat(problem.file()).isEqualTo("70-evil.drl");
                    assertThat(problem.line()).isEqualTo(6);
                    assertThat(problem.message()).startsWith("function swallow " + reported);
                }));
    }

    /** Java the compiler turns into something outside the vocabulary is refused at the function, saying what. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "try-with-resources | try (java.util.stream.Stream<String> s = java.util.stream.Stream.of(\"a\")) "
                + "{ return (int) s.count(); } | catches everything (finally)",
        "assert | assert n > 0 : \"positive\"; return n; | creates java.lang.AssertionError",
        "switch on an enum outside the facts | switch (java.nio.file.AccessMode.values()[n]) { case READ: return 1; "
                + "default: return 0; } | java.nio.file.AccessMode",
        "lambda inside a function | return java.util.stream.IntStream.range(0, n).map(x -> { System.exit(x); "
                + "return x; }).sum(); | calls java.lang.System.exit",
        "local record with a forbidden component | record Holder(java.io.File f) { } return n; | java.io.File"})
    void refusesPlainJavaThatTurnsIntoSomethingOutsideTheFactsAtTheFunction(String what, String body,
            String reported) throws IOException {
        write("70-evil.drl", HEADER + """
                function int shapes(int n) {
                    %s
                }
                """.formatted(body));

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).as(what).isNotEmpty().allSatisfy(problem -> {
                    assertThat(problem.file()).isEqualTo("70-evil.drl");
                    assertThat(problem.line()).isBetween(5, 6);
                    assertThat(problem.message()).startsWith("function shapes ");
                }).anySatisfy(problem -> assertThat(problem.message()).contains(reported)));
    }

    /**
     * An enum switch (the compiler caches its table in a synthetic static field), a query (its class gets a
     * lambda-deserialization method) and a type extending a declared type are plain rule code.
     */
    @Test
    void acceptsEnumSwitchesInConsequencesQueriesAndDeclaredSubtypes() throws IOException {
        write("70-plain.drl", HEADER + """
                declare Base
                    weight : int
                end

                declare Child extends Base
                    label : String
                end

                query "PLAIN-Q1 Revenue weights"
                    $w : KpiWeight(kpi == "REVENUE")
                end

                rule "PLAIN-01 Switches on enums"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    String kind;
                    switch (Severity.values()[1]) {
                        case HIGH: kind = "h"; break;
                        case MEDIUM: kind = "m"; break;
                        default: kind = "l";
                    }
                    switch (Perspective.CUSTOMER) { case FINANCIAL: kind += "f"; break; default: kind += "o"; }
                    switch (kind) { case "mo": kind += "!"; break; default: break; }
                    insert(new Child(1, kind));
                end
                """);

        CompiledRuleset rules = compile();

        assertThat(rules.ruleNames()).contains("PLAIN-01 Switches on enums");
        assessOneTerritory(rules);
    }

    @Test
    void stopsAFunctionThatLoopsForeverWithinTheTimeBudget() throws IOException {
        write("70-busy.drl", HEADER + """
                function long spin(long i) {
                    while (i >= 0) { i = (i + 1) % 1000; }
                    return i;
                }

                rule "LOOP-05 Calls a function that never ends"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    spin(0);
                end
                """);
        CompiledRuleset rules = new RulesetCompiler(new RulesetSettings(folder.toString(), 500, Duration.ofSeconds(1),
                null)).compile(RulesetSource.fromFolder(folder));

        assertThatThrownBy(() -> assessOneTerritory(rules)).isInstanceOfSatisfying(RuleTimeLimitExceeded.class,
                e -> assertThat(e.rule()).isEqualTo("LOOP-05 Calls a function that never ends"));
    }

    /** What no rule's generated classes explain is found at the declaration that names it, never at 0:0. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "global of a forbidden type | global java.io.File where; | 5 | 16 | global where uses the class java.io.File",
        "global of an imported forbidden type | import java.io.File;\\nglobal File where; | 6 | 8 "
                + "| global where uses the class java.io.File",
        "declared type with a forbidden field | declare Holder\\n    count : int\\n    file : java.io.File\\nend "
                + "| 7 | 20 | declared type Holder uses java.io.File",
        "declared forbidden type | declare java.io.File\\n    @role(event)\\nend | 5 | 17 "
                + "| declared type File uses the class java.io.File",
        "declared type extending a forbidden class | declare Sneaky extends java.io.File\\n    extra : int\\nend "
                + "| 5 | 32 | declared type Sneaky extends java.io.File, which is not declared in the rules"})
    void refusesAForbiddenDeclarationAtItsFileAndLine(String what, String declaration, int line, int column,
            String reported) throws IOException {
        write("70-evil.drl", HEADER + declaration.replace("\\n", "\n") + """


                rule "EVIL-06 Next to a declaration"
                    ruleflow-group "flags"
                when
                    KpiWeight(kpi == "REVENUE")
                then
                    insert(new KpiWeight("X", "1"));
                end
                """);

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).as(what).singleElement().satisfies(problem -> {
                    assertThat(problem.file()).isEqualTo("70-evil.drl");
                    assertThat(problem.line()).isEqualTo(line);
                    assertThat(problem.column()).isEqualTo(column);
                    assertThat(problem.message()).startsWith(reported);
                }));
    }

    @Test
    void refusesAQueryThatReachesOutsideTheFactsAtItsLine() throws IOException {
        write("70-evil.drl", HEADER + """
                query "EVIL-07 Reads the environment"
                    KpiWeight(eval(System.getenv("HOME") != null))
                end
                """);

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.file()).isEqualTo("70-evil.drl");
                    assertThat(problem.line()).isEqualTo(6);
                    assertThat(problem.message()).startsWith("query \"EVIL-07 Reads the environment\" calls "
                            + "java.lang.System.getenv");
                }));
    }

    @Test
    void refusesAConditionThatWouldRunWhileTheRulesAreLoaded() throws IOException {
        write("70-evil.drl", HEADER + """
                rule "EVIL-03 Evaluates at load time"
                    ruleflow-group "flags"
                when
                    eval(System.currentTimeMillis() > 0 && System.getenv("PATH") != null)
                then
                    insert(new KpiWeight("X", "1"));
                end
                """);

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.file()).isEqualTo("70-evil.drl");
                    assertThat(problem.message()).contains("EVIL-03").contains("java.lang.System.getenv");
                }));
    }

    @Test
    void refusesARuleFileOutsideTheScorecardPackage() throws IOException {
        write("70-elsewhere.drl", """
                package org.drools.project.model;

                import io.territoryscorecard.ruleset.fact.*;

                rule "EVIL-04 Hides in another package"
                when
                    KpiWeight()
                then
                end
                """);

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.file()).isEqualTo("70-elsewhere.drl");
                    assertThat(problem.message()).contains("package scorecard");
                }));
    }

    @Test
    void stopsARuleThatLoopsForeverWithinTheTimeBudgetAndNamesIt() throws IOException {
        write("70-busy.drl", HEADER + """
                rule "LOOP-01 Never ends"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    long i = 0;
                    while (i >= 0) { i = (i + 1) % 1000; }
                end
                """);
        CompiledRuleset rules = new RulesetCompiler(new RulesetSettings(folder.toString(), 500, Duration.ofSeconds(1), null))
                .compile(RulesetSource.fromFolder(folder));

        assertThatThrownBy(() -> assessOneTerritory(rules)).isInstanceOfSatisfying(RuleTimeLimitExceeded.class, e -> {
            assertThat(e.rule()).isEqualTo("LOOP-01 Never ends");
            assertThat(e.getMessage()).contains("time budget of 1 s").contains("LOOP-01");
        });
    }

    @Test
    void stopsARuleThatInsertsWithoutEndAndNamesIt() throws IOException {
        write("70-flood.drl", HEADER + """
                rule "LOOP-02 Inserts without end"
                    ruleflow-group "flags"
                when
                    $w : KpiWeight()
                then
                    insert(new KpiWeight($w.getKpi(), "1"));
                end
                """);

        assertThatThrownBy(() -> assessOneTerritory(compile()))
                .isInstanceOfSatisfying(RuleFiringLimitExceeded.class, e -> {
                    assertThat(e.rule()).isEqualTo("LOOP-02 Inserts without end");
                    assertThat(e.getMessage()).contains("LOOP-02");
                });
    }

    @Test
    void stopsARuleThatModifiesWhatItMatchesWithoutNoLoop() throws IOException {
        write("70-modify.drl", HEADER + """
                declare Counter
                    value : int
                end

                rule "LOOP-03 Start a counter"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    insert(new Counter(0));
                end

                rule "LOOP-04 Modify without no-loop"
                    ruleflow-group "flags"
                when
                    $c : Counter(value >= 0)
                then
                    modify($c) { setValue($c.getValue() + 1) }
                end
                """);

        assertThatThrownBy(() -> assessOneTerritory(compile()))
                .isInstanceOfSatisfying(RuleFiringLimitExceeded.class,
                        e -> assertThat(e.rule()).isEqualTo("LOOP-04 Modify without no-loop"));
    }

    @Test
    void theDefaultRulesPassTheSandbox() {
        CompiledRuleset rules = RuleHarness.compile(Path.of("rules"));

        assertThat(rules.ruleNames()).hasSizeGreaterThan(20);
        // the alert rules insert AlertRequest facts and read flags: inside the vocabulary
        assertThat(rules.ruleNames()).filteredOn(name -> name.startsWith("ALR-")).hasSize(4);
    }

    private CompiledRuleset compile() {
        return RuleHarness.compile(folder);
    }

    private static void assessOneTerritory(CompiledRuleset rules) {
        rules.assess("2026-10", RuleHarness.CATALOGUE, List.of(new TerritoryFacts("T-01", List.of(), List.of())));
    }

    private void write(String name, String drl) throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        Files.writeString(folder.resolve("VERSION"), "test");
        Files.writeString(folder.resolve(name), drl);
    }
}
