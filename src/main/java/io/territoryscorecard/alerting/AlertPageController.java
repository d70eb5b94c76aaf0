package io.territoryscorecard.alerting;

import io.territoryscorecard.account.CurrentAccount;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The alerts page: the caller's alerts with filters, and acknowledging one, scoped like the API. */
@Controller
class AlertPageController {

    private final AlertService alerts;
    private final CurrentAccount current;

    AlertPageController(AlertService alerts, CurrentAccount current) {
        this.alerts = alerts;
        this.current = current;
    }

    @GetMapping("/alerts")
    String list(@RequestParam(required = false) String period, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String territory,
            HttpServletRequest request, Model model) {
        Alerts.Filter filter = Alerts.Filter.parse(blankAsNull(period), blankAsNull(status), blankAsNull(severity),
                blankAsNull(territory), 500);
        model.addAttribute("filter", filter);
        model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString());
        model.addAttribute("alerts", alerts.list(filter, current.scope()));
        return "alerting/list";
    }

    /** Acknowledges and goes back to the list it came from, saying what happened. */
    @PostMapping("/alerts/{id}/acknowledge")
    @PreAuthorize("hasAnyRole('MANAGER', 'SALES_OPS', 'ADMIN')")
    String acknowledge(@PathVariable long id, @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "") String back, RedirectAttributes next) {
        try {
            Alert alert = alerts.acknowledge(id, current.username(), current.scope(), note);
            next.addFlashAttribute("notice", "Alert " + alert.code() + " of " + alert.territory() + " ("
                    + alert.period() + ") acknowledged.");
        } catch (ResponseStatusException e) {
            if (e.getStatusCode().value() == 404) {
                throw e;
            }
            next.addFlashAttribute("error", e.getReason());
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", e.getMessage());
        }
        // Only a query string of our own list goes back into the address: never another site.
        return "redirect:/alerts" + (back.matches("[A-Za-z0-9=&_-]*") && !back.isEmpty() ? "?" + back : "");
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
