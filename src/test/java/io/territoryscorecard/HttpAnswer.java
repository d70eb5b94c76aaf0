package io.territoryscorecard;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP answer as the client saw it. */
public record HttpAnswer(int status, HttpHeaders headers, String body) {

    /** Numbers as exact decimals, so that 0.9000 is compared as a decimal and not as a double. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    public JsonNode json() {
        return JSON.readTree(body);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    /** The Location header, or "" when there is none. */
    public String location() {
        return header("Location").orElse("");
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
    }
}
