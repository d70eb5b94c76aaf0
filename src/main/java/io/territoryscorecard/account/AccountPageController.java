package io.territoryscorecard.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sign-in page and the page where people manage their API tokens. */
@Controller
class AccountPageController {

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final DemoSignIn demo;

    AccountPageController(ApiTokens tokens, AuditLog audit, DemoSignIn demo) {
        this.tokens = tokens;
        this.audit = audit;
        this.demo = demo;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("demoAccounts", demo.usable());
        return "account/login";
    }

    @GetMapping("/account/tokens")
    String tokens(@AuthenticationPrincipal AccountPrincipal principal, Model model) {
        model.addAttribute("tokens", tokens.of(principal.account().id()));
        return "account/tokens";
    }

    /** Creates a token and shows it once, after a redirect, so that reloading the page creates no second token. */
    @PostMapping("/account/tokens")
    String create(@AuthenticationPrincipal AccountPrincipal principal, @RequestParam(defaultValue = "") String name,
            RedirectAttributes next) {
        try {
            String checked = MeController.TokenRequest.checkedName(new MeController.TokenRequest(name));
            next.addFlashAttribute("created", tokens.create(principal.account().id(), checked));
            audit.record(principal.getUsername(), "TOKEN_CREATED", principal.getUsername(), checked);
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal AccountPrincipal principal, @PathVariable long id) {
        if (tokens.revoke(principal.account().id(), id)) {
            audit.record(principal.getUsername(), "TOKEN_REVOKED", principal.getUsername(), "token " + id);
        }
        return "redirect:/account/tokens";
    }
}
