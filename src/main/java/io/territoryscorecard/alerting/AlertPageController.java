package io.territoryscorecard.alerting;

import io.territoryscorecard.account.CurrentAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The alerts page: the caller's alerts with filters, {@value #PAGE_SIZE} a page, and acknowledging one, scoped like
 * the API. Paging and acknowledging keep the filters and the page.
 */
@Controller
class AlertPageController {

    static final int PAGE_SIZE = 50;
    /** The list's own parameters: the only ones that go back into the address after acknowledging. */
    private static final List<String> LIST_PARAMETERS = List.of("period", "status", "severity", "territory", "page");

    private final AlertService alerts;
    private final CurrentAccount current;

    AlertPageController(AlertService alerts, CurrentAccount current) {
        this.alerts = alerts;
        this.current = current;
    }

    @GetMapping("/alerts")
    String list(@RequestParam(required = false) String period, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String territory,
            @RequestParam(defaultValue = "1") String page, Model model) {
        Alerts.Filter filter = Alerts.Filter.parse(blankAsNull(period), blankAsNull(status), blankAsNull(severity),
                blankAsNull(territory), PAGE_SIZE);
        int number = pageNumber(page);
        // One more than a page tells whether there is an older page, without counting them all.
        List<Alert> found = alerts.list(filter.page((number - 1) * PAGE_SIZE, PAGE_SIZE + 1), current.scope());
        boolean older = found.size() > PAGE_SIZE;
        model.addAttribute("filter", filter);
        model.addAttribute("page", number);
        model.addAttribute("first", (number - 1) * PAGE_SIZE + 1);
        model.addAttribute("alerts", older ? found.subList(0, PAGE_SIZE) : found);
        model.addAttribute("newerLink", number > 1 ? link(filter, number - 1) : null);
        model.addAttribute("olderLink", older ? link(filter, number + 1) : null);
        model.addAttribute("query", query(filter, number));
        return "alerting/list";
    }

    /** Acknowledges and goes back to the list and page it came from, saying what happened. */
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
        return "redirect:" + backTo(back);
    }

    /**
     * The list's address from the query string the form carried: only the list's own parameters, encoded again, and
     * always under /alerts, so a forged value can lead nowhere else.
     */
    static String backTo(String back) {
        MultiValueMap<String, String> given = UriComponentsBuilder.fromUriString("/alerts?" + back).build()
                .getQueryParams();
        UriComponentsBuilder address = UriComponentsBuilder.fromPath("/alerts");
        Set<String> kept = new LinkedHashSet<>(given.keySet());
        kept.retainAll(LIST_PARAMETERS);
        for (String name : kept) {
            String value = given.getFirst(name);
            address.queryParam(name, value == null ? "" : decode(value));
        }
        return address.encode().build().toUriString();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String link(Alerts.Filter filter, int page) {
        return "/alerts" + (query(filter, page).isEmpty() ? "" : "?" + query(filter, page));
    }

    /** The filters and the page as a query string, without the empty ones. */
    private static String query(Alerts.Filter filter, int page) {
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        addIfSet(query, "period", filter.period());
        addIfSet(query, "status", filter.status() == null ? null : filter.status().name());
        addIfSet(query, "severity", filter.severity());
        addIfSet(query, "territory", filter.territory());
        if (page > 1) {
            query.queryParam("page", page);
        }
        String built = query.encode().build().getQuery();
        return built == null ? "" : built;
    }

    private static void addIfSet(UriComponentsBuilder query, String name, String value) {
        if (value != null) {
            query.queryParam(name, value);
        }
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page.trim());
            if (number >= 1 && number <= 100_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("page: a whole number from 1, not '" + page + "'");
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
