package io.territoryscorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The pages as a browser uses them: cookies kept and sent back, forms posted with exactly the fields a test gives. */
public final class Browser {

    public static final String SESSION_COOKIE = "JSESSIONID";
    private static final Pattern CSRF_INPUT = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Browser(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    public HttpAnswer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** Posts the fields as an HTML form would, with the cookies but without adding anything (no CSRF token). */
    public HttpAnswer postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body)));
    }

    /** Posts a multipart form (an upload) with the cookies, adding no field to it. */
    public HttpAnswer post(String path, MultipartForm form) {
        return send(form.post(base.resolve(path)));
    }

    /** Opens the page and returns the CSRF token of its forms. */
    public String csrfTokenOf(String page) {
        HttpAnswer answer = get(page);
        assertThat(answer.status()).as("GET %s: %s", page, answer).isEqualTo(200);
        return csrfTokenIn(answer.body());
    }

    public static String csrfTokenIn(String html) {
        Matcher matcher = CSRF_INPUT.matcher(html);
        assertThat(matcher.find()).as("a hidden _csrf input in %s", html).isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /** Signs in through the form (with the CSRF token of the sign-in page) and returns the answer to the POST. */
    public HttpAnswer signIn(String username, String password) {
        String csrf = csrfTokenOf("/login");
        return postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf));
    }

    public HttpAnswer signIn(DemoAccount account) {
        HttpAnswer answer = signIn(account.username(), account.password());
        assertThat(answer.location()).as("sign-in of %s: %s", account, answer).endsWith("/");
        return answer;
    }

    /** The session cookie's value, or null when the server has set none. */
    public String sessionId() {
        return cookies.get(SESSION_COOKIE);
    }

    /** Replaces the session cookie, as if the browser still held an old one. */
    public void useSessionId(String sessionId) {
        cookies.put(SESSION_COOKIE, sessionId);
    }

    /** Sends a request built by the test, with the cookies. */
    public HttpAnswer send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpAnswer answer = ApiClient.exchange(request);
        for (String setCookie : answer.headers("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return answer;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
