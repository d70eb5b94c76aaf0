package io.territoryscorecard.ruleset.sandbox;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The time budget of rule code. {@link BudgetInstrumentation} inserts a call to {@link #check()} at the start of every
 * method and before every backward jump of the classes compiled from rules, so a rule that loops forever is stopped
 * when the budget of the batch it runs in is spent. Public only because generated code calls it.
 *
 * <p>Rules call the check millions of times per evaluation, so it reads one shared counter and nothing else while no
 * budget is spent: a timer marks a budget spent when its time is up, and only then do checks look up their thread's
 * budget.
 */
public final class RuleBudget {

    /** Budgets that are spent and not yet cleared, in any thread. */
    private static final AtomicInteger SPENT = new AtomicInteger();
    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "rule-budget");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private RuleBudget() {
    }

    /** Called by instrumented rule code: throws when the current thread's budget is spent. */
    public static void check() {
        if (SPENT.get() != 0) {
            checkCurrentThread();
        }
    }

    private static void checkCurrentThread() {
        Budget budget = CURRENT.get();
        if (budget != null && budget.spent) {
            throw new Exceeded();
        }
    }

    /** Gives the current thread this many milliseconds from now. */
    public static void start(long millis) {
        clear();
        Budget budget = new Budget();
        budget.timer = TIMER.schedule(budget::spend, millis, TimeUnit.MILLISECONDS);
        CURRENT.set(budget);
    }

    public static void clear() {
        Budget budget = CURRENT.get();
        if (budget != null) {
            CURRENT.remove();
            budget.end();
        }
    }

    /** One thread's budget; spent by the timer, ended by the thread. */
    private static final class Budget {

        private volatile boolean spent;
        private boolean ended;
        private ScheduledFuture<?> timer;

        synchronized void spend() {
            if (!ended) {
                spent = true;
                SPENT.incrementAndGet();
            }
        }

        synchronized void end() {
            ended = true;
            timer.cancel(false);
            if (spent) {
                SPENT.decrementAndGet();
            }
        }
    }

    /**
     * Thrown into a rule whose time is up. An {@link Error}, so that ordinary {@code catch (Exception e)} in rule code
     * cannot swallow it; {@link GeneratedClassCheck} refuses rules that catch {@code Error} or {@code Throwable}.
     */
    public static final class Exceeded extends Error {

        Exceeded() {
            super("rule time budget spent", null, false, false);
        }
    }
}
