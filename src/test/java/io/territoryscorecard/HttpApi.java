package io.territoryscorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The application's HTTP API as a client sees it: real requests to a running server, JSON answers as trees. */
public final class HttpApi {

    /** Numbers as exact decimals, so that 0.9000 is compared as a decimal and not as a double. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;

    /** A client signed in as the demo sales ops account, which may run evaluations and sees every territory. */
    public HttpApi(int port) {
        this(URI.create("http://127.0.0.1:" + port), "salesops", "demo-salesops");
    }

    private HttpApi(URI base, String username, String password) {
        this.base = base;
        this.authorization = username == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The same server, signed in as another account (HTTP Basic). */
    public HttpApi as(String username, String password) {
        return new HttpApi(base, username, password);
    }

    /** The same server without credentials. */
    public HttpApi anonymous() {
        return new HttpApi(base, null, null);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Uploads text files as multipart parts named {@code files}, the file name being each map key. */
    public Response postFiles(String path, java.util.Map<String, String> files) {
        String boundary = "----files" + java.util.UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        files.forEach((name, content) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"files\"; filename=\"").append(name).append("\"\r\n")
                .append("Content-Type: text/plain\r\n\r\n").append(content).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Starts an evaluation of the period and returns the run as the 202 answer shows it. */
    public JsonNode startEvaluation(String period) {
        Response response = post("/api/evaluations", "{\"period\":\"" + period + "\"}");
        assertThat(response.status()).as("POST /api/evaluations %s: %s", period, response.body()).isEqualTo(202);
        return response.json();
    }

    /** Polls the run until it is no longer RUNNING and returns it. */
    public JsonNode awaitFinished(long runId) {
        return await("evaluation run " + runId + " to finish").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/evaluations/" + runId).json(),
                        run -> !"RUNNING".equals(run.path("status").asString()));
    }

    /** Starts an evaluation of the period, waits for it and requires it to have completed. */
    public JsonNode evaluate(String period) {
        JsonNode finished = awaitFinished(startEvaluation(period).path("id").asLong());
        assertThat(finished.path("status").asString()).as("run %s", finished).isEqualTo("COMPLETED");
        return finished;
    }

    private Response send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
