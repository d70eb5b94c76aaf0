package io.territoryscorecard.account;

import io.territoryscorecard.account.ApiTokens.CreatedToken;
import io.territoryscorecard.account.ApiTokens.TokenInfo;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The signed-in account and its personal API tokens. */
@RestController
@RequestMapping("/api/me")
class MeController {

    private final ApiTokens tokens;
    private final AuditLog audit;

    MeController(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping
    Me me(@AuthenticationPrincipal AccountPrincipal principal) {
        Account account = principal.account();
        return new Me(account.username(), account.displayName(), account.role().name(),
                account.role().seesEverything());
    }

    @GetMapping("/tokens")
    List<TokenInfo> tokens(@AuthenticationPrincipal AccountPrincipal principal) {
        return tokens.of(principal.account().id());
    }

    /** Creates a token; the answer is the only time its value is shown. */
    @PostMapping("/tokens")
    ResponseEntity<CreatedToken> create(@AuthenticationPrincipal AccountPrincipal principal,
            @RequestBody TokenRequest request) {
        String name = TokenRequest.checkedName(request);
        CreatedToken token = tokens.create(principal.account().id(), name);
        audit.record(principal.getUsername(), "TOKEN_CREATED", principal.getUsername(), name);
        return ResponseEntity.created(URI.create("/api/me/tokens/" + token.id())).body(token);
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AccountPrincipal principal, @PathVariable long id) {
        if (!tokens.revoke(principal.account().id(), id)) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "you have no active token " + id);
        }
        audit.record(principal.getUsername(), "TOKEN_REVOKED", principal.getUsername(), "token " + id);
        return ResponseEntity.noContent().build();
    }

    record Me(String username, String displayName, String role, boolean seesEveryTerritory) {
    }

    record TokenRequest(String name) {

        static String checkedName(TokenRequest request) {
            String name = request == null || request.name() == null ? "" : request.name().strip();
            if (name.isEmpty() || name.length() > 100) {
                throw new IllegalArgumentException("name: 1 to 100 characters, to tell your tokens apart");
            }
            return name;
        }
    }
}
