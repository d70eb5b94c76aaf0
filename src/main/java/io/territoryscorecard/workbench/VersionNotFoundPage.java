package io.territoryscorecard.workbench;

import io.territoryscorecard.ruleset.RulesetVersions.RulesetVersionNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A version that does not exist, named in a workbench page's address: the not-found page, saying which. */
@ControllerAdvice(assignableTypes = {RulesetPageController.class, RestatementPageController.class})
class VersionNotFoundPage {

    @ExceptionHandler(RulesetVersionNotFoundException.class)
    String notFound(RulesetVersionNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("message", e.getMessage());
        return "web/error";
    }
}
