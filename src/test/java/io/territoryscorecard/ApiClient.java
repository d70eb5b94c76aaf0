package io.territoryscorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/** The API as a client sees it: real requests to the running server with its credentials, redirects not followed. */
public final class ApiClient {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final URI base;
    private final String authorization;

    private ApiClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client of the server on this port without credentials; {@link #as} signs it in. */
    public static ApiClient anonymous(int port) {
        return new ApiClient(URI.create("http://127.0.0.1:" + port), null);
    }

    public ApiClient as(DemoAccount account) {
        return basic(account.username(), account.password());
    }

    public ApiClient basic(String username, String password) {
        String pair = username + ":" + password;
        String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return new ApiClient(base, "Basic " + encoded);
    }

    public ApiClient bearer(String token) {
        return new ApiClient(base, "Bearer " + token);
    }

    public ApiClient anonymous() {
        return new ApiClient(base, null);
    }

    public HttpAnswer get(String path) {
        return send("GET", path, null);
    }

    public HttpAnswer post(String path, String json) {
        return send("POST", path, json);
    }

    public HttpAnswer post(String path, MultipartForm form) {
        return send(form.post(base.resolve(path)));
    }

    public HttpAnswer patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public HttpAnswer delete(String path) {
        return send("DELETE", path, null);
    }

    /** A request with a JSON body (none when {@code json} is null). */
    public HttpAnswer send(String method, String path, String json) {
        BodyPublisher body = json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    public HttpAnswer send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request);
    }

    /** Starts an evaluation of the period as this client and returns the run as the 202 answer shows it. */
    public JsonNode startEvaluation(String period) {
        HttpAnswer started = post("/api/evaluations", "{\"period\":\"" + period + "\"}");
        assertThat(started.status()).as("POST /api/evaluations %s: %s", period, started).isEqualTo(202);
        return started.json();
    }

    /** Polls the run until it is no longer RUNNING and returns it. */
    public JsonNode awaitFinished(long runId) {
        return await("evaluation run " + runId).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/evaluations/" + runId).json(),
                        run -> !"RUNNING".equals(run.path("status").asString()));
    }

    /** Starts an evaluation of the period, waits for it and requires it completed. */
    public JsonNode evaluate(String period) {
        JsonNode run = awaitFinished(startEvaluation(period).path("id").asLong());
        assertThat(run.path("status").asString()).as("run %s", run).isEqualTo("COMPLETED");
        return run;
    }

    /** Text percent-encoded (spaces as %20) to stand as one path segment or query value. */
    public static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static HttpAnswer exchange(HttpRequest.Builder request) {
        try {
            var response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofString());
            return new HttpAnswer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
