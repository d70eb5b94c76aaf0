package io.territoryscorecard.account;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo accounts the sign-in page names on the embedded demo, so a first visitor can get in: only while demo
 * passwords are allowed (never on MySQL), and of those only the accounts that exist, are enabled and still have their
 * documented password. Someone who changed a demo account's password does not see it advertised. Public for the
 * template engine, which reads the accounts by reflection.
 */
@Component
public class DemoSignIn {

    /** A demo account as {@code db/changes/0008-demo-accounts.yaml} seeds it and the README documents it. */
    public record DemoAccount(String username, String password, String what) {
    }

    /** In the order the README lists them. */
    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("admin", "demo-admin", "administrator: accounts, audit log"),
            new DemoAccount("salesops", "demo-salesops", "sales ops: rules, imports, evaluations"),
            new DemoAccount("north.manager", "demo-manager", "region manager of NORTH"),
            new DemoAccount("hamburg.manager", "demo-manager", "manager of two territories around Hamburg"),
            new DemoAccount("south.viewer", "demo-viewer", "viewer of region SOUTH"));

    private final SecuritySettings settings;
    private final Accounts accounts;
    private final PasswordEncoder encoder;
    /** Whether a password hash matches the account's demo password: a hash check is slow, a sign-in page is not. */
    private final Map<String, Boolean> matches = new ConcurrentHashMap<>();

    DemoSignIn(SecuritySettings settings, Accounts accounts, PasswordEncoder encoder) {
        this.settings = settings;
        this.accounts = accounts;
        this.encoder = encoder;
    }

    /** The demo accounts to name on the sign-in page; empty outside the embedded demo. */
    List<DemoAccount> usable() {
        if (!settings.allowDemoPasswords()) {
            return List.of();
        }
        return ACCOUNTS.stream().filter(demo -> accounts.byUsername(demo.username()).filter(Account::enabled)
                .filter(account -> matches.computeIfAbsent(account.username() + ' ' + account.passwordHash(),
                        key -> encoder.matches(demo.password(), account.passwordHash())))
                .isPresent()).toList();
    }
}
