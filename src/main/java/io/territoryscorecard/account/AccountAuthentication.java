package io.territoryscorecard.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (form and HTTP Basic) with the failed-attempt throttle in front: a locked account or address is
 * refused before the password is even checked, and every failure is audited.
 */
class AccountAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    AccountAuthentication(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "local";
        long locked = throttle.secondsLocked(username, address);
        if (locked > 0) {
            audit.record(username, "SIGN_IN_REFUSED", username, "too many failed sign-ins; locked for " + locked + " s");
            throw new LockedException("Too many failed sign-ins: try again in " + minutes(locked) + ".");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException | UsernameNotFoundException | DisabledException e) {
            // A disabled account answers like a wrong password: the answer must not tell which usernames exist.
            // The audit log, which only admins read, keeps the real reason.
            throttle.failed(username, address);
            audit.record(username, "SIGN_IN_FAILED", username,
                    e instanceof DisabledException ? "account is disabled" : "wrong username or password");
            throw new BadCredentialsException("Wrong username or password.");
        } catch (AuthenticationException e) {
            audit.record(username, "SIGN_IN_FAILED", username, e.getMessage());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
