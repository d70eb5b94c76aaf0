package io.territoryscorecard.ruleset;

import java.time.LocalDateTime;

/** A recorded, immutable set of rule files. Identical content (same SHA-256) is always the same version. */
public record RulesetVersion(long id, String label, String sha256, String source, String createdBy, String note,
        LocalDateTime createdAt, boolean active, LocalDateTime activatedAt) {
}
