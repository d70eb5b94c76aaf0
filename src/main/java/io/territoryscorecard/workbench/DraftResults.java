package io.territoryscorecard.workbench;

import io.territoryscorecard.workbench.DraftService.DraftPreview;
import io.territoryscorecard.workbench.DraftService.ScenarioRun;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last validation, scenario run and preview of each draft in the signed-in session, each with the SHA-256 of the
 * content it was made of: the editor shows one again (after a reload, or on another file) only while the draft still
 * holds that content. Kept in the HTTP session, which is in memory: a restart or signing out forgets them.
 */
final class DraftResults {

    private static final String ATTRIBUTE = DraftResults.class.getName();

    private final Map<Long, DraftValidation> validations = new ConcurrentHashMap<>();
    private final Map<Long, ScenarioRun> scenarioRuns = new ConcurrentHashMap<>();
    private final Map<Long, DraftPreview> previews = new ConcurrentHashMap<>();

    static DraftResults of(HttpSession session) {
        synchronized (session) {
            DraftResults results = (DraftResults) session.getAttribute(ATTRIBUTE);
            if (results == null) {
                results = new DraftResults();
                session.setAttribute(ATTRIBUTE, results);
            }
            return results;
        }
    }

    void keep(long draft, DraftValidation validation) {
        validations.put(draft, validation);
    }

    void keep(long draft, ScenarioRun run) {
        scenarioRuns.put(draft, run);
    }

    void keep(long draft, DraftPreview preview) {
        previews.put(draft, preview);
    }

    /** The last validation of the draft's ruleset content {@code sha256}, or null. */
    DraftValidation validation(long draft, String sha256) {
        DraftValidation kept = validations.get(draft);
        return kept != null && kept.sha256().equals(sha256) ? kept : null;
    }

    /** The last scenario run of the draft's rules and scenarios {@code sha256}, or null. */
    ScenarioRun scenarioRun(long draft, String sha256) {
        ScenarioRun kept = scenarioRuns.get(draft);
        return kept != null && kept.sha256().equals(sha256) ? kept : null;
    }

    /** The last preview of the draft's ruleset content {@code sha256}, or null. */
    DraftPreview preview(long draft, String sha256) {
        DraftPreview kept = previews.get(draft);
        return kept != null && kept.sha256().equals(sha256) ? kept : null;
    }

    void forget(long draft) {
        validations.remove(draft);
        scenarioRuns.remove(draft);
        previews.remove(draft);
    }
}
