package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.RuleHarness;
import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.RuleFailure;
import io.territoryscorecard.ruleset.RuleTimeLimitExceeded;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetCompiler;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.TerritoryFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.DefaultRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule code runs in rule worker processes, never in the service: whatever a rule does with what the sandbox lets it
 * call — loop inside a JDK method, fill the heap, recurse — it costs the service at most its time budget, fails the
 * batch naming the rule, and leaves no process or thread working behind it; the service goes on serving meanwhile.
 */
@Timeout(120)
class RuleWorkerIsolationTest {

    private static final String HEADER = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            """;
    private static final Duration BUDGET = Duration.ofSeconds(2);

    @TempDir
    Path folder;

    /** Work inside the JDK, where no budget check of the rule's own code is ever reached. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a sum over a huge range | java.util.stream.LongStream.range(0, Long.MAX_VALUE).map(i -> i % 3).sum();",
        "a power of a huge number | java.math.BigInteger.valueOf(7).pow(200_000_000).bitLength();",
        "a huge sort | long[] a = new long[40_000_000]; for (int i = 0; i < 3; i++) { java.util.Arrays.sort(a); "
                + "java.util.Collections.reverse(java.util.Arrays.asList(1, 2)); } "
                + "java.util.stream.LongStream.iterate(0, i -> i + 1).filter(i -> i < 0).findFirst();"})
    void aRuleBusyInsideTheJdkIsStoppedAfterItsBudgetAndNamed(String what, String consequence) throws IOException {
        CompiledRuleset rules = compileWith("BUSY-01 Busy inside the JDK", "flags", consequence);

        assertThatThrownBy(() -> assessOneTerritory(rules)).isInstanceOfSatisfying(RuleTimeLimitExceeded.class, e -> {
            assertThat(e.rule()).isEqualTo("BUSY-01 Busy inside the JDK");
            assertThat(e.getMessage()).contains("time budget of 2 s").contains("BUSY-01");
        });
        assertNoWorkerLeftBehind();
    }

    /** The example: a parallel stream would hand the rule's loop to threads no budget reaches. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "parallel stream | java.util.stream.IntStream.range(0, 64).parallel().forEach(i -> { long x = 0; "
                + "while (x >= 0) { x++; } }); | parallel",
        "parallel stream of a list | java.util.List.of(1, 2).parallelStream().forEach(i -> { }); | parallelStream",
        "parallel sort | java.util.Arrays.parallelSort(new int[] {3, 1}); | parallelSort",
        "parallel set-all | java.util.Arrays.parallelSetAll(new int[4], i -> i); | parallelSetAll",
        "a stream made parallel from a spliterator | java.util.stream.StreamSupport.stream("
                + "java.util.List.of(1).spliterator(), true).count(); | StreamSupport"})
    void refusesRuleCodeThatHandsWorkToOtherThreads(String what, String consequence, String reported)
            throws IOException {
        writeRule("X39 Hands work to other threads", "alerts", consequence);

        assertThatThrownBy(this::compile).isInstanceOfSatisfying(RulesetCompilationException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.file()).isEqualTo("70-attack.drl");
                    assertThat(problem.line()).isGreaterThan(0);
                    assertThat(problem.message()).contains("X39").contains(reported);
                }));
    }

    /** Memory bombs fill the worker's heap, not the service's: the batch fails at once, naming the rule. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "one huge array | long[] a = new long[Integer.MAX_VALUE - 8];",
        "copies of a huge list | new java.util.ArrayList(java.util.Collections.nCopies(400_000_000, \"x\"));",
        "a huge text | \"x\".repeat(1_500_000_000);",
        "a list that grows | java.util.List l = new java.util.ArrayList(); while (true) { l.add(new long[10_000_000]); }",
        "huge numbers | java.math.BigInteger.ONE.shiftLeft(Integer.MAX_VALUE - 1)"
                + ".add(java.math.BigInteger.ONE.shiftLeft(Integer.MAX_VALUE - 2));"})
    void aRuleThatFillsTheHeapFailsAtOnceNamingTheRule(String what, String consequence) throws IOException {
        // A budget the heap runs out long before: on a busy machine filling 512 MB can take more than 2 s.
        writeRule("X10 Fills the heap", "alerts", consequence);
        CompiledRuleset rules = compile(Duration.ofSeconds(30));
        Runtime runtime = Runtime.getRuntime();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();

        assertThatThrownBy(() -> assessOneTerritory(rules)).isInstanceOfSatisfying(RuleFailure.class, e -> {
            assertThat(e.rule()).isEqualTo("X10 Fills the heap");
            assertThat(e.getMessage()).contains("X10").contains("ran out of memory").contains("512 MB");
        });
        // The service's own heap did not carry the bomb (the worker's heap is what filled).
        assertThat(runtime.totalMemory() - runtime.freeMemory() - usedBefore).isLessThan(256L * 1024 * 1024);
        assertNoWorkerLeftBehind();
    }

    @Test
    void aRuleThatRecursesWithoutEndFailsNamingTheRule() throws IOException {
        writeRule("X11 Recurses", "alerts", "down(1);");
        Files.writeString(folder.resolve("71-function.drl"), HEADER + """
                function int down(int n) {
                    return down(n + 1) + 1;
                }
                """);

        assertThatThrownBy(() -> assessOneTerritory(compile())).isInstanceOfSatisfying(RuleFailure.class, e -> {
            assertThat(e.rule()).isEqualTo("X11 Recurses");
            assertThat(e.getMessage()).contains("X11").contains("recursed too deep");
        });
    }

    /** Results cross to the service only up to a size: a rule cannot fill the service's heap through them either. */
    @Test
    void aRuleThatDerivesHugeResultsFailsTheBatch() throws IOException {
        CompiledRuleset rules = compileWith("X12 Huge message", "alerts", "insert(AlertRequest.forTerritory("
                + "\"T-01\", \"HUGE\", Severity.LOW, \"x\".repeat(70_000_000)));");

        assertThatThrownBy(() -> assessOneTerritory(rules)).isInstanceOfSatisfying(RuleFailure.class,
                e -> assertThat(e.getMessage()).contains("more than 64 MB of results for one batch"));
    }

    /** While one worker is busy with a runaway rule, the other compiles and assesses for everyone else. */
    @Test
    void theServiceGoesOnServingWhileARuleRunsAway() throws IOException {
        CompiledRuleset runaway = compileWith("BUSY-02 Runs away", "flags",
                "java.util.stream.LongStream.range(0, Long.MAX_VALUE).map(i -> i % 3).sum();");
        CompiledRuleset defaults = RuleHarness.defaultRuleset();

        CompletableFuture<Throwable> stuck = CompletableFuture.supplyAsync(() -> {
            try {
                assessOneTerritory(runaway);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        for (int i = 0; i < 3 && !stuck.isDone(); i++) {
            assertThat(RuleHarness.with(defaults).attainment("REVENUE", "0.5").assess().assessment().overall().status())
                    .isNotNull();
        }

        assertThat(stuck.join()).isInstanceOf(RuleTimeLimitExceeded.class).hasMessageContaining("BUSY-02");
        assertNoWorkerLeftBehind();
        // A new worker took the stopped one's place: the next batch is scored as before.
        assertThat(RuleHarness.with(defaults).attainment("REVENUE", "0.5").assess().assessment().overall().status()).isNotNull();
    }

    /** A worker killed with {@code kill -9} in the middle of a batch fails that batch, and another takes its place. */
    @Test
    void aWorkerKilledWithKill9FailsItsBatchAndIsReplaced() throws IOException {
        writeRule("SLOW-01 Slow", "flags", "long x = 0; while (x >= 0) { x++; }");
        CompiledRuleset slow = new RulesetCompiler(new RulesetSettings(folder.toString(), 500, Duration.ofSeconds(60),
                null)).compile(RulesetSource.fromFolder(folder));
        java.util.Map<Long, Duration> cpuBefore = RuleWorkers.processes().stream()
                .collect(Collectors.toMap(ProcessHandle::pid, RuleWorkerIsolationTest::cpu));

        CompletableFuture<Throwable> batch = CompletableFuture.supplyAsync(() -> {
            try {
                assessOneTerritory(slow);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> RuleWorkers.processes().stream()
                .anyMatch(worker -> cpu(worker).minus(cpuBefore.getOrDefault(worker.pid(), Duration.ZERO))
                        .compareTo(Duration.ofMillis(700)) > 0));
        // the batch is under way in one of them (a worker starting in place of one stopped earlier may be busy too)
        RuleWorkers.processes().forEach(ProcessHandle::destroyForcibly);

        assertThat(batch.join()).isInstanceOf(RuleFailure.class)
                .hasMessageContaining("the rule worker running the rules stopped: it ended unexpectedly")
                .hasMessageContaining("killed");
        assertThat(RuleHarness.with(RuleHarness.defaultRuleset()).attainment("REVENUE", "0.5").assess().assessment()
                .overall().status()).isNotNull();
        assertNoWorkerLeftBehind();
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Test
    void noRuleCodeEverRunsInTheService() throws IOException {
        CompiledRuleset rules = compileWith("SPY-01 Where am I", "flags", "long x = 0; while (x >= 0) { x++; }");

        assertThatThrownBy(() -> assessOneTerritory(rules)).isInstanceOf(RuleTimeLimitExceeded.class);
        // The service never loaded a class compiled from the rules, so no thread of it can be running one.
        assertThat(Thread.getAllStackTraces().values()).allSatisfy(stack -> assertThat(stack)
                .noneMatch(frame -> frame.getClassName().startsWith("scorecard.")));
    }

    /** Every worker process this JVM started and still has is one the pools keep: the stopped ones are gone. */
    private static void assertNoWorkerLeftBehind() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<Long> kept = RuleWorkers.processes().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
            Set<Long> running = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(RuleWorkerIsolationTest::isRuleWorker).map(ProcessHandle::pid)
                    .collect(Collectors.toSet());
            assertThat(running).isNotEmpty().isSubsetOf(kept);
        });
    }

    /**
     * Whether a process runs {@link RuleWorker}, from its command line in /proc (ProcessHandle.Info leaves out the
     * arguments of command lines as long as a worker's class path).
     */
    static boolean isRuleWorker(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).contains(RuleWorker.class.getName());
        } catch (IOException e) {
            return false;
        }
    }

    private CompiledRuleset compileWith(String rule, String group, String consequence) throws IOException {
        writeRule(rule, group, consequence);
        return compile();
    }

    private CompiledRuleset compile() {
        return compile(BUDGET);
    }

    private CompiledRuleset compile(Duration budget) {
        return new RulesetCompiler(new RulesetSettings(folder.toString(), 500, budget, null))
                .compile(RulesetSource.fromFolder(folder));
    }

    private void writeRule(String rule, String group, String consequence) throws IOException {
        DefaultRules.copyTo(folder);
        Files.writeString(folder.resolve("70-attack.drl"), HEADER + """
                rule "%s"
                    ruleflow-group "%s"
                when
                    EvaluatedTerritory()
                then
                    %s
                end
                """.formatted(rule, group, consequence));
    }

    private static void assessOneTerritory(CompiledRuleset rules) {
        rules.assess("2026-10", RuleHarness.CATALOGUE, List.of(new TerritoryFacts("T-01", List.of(), List.of())));
    }
}
