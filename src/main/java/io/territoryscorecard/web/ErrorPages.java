package io.territoryscorecard.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that no controller handled (an address that is no page, a refused request) are shown on the same error page
 * as the others, instead of Spring Boot's "Whitelabel Error Page". The words are fixed per status: the exception's
 * message is for the log, not for the screen.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String message = switch (status) {
            case NOT_FOUND -> "There is no page at this address.";
            case FORBIDDEN -> "Your account may not do this.";
            default -> status.is4xxClientError() ? "This request cannot be handled."
                    : "Something went wrong on our side. Please try again later.";
        };
        return new ModelAndView("web/error", Map.of("status", status.value(), "message", message), status);
    }
}
