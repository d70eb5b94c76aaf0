package io.territoryscorecard.ruleset;

/**
 * The time budget of rule code. The sandbox inserts a call to {@link #check()} at the start of every method and
 * before every backward jump of the classes compiled from rules, so a rule that loops forever is stopped when the
 * budget of the batch it runs in is spent. Public only because generated code calls it.
 */
public final class RuleBudget {

    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[] {Long.MAX_VALUE});

    private RuleBudget() {
    }

    /** Called by instrumented rule code: throws when the current thread's budget is spent. */
    public static void check() {
        if (System.nanoTime() > DEADLINE.get()[0]) {
            throw new Exceeded();
        }
    }

    /** Gives the current thread this many milliseconds from now. */
    static void start(long millis) {
        DEADLINE.get()[0] = System.nanoTime() + millis * 1_000_000L;
    }

    static void clear() {
        DEADLINE.get()[0] = Long.MAX_VALUE;
    }

    /**
     * Thrown into a rule whose time is up. An {@link Error}, so that ordinary {@code catch (Exception e)} in rule code
     * cannot swallow it; the sandbox refuses rules that catch {@code Error} or {@code Throwable}.
     */
    public static final class Exceeded extends Error {

        Exceeded() {
            super("rule time budget spent", null, false, false);
        }
    }
}
