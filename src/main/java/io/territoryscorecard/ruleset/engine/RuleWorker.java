package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.commands.RulesetFolder;

import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.RuleFiringLimitExceeded;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RuleTimeLimitExceeded;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.sandbox.RuleBudget;

import io.territoryscorecard.ruleset.fact.Kpi;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process in which code compiled from user rules runs. The service starts a few of these ({@link RuleWorkers})
 * with a heap of their own and sends them rules to compile and batches of territories to assess. Whatever a rule
 * does — loop inside a JDK call, hand work to other threads, fill the heap, recurse without end — happens here, and
 * ends when the service kills the process: a rule can cost the service at most its time budget on one core.
 *
 * <p>The service and its workers talk Java serialization over the worker's standard input and output, one request
 * and one reply at a time, each preceded by its length; only the types of {@link #FILTER} cross, and no message may
 * be larger than {@link #MAX_MESSAGE_BYTES}.
 */
public final class RuleWorker {

    /** Rulesets a worker keeps compiled: the active one, a candidate being previewed, a restated version. */
    private static final int KEPT_RULESETS = 4;
    /** How long after its budget a rule stuck where the budget check cannot reach it (inside the JDK) is stopped. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** Compiling is Drools' own work, not the rules': it gets this much time besides the budget of the rule code. */
    static final Duration COMPILE_ALLOWANCE = Duration.ofMinutes(2);
    static final long MAX_MESSAGE_BYTES = 64L * 1024 * 1024;
    /** What may cross between the service and a worker: the fact vocabulary, results, values and collections. */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter("maxdepth=40;maxarray=100000000;"
            + "io.territoryscorecard.ruleset.*;io.territoryscorecard.ruleset.engine.*;io.territoryscorecard.ruleset.fact.*;java.lang.Object;java.lang.String;"
            + "java.lang.Number;java.lang.Integer;java.lang.Long;java.lang.Boolean;java.lang.Enum;"
            + "java.math.BigDecimal;java.math.BigInteger;java.util.*;java.time.*;!*");

    /** The rule whose consequence runs now in this worker, for a stop the budget check could not make itself. */
    private static volatile String firing = "(none)";

    private final Map<String, WorkerRuleset> rulesets = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkerRuleset> eldest) {
            return size() > KEPT_RULESETS;
        }
    };
    private final WorkerCompiler compiler = new WorkerCompiler();
    private final Messages messages;
    private final Object replying = new Object();
    /** When the request being worked on must have been answered (nanoTime), and its reply if the watchdog gives up. */
    private long deadline;
    private Request working;

    private RuleWorker(Messages messages) throws IOException {
        warmUp();
        this.messages = messages;
        // The first message tells the service that the worker is up.
        messages.write("ready");
    }

    public static void main(String[] args) throws IOException {
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        InputStream protocolIn = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        // Nothing else may write into the replies: whatever a library prints goes to the service's log instead.
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        RuleWorker worker = new RuleWorker(new Messages(protocolIn, protocolOut));
        Thread watchdog = new Thread(worker::watch, "rule-worker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        worker.serve();
    }

    /**
     * A first build, before the worker is asked for anything, loads and warms what every build needs: Drools, the Java
     * compiler and the JIT for both. The rules packaged with the service are the closest to what it will be asked to
     * build: after them a worker's first build of the default rules took 1.2 s instead of 2.1 s after a one-rule
     * warm-up (2-core machine at rest; 2.6-3.2 s instead of 6.3-7.7 s at a load of 10), for 2.2 s more to start.
     */
    private void warmUp() {
        Duration budget = Duration.ofSeconds(30);
        try {
            Map<String, String> packaged = RulesetFolder.packaged().ruleFiles();
            if (!packaged.isEmpty()) {
                compiler.compile("(warm-up)", packaged, List.of(), budget);
                return;
            }
        } catch (RuntimeException e) {
            // packaged rules that do not build warm nothing: the one rule below does
        }
        compiler.compile("(warm-up)", Map.of("warm-up.drl", "package scorecard;\nrule \"WARM-UP\"\nwhen\nthen\nend\n"),
                List.of(), budget);
    }

    static void firing(String rule) {
        firing = rule;
    }

    private void serve() throws IOException {
        while (true) {
            Request request;
            try {
                request = (Request) messages.read();
            } catch (EOFException e) {
                // The service is gone (or stopped this worker): so is the worker.
                Runtime.getRuntime().halt(0);
                return;
            }
            firing = "(none)";
            synchronized (replying) {
                deadline = System.nanoTime() + request.allowance().plus(GRACE).toNanos();
                working = request;
            }
            Reply reply = answer(request);
            synchronized (replying) {
                working = null;
                send(reply);
            }
        }
    }

    private Reply answer(Request request) {
        try {
            if (request instanceof Compile compile) {
                // The same files compile to the same rules: activating what was just validated costs nothing here.
                WorkerRuleset kept = rulesets.get(compile.key());
                if (kept != null) {
                    return new Compiled(kept.ruleNames());
                }
                WorkerRuleset rules = compiler.compile(compile.origin(), compile.ruleFiles(), compile.tableSettings(),
                        compile.timeBudget());
                rulesets.put(compile.key(), rules);
                return new Compiled(rules.ruleNames());
            }
            WorkerRuleset rules = rulesets.get(request.key());
            if (rules == null) {
                return new NotCompiled();
            }
            if (request instanceof Settings settings) {
                return new SettingsFacts(rules.settings(settings.timeBudget()));
            }
            Assess assess = (Assess) request;
            return new Assessed(rules.assessTraced(assess.period(), assess.catalogue(), assess.batch(),
                    assess.maxFiringsPerTerritory(), assess.timeBudget()));
        } catch (RulesetCompilationException e) {
            return new Refused(e.problems());
        } catch (RuleTimeLimitExceeded e) {
            // stopped by a budget check in rule code: the thread unwound, nothing goes on
            return new Failed(Failure.TIME_LIMIT, e.rule(), e.getMessage(), request.territories(), true);
        } catch (RuleFiringLimitExceeded e) {
            return new Failed(Failure.FIRING_LIMIT, e.rule(), e.getMessage(), request.territories(), true);
        } catch (RuntimeException | Error e) {
            Failure failure = causedBy(e, OutOfMemoryError.class) ? Failure.OUT_OF_MEMORY
                    : causedBy(e, StackOverflowError.class) ? Failure.STACK_OVERFLOW
                    : causedBy(e, RuleBudget.Exceeded.class) ? Failure.TIME_LIMIT : Failure.RULE_ERROR;
            String rule = firing;
            // An exception a rule threw leaves the worker as it was (rules can start no thread and write no static
            // state); after an error the JVM itself may not be.
            return new Failed(failure, rule, failure == Failure.RULE_ERROR ? messageOf(e) : null,
                    request.territories(), e instanceof RuntimeException && failure == Failure.RULE_ERROR);
        }
    }

    /** Ends the process when a request outlives its time: its rule is stuck where no budget check is. */
    private void watch() {
        while (true) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (replying) {
                if (working != null && System.nanoTime() - deadline > 0) {
                    try {
                        send(new Failed(Failure.TIME_LIMIT, firing, null, working.territories(), false));
                    } catch (IOException ignored) {
                        // the service kills a worker that does not answer
                    }
                    Runtime.getRuntime().halt(3);
                }
            }
        }
    }

    private void send(Reply reply) throws IOException {
        try {
            messages.write(reply);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof TooLarge)) {
                throw e.getCause();
            }
            messages.write(new Failed(Failure.RULE_ERROR, null, "The rules derived more than "
                    + MAX_MESSAGE_BYTES / (1024 * 1024) + " MB of results for one batch: check them for a message or "
                    + "other text that grows without end", 0, false));
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return message.length() > 4000 ? message.substring(0, 4000) : message;
    }

    /**
     * One message after the other on a stream: its length, then the message serialized on its own. A message longer
     * than {@link #MAX_MESSAGE_BYTES} is refused before anything of it is read or written.
     */
    static final class Messages {

        private final DataInputStream in;
        private final DataOutputStream out;

        Messages(InputStream in, OutputStream out) {
            this.in = new DataInputStream(in);
            this.out = new DataOutputStream(out);
        }

        Object read() throws IOException {
            int length = in.readInt();
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                throw new IOException("a rule worker message of " + length + " bytes is larger than "
                        + MAX_MESSAGE_BYTES / (1024 * 1024) + " MB");
            }
            try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(in.readNBytes(length)))) {
                objects.setObjectInputFilter(FILTER);
                return objects.readObject();
            } catch (InvalidClassException e) {
                throw new IOException("a rule worker message held a type that may not cross: " + e.classname, e);
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }

        /** Writes a message; throws {@link TooLarge} (and writes nothing) when it is too long. */
        void write(Serializable message) throws IOException {
            Bounded bytes = new Bounded();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(message);
            }
            out.writeInt(bytes.size());
            bytes.writeTo(out);
            out.flush();
        }
    }

    /** A message above {@link #MAX_MESSAGE_BYTES}. */
    static final class TooLarge extends IOException {

        TooLarge() {
            super("the message is larger than " + MAX_MESSAGE_BYTES / (1024 * 1024) + " MB");
        }
    }

    private static final class Bounded extends ByteArrayOutputStream {

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int more) {
            if (count + (long) more > MAX_MESSAGE_BYTES) {
                throw new UncheckedIOException(new TooLarge());
            }
        }
    }

    /** What the service asks a worker; {@code key} names a compiled ruleset. */
    public sealed interface Request extends Serializable {

        String key();

        /** How long the request may take before the worker stops it. */
        Duration allowance();

        /** Territories in the request, for the message of a stop. */
        default int territories() {
            return 0;
        }
    }

    /** {@code tableSettings}: the settings facts read from decision tables, inserted into every session. */
    public record Compile(String key, String origin, Map<String, String> ruleFiles, List<Object> tableSettings,
            Duration timeBudget) implements Request {

        @Override
        public Duration allowance() {
            return timeBudget.plus(COMPILE_ALLOWANCE);
        }
    }

    public record Settings(String key, Duration timeBudget) implements Request {

        @Override
        public Duration allowance() {
            return timeBudget;
        }
    }

    public record Assess(String key, String period, List<Kpi> catalogue, List<TerritoryFacts> batch,
            int maxFiringsPerTerritory, Duration timeBudget) implements Request {

        @Override
        public Duration allowance() {
            return timeBudget;
        }

        @Override
        public int territories() {
            return batch.size();
        }
    }

    public sealed interface Reply extends Serializable {
    }

    public record Compiled(List<String> ruleNames) implements Reply {
    }

    public record Refused(List<RuleProblem> problems) implements Reply {
    }

    /** The worker does not have the ruleset (it started after the ruleset was compiled, or let it go). */
    record NotCompiled() implements Reply {
    }

    public record SettingsFacts(List<Object> facts) implements Reply {
    }

    public record Assessed(CompiledRuleset.Traced traced) implements Reply {
    }

    /**
     * The rules failed; {@code rule} is the one running then. {@code message} says it all when the worker could say
     * it, and is null when the service words it (a stop by the watchdog, memory, recursion). {@code intact}: the
     * worker is as it was before the request (an exception or a limit unwound the rules), so it may serve on.
     */
    public record Failed(Failure failure, String rule, String message, int territories, boolean intact) implements Reply {
    }

    public enum Failure {
        TIME_LIMIT, FIRING_LIMIT, OUT_OF_MEMORY, STACK_OVERFLOW, RULE_ERROR
    }
}
