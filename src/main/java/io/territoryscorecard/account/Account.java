package io.territoryscorecard.account;

import java.time.LocalDateTime;

/** An account as stored; the password hash never leaves this module. */
record Account(long id, String username, String displayName, String passwordHash, Role role, Long personId,
        Long scopeRegionId, boolean enabled, LocalDateTime createdAt) {
}
