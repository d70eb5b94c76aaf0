package io.territoryscorecard.workbench;

import io.territoryscorecard.account.AuditEvent;
import io.territoryscorecard.account.AuditLog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit log for admins: filtered by who, what, target and days, a page of entries at a time, newest first, and the
 * same filter as a CSV export.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPageController {

    static final int PAGE_SIZE = 50;

    private final AuditLog audit;

    AuditPageController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param from first day shown (YYYY-MM-DD)
     * @param to last day shown, the whole day included
     * @param page 1 for the newest entries
     */
    @GetMapping("/audit")
    String list(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String target, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "1") int page, Model model) {
        Form form = new Form(actor.strip(), action.strip(), target.strip(), from.strip(), to.strip(),
                Math.max(1, page));
        model.addAttribute("form", form);
        model.addAttribute("actions", audit.actions());
        try {
            LocalDateTime start = day("From", form.from());
            LocalDateTime end = day("To", form.to());
            AuditLog.Filter filter = new AuditLog.Filter(form.actor(), form.action(), form.target(), start,
                    end == null ? null : end.plusDays(1).minusSeconds(1));
            // one more than a page: whether there is an older page
            List<AuditEvent> events = audit.find(filter, (long) (form.page() - 1) * PAGE_SIZE, PAGE_SIZE + 1);
            model.addAttribute("events", events.subList(0, Math.min(PAGE_SIZE, events.size())));
            model.addAttribute("older", events.size() > PAGE_SIZE ? form.link("/audit", form.page() + 1) : null);
            model.addAttribute("newer", form.page() > 1 ? form.link("/audit", form.page() - 1) : null);
            model.addAttribute("export", form.exportLink(filter));
            model.addAttribute("filtered", !(form.actor() + form.action() + form.target() + form.from() + form.to())
                    .isEmpty());
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("events", List.of());
        }
        return "workbench/audit";
    }

    private static LocalDateTime day(String name, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a day; write it as 2026-11-27");
        }
    }

    /** The filter as the person typed it, to show back in the form and to carry into the paging links. */
    record Form(String actor, String action, String target, String from, String to, int page) {

        String link(String path, int toPage) {
            return UriComponentsBuilder.fromPath(path).queryParam("actor", actor).queryParam("action", action)
                    .queryParam("target", target).queryParam("from", from).queryParam("to", to)
                    .queryParam("page", toPage).encode().build().toUriString();
        }

        /** The CSV export of the API with the same filter (its {@code to} is a time, not a day). */
        String exportLink(AuditLog.Filter filter) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/audit/export.csv");
            if (filter.actor() != null) {
                uri.queryParam("actor", filter.actor());
            }
            if (filter.action() != null) {
                uri.queryParam("action", filter.action());
            }
            if (filter.target() != null) {
                uri.queryParam("target", filter.target());
            }
            if (filter.from() != null) {
                uri.queryParam("from", filter.from());
            }
            if (filter.to() != null) {
                uri.queryParam("to", filter.to());
            }
            return uri.encode().build().toUriString();
        }
    }
}
