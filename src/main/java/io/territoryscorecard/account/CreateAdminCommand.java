package io.territoryscorecard.account;

import io.territoryscorecard.account.AccountService.NewAccount;
import io.territoryscorecard.cli.Command;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code create-admin --username=NAME}: the one-time creation of the first administrator. The password comes from
 * SCORECARD_ADMIN_PASSWORD or the first line of standard input, never from the command line (where others see it).
 */
@Component
class CreateAdminCommand implements Command {

    private final Accounts accounts;
    private final AccountService service;

    CreateAdminCommand(Accounts accounts, AccountService service) {
        this.accounts = accounts;
        this.service = service;
    }

    @Override
    public String name() {
        return "create-admin";
    }

    @Override
    public String usage() {
        return "create-admin --username=NAME   create the first administrator (password from SCORECARD_ADMIN_PASSWORD or stdin)";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        List<String> usernames = arguments.getOptionValues("username");
        if (usernames == null || usernames.size() != 1) {
            err.println("create-admin needs --username=NAME");
            return 2;
        }
        if (accounts.anyWithRole(Role.ADMIN)) {
            err.println("An administrator exists already: create further accounts through /api/accounts.");
            return 1;
        }
        String password = System.getenv("SCORECARD_ADMIN_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = readLine();
        }
        try {
            service.create("setup", new NewAccount(usernames.get(0), "Administrator", password, Role.ADMIN.name(),
                    null, null));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        out.println("Administrator '" + usernames.get(0) + "' created.");
        return 0;
    }

    private static String readLine() {
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
