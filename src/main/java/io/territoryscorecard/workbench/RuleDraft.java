package io.territoryscorecard.workbench;

import java.time.LocalDateTime;

/**
 * A ruleset being edited in the browser: a copy of a version's files that only its owner changes.
 *
 * @param baseVersionId the version the draft was started from, or last activated as: activating it is refused once
 *        another version has become active meanwhile
 * @param storedVersionId the version the draft was last stored as, null before it was
 */
record RuleDraft(long id, String title, String owner, long baseVersionId, Long storedVersionId,
        LocalDateTime createdAt, LocalDateTime updatedAt) {
}
