package io.territoryscorecard.account;

import io.territoryscorecard.input.UserInput;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing accounts, with the checks and the audit trail that go with it. */
@Service
public class AccountService {

    /** The passwords the embedded demo documents; never accepted for a real account. */
    static final Set<String> DEMO_PASSWORDS = Set.of("demo-admin", "demo-salesops", "demo-manager", "demo-viewer");
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final SecuritySettings settings;

    AccountService(Accounts accounts, PasswordEncoder encoder, AuditLog audit, SecuritySettings settings) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
        this.settings = settings;
    }

    @Transactional
    public long create(String actor, NewAccount request) {
        String username = required(request.username(), "username").toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username: 3 to 100 characters, letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        if (accounts.byUsername(username).isPresent()) {
            throw new IllegalArgumentException("username: '" + username + "' is taken");
        }
        Role role = role(request.role());
        checkPassword(request.password());
        long id = accounts.create(username, displayName(request.displayName(), username),
                encoder.encode(request.password()), role, person(request.personEmail()), region(request.scopeRegion()));
        audit.record(actor, "ACCOUNT_CREATED", username, "role " + role);
        return id;
    }

    @Transactional
    public void change(String actor, long id, AccountChange change) {
        Account account = accounts.byId(id).orElseThrow(() -> new AccountNotFoundException(id));
        Role role = change.role() == null ? account.role() : role(change.role());
        Long person = change.personEmail() == null ? account.personId()
                : change.personEmail().isBlank() ? null : person(change.personEmail());
        Long region = change.scopeRegion() == null ? account.scopeRegionId()
                : change.scopeRegion().isBlank() ? null : region(change.scopeRegion());
        boolean enabled = change.enabled() == null ? account.enabled() : change.enabled();
        String displayName = change.displayName() == null ? account.displayName()
                : displayName(change.displayName(), account.username());
        if (change.password() != null) {
            checkPassword(change.password());
        } else if (enabled && !settings.allowDemoPasswords() && hasDemoPassword(account)) {
            throw new IllegalArgumentException("password: the account still has a public demo password; set a new "
                    + "password in the same change to enable it");
        }
        accounts.update(id, displayName, role, person, region, enabled);
        if (change.password() != null) {
            accounts.changePassword(id, encoder.encode(change.password()));
        }
        audit.record(actor, "ACCOUNT_CHANGED", account.username(), describe(change));
    }

    /** Whether the account's password is one of the documented demo passwords. */
    boolean hasDemoPassword(Account account) {
        return DEMO_PASSWORDS.stream().anyMatch(password -> encoder.matches(password, account.passwordHash()));
    }

    List<Account> all() {
        return accounts.all();
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (DEMO_PASSWORDS.contains(password)) {
            throw new IllegalArgumentException("password: the demo passwords are public; choose another");
        }
    }

    private Long person(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return accounts.personIdByEmail(email.strip())
                .orElseThrow(() -> new IllegalArgumentException("personEmail: no person with e-mail " + email));
    }

    private Long region(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return accounts.regionIdByCode(code.strip())
                .orElseThrow(() -> new IllegalArgumentException("scopeRegion: no region " + code));
    }

    private static Role role(String text) {
        return UserInput.oneOf("role", required(text, "role").strip(), Role.class);
    }

    private static String displayName(String text, String fallback) {
        String name = text == null || text.isBlank() ? fallback : text.strip();
        if (name.length() > 200) {
            throw new IllegalArgumentException("displayName: at most 200 characters");
        }
        return name;
    }

    private static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return text;
    }

    private static String describe(AccountChange change) {
        StringBuilder text = new StringBuilder();
        if (change.role() != null) text.append("role ").append(change.role()).append("; ");
        if (change.enabled() != null) text.append(change.enabled() ? "enabled; " : "disabled; ");
        if (change.password() != null) text.append("password changed; ");
        if (change.personEmail() != null) text.append("person ").append(change.personEmail()).append("; ");
        if (change.scopeRegion() != null) text.append("region ").append(change.scopeRegion()).append("; ");
        if (change.displayName() != null) text.append("display name changed; ");
        return text.toString().strip();
    }

    public record NewAccount(String username, String displayName, String password, String role, String personEmail,
            String scopeRegion) {
    }

    /** Null fields stay as they are; an empty personEmail or scopeRegion removes the link. */
    public record AccountChange(String displayName, String role, Boolean enabled, String password, String personEmail,
            String scopeRegion) {
    }

    /** No account with this id. */
    public static class AccountNotFoundException extends RuntimeException {

        AccountNotFoundException(long id) {
            super("account " + id + " does not exist");
        }
    }
}
