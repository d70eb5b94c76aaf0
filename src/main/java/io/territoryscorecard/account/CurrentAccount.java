package io.territoryscorecard.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is asking, for scope filtering and the audit log. */
@Component
public class CurrentAccount {

    /** The scope of the signed-in account; nothing at all when nobody is signed in. */
    public AccessScope scope() {
        AccountPrincipal principal = principal();
        return principal == null ? AccessScope.of(null, null) : principal.scope();
    }

    /** The signed-in username, or "system" outside a request (start-up, command line). */
    public String username() {
        AccountPrincipal principal = principal();
        return principal == null ? "system" : principal.getUsername();
    }

    private static AccountPrincipal principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal
                ? principal : null;
    }
}
