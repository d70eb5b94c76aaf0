package io.territoryscorecard.account;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in account as Spring Security sees it: role as authority ROLE_x, scope for queries. */
final class AccountPrincipal implements UserDetails {

    private final Account account;

    AccountPrincipal(Account account) {
        this.account = account;
    }

    Account account() {
        return account;
    }

    AccessScope scope() {
        return account.role().seesEverything() ? AccessScope.all()
                : AccessScope.of(account.personId(), account.scopeRegionId());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name()));
    }

    @Override
    public String getPassword() {
        return account.passwordHash();
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }
}
