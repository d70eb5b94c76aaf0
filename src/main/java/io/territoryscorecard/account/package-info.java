/**
 * Accounts, roles and access scope: who may sign in, what each role may do, which territories a manager or viewer
 * sees ({@link io.territoryscorecard.account.AccessScope}), personal API tokens, and the append-only audit log
 * ({@link io.territoryscorecard.account.AuditLog}). Owns the web security configuration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = {"cli", "csv", "input"})
package io.territoryscorecard.account;
