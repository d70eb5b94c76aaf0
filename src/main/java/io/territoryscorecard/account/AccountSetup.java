package io.territoryscorecard.account;

import io.territoryscorecard.account.AccountService.NewAccount;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Checks at start, before anyone can sign in: outside the embedded demo no account may keep a documented demo
 * password (the start is refused), and the first administrator comes from the environment when there is none.
 */
@Component
class AccountSetup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AccountSetup.class);
    /** The accounts the demo Liquibase change seeds. */
    static final List<String> DEMO_USERNAMES = DemoSignIn.ACCOUNTS.stream().map(DemoSignIn.DemoAccount::username)
            .toList();

    private final SecuritySettings settings;
    private final Accounts accounts;
    private final AccountService service;

    AccountSetup(SecuritySettings settings, Accounts accounts, AccountService service) {
        this.settings = settings;
        this.accounts = accounts;
        this.service = service;
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.allowDemoPasswords()) {
            refuseDemoPasswords();
        }
        createInitialAdmin();
    }

    private void refuseDemoPasswords() {
        for (String username : DEMO_USERNAMES) {
            accounts.byUsername(username).filter(Account::enabled).filter(service::hasDemoPassword)
                    .ifPresent(account -> {
                        throw new IllegalStateException("Account '" + username + "' still has the public demo "
                                + "password. Outside the embedded demo that is not allowed: change its password "
                                + "or disable it, then start again.");
                    });
        }
    }

    private void createInitialAdmin() {
        if (accounts.anyWithRole(Role.ADMIN)) {
            return;
        }
        String username = settings.initialAdminUsername();
        if (username == null || username.isBlank()) {
            log.warn("There is no administrator account. Set SCORECARD_ADMIN_USERNAME and SCORECARD_ADMIN_PASSWORD "
                    + "and restart, or run: java -jar territory-scorecard.jar create-admin --username=<name>");
            return;
        }
        service.create("setup", new NewAccount(username, "Administrator", settings.initialAdminPassword(),
                Role.ADMIN.name(), null, null));
        log.info("Created the first administrator account '{}' from the environment", username);
    }
}
