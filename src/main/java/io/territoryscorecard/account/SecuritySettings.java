package io.territoryscorecard.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowDemoPasswords whether accounts may keep the documented demo passwords (embedded demo only)
 * @param maxFailuresPerAccount failed sign-ins of one account within the lock period before it is locked
 * @param maxFailuresPerAddress failed sign-ins from one address within the lock period before it is locked
 * @param lockMinutes how long failures count, and how long a lock lasts
 * @param initialAdminUsername with the password: the first administrator, created at start when there is none
 * @param initialAdminPassword see initialAdminUsername
 */
@ConfigurationProperties("scorecard.security")
record SecuritySettings(boolean allowDemoPasswords, int maxFailuresPerAccount, int maxFailuresPerAddress,
        int lockMinutes, String initialAdminUsername, String initialAdminPassword) {
}
