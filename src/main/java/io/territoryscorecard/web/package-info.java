/**
 * What is shared by the web face: error responses (RFC 9457 problem details that name the field or value at fault,
 * never a stack trace, also for what the firewall, Tomcat or no endpoint answers), the request body limit, the error
 * page that pages and unknown addresses show, how pages write numbers and names ({@code PageFormats}: perspective
 * names from the fact vocabulary) and, as pages arrive, layout and dashboard.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web",
        allowedDependencies = {"alerting", "evaluation", "ruleset", "ruleset :: fact", "measurement", "account"})
package io.territoryscorecard.web;
