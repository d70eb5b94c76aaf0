package io.territoryscorecard.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.AccountService.AccountChange;
import io.territoryscorecard.account.AccountService.NewAccount;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Account administration, for admins only. Passwords are write-only. */
@Tag(name = "Accounts", description = "Account administration.")
@RestController
@RequestMapping("/api/accounts")
@PreAuthorize("hasRole('ADMIN')")
class AccountController {

    private final AccountService accounts;
    private final CurrentAccount current;

    AccountController(AccountService accounts, CurrentAccount current) {
        this.accounts = accounts;
        this.current = current;
    }

    @Operation(summary = "All accounts")
    @GetMapping
    List<AccountView> list() {
        return accounts.all().stream().map(AccountView::of).toList();
    }

    @Operation(summary = "Create an account", description = "Username, role, linked person (`personEmail`), granted region (`scopeRegion`), password; 201 with the id.")
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody NewAccount request) {
        long id = accounts.create(current.username(), request);
        return ResponseEntity.created(URI.create("/api/accounts/" + id)).body(Map.of("id", id));
    }

    @Operation(summary = "Change an account", description = "Only the fields sent change; 204.")
    @ApiResponse(responseCode = "404", description = "No such account.")
    @PatchMapping("/{id}")
    ResponseEntity<Void> change(@PathVariable long id, @RequestBody AccountChange change) {
        accounts.change(current.username(), id, change);
        return ResponseEntity.noContent().build();
    }

    record AccountView(long id, String username, String displayName, String role, Long personId, Long scopeRegionId,
            boolean enabled, LocalDateTime createdAt) {

        static AccountView of(Account account) {
            return new AccountView(account.id(), account.username(), account.displayName(), account.role().name(),
                    account.personId(), account.scopeRegionId(), account.enabled(), account.createdAt());
        }
    }
}
