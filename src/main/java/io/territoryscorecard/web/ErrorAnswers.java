package io.territoryscorecard.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;

/**
 * Errors that reach the container's error dispatch (an address no endpoint serves, a method it does not accept, a
 * firewall refusal, an upload above its limit) answer a problem detail like the rest of the API, instead of Spring
 * Boot's default error body; browsers still get the error page ({@link ErrorPages}). The words are fixed per status,
 * unless the refusal left its own ({@link ProblemWriter#DETAIL}).
 */
@Controller
@ConditionalOnWebApplication
class ErrorAnswers extends BasicErrorController {

    ErrorAnswers(ErrorAttributes attributes, WebProperties web, List<ErrorViewResolver> resolvers) {
        super(attributes, web.getError(), resolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemWriter.problem(status.value(), detail(request, status),
                        path == null ? null : path.toString()));
    }

    private static String detail(HttpServletRequest request, HttpStatus status) {
        if (request.getAttribute(ProblemWriter.DETAIL) instanceof String detail) {
            return detail;
        }
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept " + request.getMethod() + ".";
            case CONTENT_TOO_LARGE -> "The request is larger than this address accepts.";
            case UNAUTHORIZED -> "Sign in with HTTP Basic or an API token (Authorization: Bearer tsc_...).";
            case FORBIDDEN -> "Your role does not allow this.";
            default -> status.is4xxClientError() ? "This request cannot be handled."
                    : "The request failed unexpectedly; the error has been logged.";
        };
    }
}
