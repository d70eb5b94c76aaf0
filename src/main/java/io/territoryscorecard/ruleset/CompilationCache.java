package io.territoryscorecard.ruleset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the service already knows of the rules it had compiled, by the SHA-256 of the files: the rule names of those
 * that compiled, the problems of those that did not. A draft that is validated on save, run through its scenarios
 * and previewed is compiled once and its next uses ask no worker. The workers keep the compiled rules themselves (and
 * compile them again when a worker lacks them); this keeps only their answer. Thread-safe; the eldest go first.
 */
final class CompilationCache {

    /** A handful of drafts being worked on, besides the active version and a restated one. */
    static final int SIZE = 16;

    private final Map<String, Kept> kept = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > SIZE;
        }
    };
    private final AtomicLong compilations = new AtomicLong();

    /** The rule names of rules that compiled, or (ruleNames null) the problems of rules that did not. */
    record Kept(List<String> ruleNames, List<RuleProblem> problems) {
    }

    synchronized Kept get(String key) {
        return kept.get(key);
    }

    /** Counts a compilation a worker was asked for; keeps its outcome when it is one the same files always have. */
    synchronized void compiled(String key, Kept outcome) {
        compilations.incrementAndGet();
        if (outcome != null) {
            kept.put(key, outcome);
        }
    }

    /** How many compilations workers were asked for: a content compiled before is not counted again. */
    long compilations() {
        return compilations.get();
    }
}
