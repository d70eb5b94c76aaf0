package io.territoryscorecard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses (an encoded ';', '%', '.' or '/', a '//' or '/../', a non-ASCII address)
 * are a 400 that says what was wrong with the address; the error answer turns it into a problem detail (or the error
 * page for a browser). The firewall's own answer would be Spring's default error body.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private static final Pattern MALICIOUS = Pattern.compile("potentially malicious String \"([^\"]{1,10})\"");

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        request.setAttribute(ProblemWriter.DETAIL, detail(rejected.getMessage()));
        response.sendError(400);
    }

    /** Names the sequence when it is one of the firewall's fixed list; never echoes a header value. */
    static String detail(String message) {
        String text = message == null ? "" : message;
        Matcher found = MALICIOUS.matcher(text);
        if (found.find()) {
            return "The address contains \"" + found.group(1) + "\", which is not allowed: request the plain address, "
                    + "without encoded separators, '//' or '/../'.";
        }
        if (text.contains("not normalized")) {
            return "The address is not normalized (it contains '/./', '/../' or similar): request the plain address.";
        }
        if (text.contains("printable ASCII")) {
            return "The address may only contain printable ASCII characters: percent-encode the others.";
        }
        if (text.contains("HTTP method")) {
            return "The HTTP method is not allowed.";
        }
        return "The request was refused: its address or headers contain characters that are not allowed.";
    }
}
