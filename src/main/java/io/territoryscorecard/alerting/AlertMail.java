package io.territoryscorecard.alerting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mail that tells a manager about new alerts: a plain-text and an HTML body with a link to each scorecard.
 * Territory names and messages come from imported files and rules, so the HTML body escapes every one of them and the
 * subject keeps no line breaks (no header injection).
 */
@Component
class AlertMail {

    private static final int SUBJECT_LENGTH = 300;

    private final AlertingSettings settings;

    AlertMail(AlertingSettings settings) {
        this.settings = settings;
    }

    record Item(String territory, String territoryName, String severity, String message) {
    }

    record Message(String subject, String text, String html) {
    }

    Message compose(String recipientName, String period, List<Item> items) {
        String territories = items.stream().map(Item::territory).distinct().collect(Collectors.joining(", "));
        String subject = oneLine("Territory Scorecard " + period + ": " + items.size()
                + (items.size() == 1 ? " new alert for " : " new alerts for ") + territories);
        if (subject.length() > SUBJECT_LENGTH) {
            subject = subject.substring(0, SUBJECT_LENGTH - 3) + "...";
        }
        StringBuilder text = new StringBuilder("Hello ").append(recipientName).append(",\n\n")
                .append("the scorecards of ").append(period).append(" raised ")
                .append(items.size() == 1 ? "an alert" : items.size() + " alerts")
                .append(" for territories you are responsible for:\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><p>Hello ")
                .append(HtmlUtils.htmlEscape(recipientName)).append(",</p><p>the scorecards of ")
                .append(HtmlUtils.htmlEscape(period)).append(" raised ")
                .append(items.size() == 1 ? "an alert" : items.size() + " alerts")
                .append(" for territories you are responsible for:</p><ul>");
        for (Item item : items) {
            String link = scorecardLink(item.territory(), period);
            text.append("- ").append(item.severity()).append(" ").append(item.territory()).append(" (")
                    .append(item.territoryName()).append("): ").append(item.message()).append("\n  ").append(link)
                    .append("\n");
            html.append("<li><strong>").append(HtmlUtils.htmlEscape(item.severity())).append("</strong> <a href=\"")
                    .append(HtmlUtils.htmlEscape(link)).append("\">").append(HtmlUtils.htmlEscape(item.territory()))
                    .append("</a> (").append(HtmlUtils.htmlEscape(item.territoryName())).append("): ")
                    .append(HtmlUtils.htmlEscape(item.message())).append("</li>");
        }
        String alertsLink = trimmedBaseUrl() + "/alerts?period=" + encode(period);
        text.append("\nAcknowledge them, and see why each was raised, at ").append(alertsLink).append("\n");
        html.append("</ul><p>Acknowledge them, and see why each was raised, on the <a href=\"")
                .append(HtmlUtils.htmlEscape(alertsLink)).append("\">alerts page</a>.</p></body></html>");
        return new Message(subject, text.toString(), html.toString());
    }

    private String scorecardLink(String territory, String period) {
        return trimmedBaseUrl() + "/scorecards/" + encode(territory) + "?period=" + encode(period);
    }

    private String trimmedBaseUrl() {
        String base = settings.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Control characters (line breaks above all) become spaces, so nothing can add a header. */
    private static String oneLine(String value) {
        return value.replaceAll("\\p{Cntrl}", " ");
    }
}
