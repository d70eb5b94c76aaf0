package io.territoryscorecard.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem detail where no controller advice can: in filters, in the firewall's refusal and in the
 * servlet container's own error report, so that every refusal looks like the rest of the API.
 */
final class ProblemWriter {

    /** A request attribute with the detail a refusal wants the error answer to show (instead of a fixed phrase). */
    static final String DETAIL = ProblemWriter.class.getName() + ".detail";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    static Map<String, Object> problem(int status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return problem;
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, detail));
    }

    static void write(Writer writer, int status, String detail) throws IOException {
        writer.write(json(status, detail));
    }

    private static String json(int status, String detail) {
        return JSON.writeValueAsString(problem(status, detail, null));
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }
}
