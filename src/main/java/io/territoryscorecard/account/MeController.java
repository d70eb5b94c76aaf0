package io.territoryscorecard.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Your account", description = "The signed-in account and its API tokens.")
@RestController
@RequestMapping("/api/me")
class MeController {

    private final ApiTokens tokens;
    private final AuditLog audit;

    MeController(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Operation(summary = "Your own account")
    @GetMapping
    Me me(@AuthenticationPrincipal AccountPrincipal principal) {
        Account account = principal.account();
        return new Me(account.username(), account.displayName(), account.role().name(),
                account.role().seesEverything());
    }

    @Operation(summary = "Your personal API tokens", description = "Names and dates, never the token values.")
    @GetMapping("/tokens")
    List<TokenInfo> tokens(@AuthenticationPrincipal AccountPrincipal principal) {
        return tokens.of(principal.account().id());
    }

    /** Creates a token; the answer is the only time its value is shown. */
    @Operation(summary = "Create a personal API token", description = "201; the answer is the only time the token is shown (it is stored hashed). Use it as `Authorization: Bearer <token>`.")
    @PostMapping("/tokens")
    ResponseEntity<CreatedToken> create(@AuthenticationPrincipal AccountPrincipal principal,
            @RequestBody TokenRequest request) {
        String name = TokenRequest.checkedName(request);
        CreatedToken token = tokens.create(principal.account().id(), name);
        audit.record(principal.getUsername(), "TOKEN_CREATED", principal.getUsername(), name);
        return ResponseEntity.created(URI.create("/api/me/tokens/" + token.id())).body(token);
    }

    @Operation(summary = "Revoke one of your API tokens", description = "204.")
    @ApiResponse(responseCode = "404", description = "You have no active token with this id.")
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
