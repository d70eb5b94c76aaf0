package io.territoryscorecard.measurement;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.account.CurrentAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The data quality page: completeness and freshness of the measurements per period (the latest
 * {@value #PERIODS} periods), and for one period (the latest with measurements by default) the least complete and the
 * stalest territories. Like {@code /api/data-quality}, open to every account and limited to its territories.
 */
@Controller
class DataQualityPageController {

    static final int PERIODS = 12;
    private static final int TERRITORIES = 10;

    private final DataQualityReports reports;
    private final Measurements measurements;
    private final CurrentAccount current;
    private final Clock clock = Clock.systemDefaultZone();

    DataQualityPageController(DataQualityReports reports, Measurements measurements, CurrentAccount current) {
        this.reports = reports;
        this.measurements = measurements;
        this.current = current;
    }

    @GetMapping("/data-quality")
    String page(@RequestParam(required = false) String period, Model model) {
        AccessScope scope = current.scope();
        List<Period> periods = new ArrayList<>(measurements.periodsWithData());
        Collections.reverse(periods);
        List<PeriodLine> lines = periods.stream().limit(PERIODS)
                .map(p -> PeriodLine.of(reports.report(p, scope), LocalDateTime.now(clock))).toList();
        Period chosen = period != null && !period.isBlank() ? Period.parse(period)
                : periods.isEmpty() ? null : periods.get(0);
        model.addAttribute("periods", lines);
        model.addAttribute("period", chosen == null ? null : chosen.toString());
        if (chosen != null) {
            DataQualityReport report = reports.report(chosen, scope);
            LocalDateTime now = LocalDateTime.now(clock);
            model.addAttribute("hasMeasurements", periods.contains(chosen));
            model.addAttribute("summary", PeriodLine.of(report, now));
            model.addAttribute("leastComplete", report.leastComplete(TERRITORIES).stream()
                    .map(t -> TerritoryLine.of(t, now)).toList());
            model.addAttribute("stalest", report.stalest(TERRITORIES).stream()
                    .map(t -> TerritoryLine.of(t, now)).toList());
        }
        return "measurement/data-quality";
    }

    /** A period's figures as the page shows them. */
    record PeriodLine(String period, String completeness, long valid, long expected, String problems,
            LocalDateTime lastUpdated, String age, int territories) {

        static PeriodLine of(DataQualityReport r, LocalDateTime now) {
            return new PeriodLine(r.period(), DataQualityPageController.percent(r.completeness()), r.valid(),
                    r.expected(), DataQualityPageController.problems(r.missing(), r.emptyActual(), r.invalid()),
                    r.lastUpdated(), DataQualityPageController.age(r.lastUpdated(), now), r.territories());
        }
    }

    /** A territory's figures as the page shows them. */
    record TerritoryLine(String territory, String name, String region, String completeness, int valid, int expected,
            String problems, LocalDateTime lastUpdated, String age) {

        static TerritoryLine of(DataQualityReport.TerritoryQuality t, LocalDateTime now) {
            return new TerritoryLine(t.territory(), t.name(), t.region(),
                    DataQualityPageController.percent(t.completeness()), t.valid(), t.expected(),
                    DataQualityPageController.problems(t.missing(), t.emptyActual(), t.invalid()), t.lastUpdated(),
                    DataQualityPageController.age(t.lastUpdated(), now));
        }
    }

    /** Cut, not rounded, like the completeness itself: 100.0 % only when complete. */
    static String percent(BigDecimal share) {
        return share == null ? "nothing expected"
                : share.movePointRight(2).setScale(1, RoundingMode.DOWN).toPlainString() + " %";
    }

    static String problems(long missing, long emptyActual, long invalid) {
        List<String> parts = new ArrayList<>();
        if (missing > 0) {
            parts.add(String.format(Locale.ROOT, "%,d missing", missing));
        }
        if (emptyActual > 0) {
            parts.add(String.format(Locale.ROOT, "%,d without actual", emptyActual));
        }
        if (invalid > 0) {
            parts.add(String.format(Locale.ROOT, "%,d invalid", invalid));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String age(LocalDateTime lastUpdated, LocalDateTime now) {
        if (lastUpdated == null) {
            return "never";
        }
        long days = Duration.between(lastUpdated, now).toDays();
        return days <= 0 ? "today" : days == 1 ? "1 day ago" : String.format(Locale.ROOT, "%,d days ago", days);
    }
}
