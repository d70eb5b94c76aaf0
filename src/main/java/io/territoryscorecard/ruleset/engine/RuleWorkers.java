package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.engine.RuleWorker.Compile;
import io.territoryscorecard.ruleset.engine.RuleWorker.Failed;
import io.territoryscorecard.ruleset.engine.RuleWorker.NotCompiled;
import io.territoryscorecard.ruleset.engine.RuleWorker.Reply;
import io.territoryscorecard.ruleset.engine.RuleWorker.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * The rule worker processes of this service ({@link RuleWorker}): at most {@code size} of them, each with its own
 * heap, started when first needed and kept for the next request. A worker whose rules ran out of time inside the JDK,
 * out of memory or stack is killed and replaced (whatever its rules left running ends with it), as is one that does
 * not answer within the request's time; one whose rules threw or hit a limit of their own serves on.
 * Thread-safe; one per size and heap in a JVM, shared by everything that compiles or runs rules.
 */
public final class RuleWorkers {

    private static final Logger log = LoggerFactory.getLogger(RuleWorkers.class);
    private static final Map<String, RuleWorkers> SHARED = new ConcurrentHashMap<>();
    /** Beyond the worker's own stop (its budget plus {@link RuleWorker#GRACE}): when the service kills it. */
    private static final Duration KILL_AFTER = Duration.ofSeconds(8);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ScheduledExecutorService KILLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rule-worker-killer");
        thread.setDaemon(true);
        return thread;
    });
    private static final java.util.concurrent.ExecutorService STARTER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rule-worker-starter");
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final int size;
    private final DataSize heap;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Worker> idle = new LinkedBlockingDeque<>();
    private final List<Worker> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RuleWorkers(int size, DataSize heap) {
        this.size = size;
        this.heap = heap;
        this.permits = new Semaphore(size, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> all.forEach(Worker::kill), "rule-workers-stop"));
    }

    public static RuleWorkers shared(int size, DataSize heap) {
        return SHARED.computeIfAbsent(size + "/" + heap.toBytes(), key -> new RuleWorkers(size, heap));
    }

    public DataSize heap() {
        return heap;
    }

    /** The worker processes of every pool of this JVM that are alive and kept for the next request. */
    public static List<ProcessHandle> processes() {
        return SHARED.values().stream().flatMap(pool -> pool.all.stream()).map(worker -> worker.process.toHandle())
                .filter(ProcessHandle::isAlive).toList();
    }

    /**
     * Sends a request to a free worker and returns its reply; a worker that lacks the ruleset compiles it first.
     * Failures come back as {@link Failed} replies; the worker that failed is gone by then.
     */
    public Reply call(Request request, Compile compile) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a rule worker", e);
        }
        Worker worker = null;
        try {
            worker = idleAlive();
            Reply reply;
            try {
                reply = worker.call(request);
            } catch (Unreachable e) {
                // It died while idle (killed from outside): the request never reached it, so a new one takes it.
                worker.kill();
                worker = start();
                reply = worker.call(request);
            }
            if (reply instanceof NotCompiled && compile != null) {
                reply = worker.call(compile);
                if (!(reply instanceof Failed)) {
                    reply = worker.call(request);
                }
            }
            if (reply instanceof Failed failed && !failed.intact()) {
                worker.kill();
                replace();
            } else {
                idle.addFirst(worker);
            }
            worker = null;
            return reply;
        } finally {
            if (worker != null) {
                worker.kill();
                replace();
            }
            permits.release();
        }
    }

    /** An idle worker whose process is alive, else a new one. */
    private Worker idleAlive() {
        for (Worker worker = idle.pollFirst(); worker != null; worker = idle.pollFirst()) {
            if (worker.process.isAlive()) {
                return worker;
            }
            worker.kill();
        }
        return start();
    }

    /** Starts a worker in place of one that was killed, so that the next request does not wait for it. */
    private void replace() {
        STARTER.execute(() -> {
            if (all.size() < size) {
                try {
                    idle.addLast(start());
                } catch (RuntimeException e) {
                    log.warn("A rule worker could not be started in place of one that was stopped: {}",
                            e.getMessage());
                }
            }
        });
    }

    private Worker start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap.toMegabytes() + "m", "-Xss1m", "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=384m", "-XX:-UsePerfData", "-Djava.awt.headless=true",
                // A rule's parallel stream would have a thread besides the worker's; there is none to have.
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
                "-Dlogback.configurationFile=rule-worker-logback.xml", "-Dfile.encoding=UTF-8"));
        if (RuleWorker.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            // Inside the executable jar: the jar's own launcher finds the classes and libraries it holds.
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "-Dloader.main=" + RuleWorker.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RuleWorker.class.getName()));
        }
        try {
            Process process = new ProcessBuilder(command).start();
            Worker worker = new Worker(process, STARTED.incrementAndGet());
            all.add(worker);
            worker.awaitReady();
            log.info("Rule worker {} started (process {}, heap {} MB)", worker.number, process.pid(),
                    heap.toMegabytes());
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("the rule worker could not be started", e);
        }
    }

    /** One worker process, used by one request at a time. */
    private final class Worker {

        private final Process process;
        private final int number;
        private final RuleWorker.Messages messages;
        /** The last lines the worker wrote to its standard error, for the reason it stopped. */
        private final Deque<String> errors = new ArrayDeque<>();
        private final AtomicBoolean killed = new AtomicBoolean();
        private volatile String killReason;

        Worker(Process process, int number) throws IOException {
            this.process = process;
            this.number = number;
            this.messages = new RuleWorker.Messages(new BufferedInputStream(process.getInputStream(), 1 << 16),
                    new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            Thread stderr = new Thread(this::drainErrors, "rule-worker-" + number + "-stderr");
            stderr.setDaemon(true);
            stderr.start();
        }

        void awaitReady() throws IOException {
            killReason = "it did not start within " + START_TIMEOUT.toSeconds() + " s";
            ScheduledFuture<?> timeout = KILLER.schedule(this::kill, START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            try {
                messages.read();
            } catch (IOException e) {
                kill();
                throw new IOException("the rule worker did not start: " + lastErrors(), e);
            } finally {
                timeout.cancel(false);
            }
        }

        public Reply call(Request request) {
            Duration allowance = request.allowance().plus(RuleWorker.GRACE).plus(KILL_AFTER);
            killReason = "it did not answer within " + allowance.toSeconds() + " s";
            ScheduledFuture<?> timeout = KILLER.schedule(this::kill, allowance.toMillis(), TimeUnit.MILLISECONDS);
            try {
                try {
                    messages.write(request);
                } catch (IOException e) {
                    if (!killed.get()) {
                        throw new Unreachable(e);
                    }
                    throw e;
                }
                return (Reply) messages.read();
            } catch (IOException | ClassCastException e) {
                boolean timedOut = killed.get();
                String reason = stopReason(e, timedOut);
                kill();
                return new Failed(timedOut ? RuleWorker.Failure.TIME_LIMIT : RuleWorker.Failure.RULE_ERROR, null,
                        "the rule worker running the rules stopped: " + reason, request.territories(), false);
            } finally {
                timeout.cancel(false);
            }
        }

        private String stopReason(Exception e, boolean timedOut) {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            String exit = process.isAlive() ? "" : " (exit code " + process.exitValue()
                    + (process.exitValue() == 137 ? ": killed" : "") + ")";
            String reason = timedOut ? killReason
                    : e instanceof java.io.EOFException ? "it ended unexpectedly" : e.getMessage();
            String errors = lastErrors();
            return reason + exit + (errors.isEmpty() ? "" : "; it last wrote: " + errors);
        }

        void kill() {
            if (killed.compareAndSet(false, true)) {
                process.destroyForcibly();
                all.remove(this);
            }
        }

        private void drainErrors() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    log.warn("rule worker {}: {}", number, line);
                    synchronized (errors) {
                        errors.addLast(line.length() > 500 ? line.substring(0, 500) : line);
                        if (errors.size() > 5) {
                            errors.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
        }

        private String lastErrors() {
            synchronized (errors) {
                return String.join(" | ", errors);
            }
        }
    }

    /** A worker could not be sent a request: it was gone before it got it. */
    private static final class Unreachable extends RuntimeException {

        Unreachable(IOException cause) {
            super(cause);
        }
    }
}
