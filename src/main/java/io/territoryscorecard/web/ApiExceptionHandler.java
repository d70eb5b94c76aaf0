package io.territoryscorecard.web;

import io.territoryscorecard.account.AccountService;
import io.territoryscorecard.evaluation.EvaluationAlreadyRunningException;
import io.territoryscorecard.evaluation.PeriodHasNoMeasurementsException;
import io.territoryscorecard.evaluation.PeriodNotEvaluatedException;
import io.territoryscorecard.evaluation.PreviewFailedException;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors a caller can cause become problem details with a message that says what to change. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * A body that is not JSON, or JSON of the wrong shape: say where, not how the parser failed inside. A chunked body
     * that passed the size limit while the converter read it is a 413, not a syntax error.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                        ProblemWriter.title(413), RequestBodyLimitFilter.detail(tooLarge.maxBytes())));
            }
        }
        String detail = "The request body is not valid JSON of the expected shape";
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof tools.jackson.core.JacksonException json && json.getLocation() != null) {
            detail += " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail + "."));
    }

    /** Bad values in a request: a malformed period, a missing field. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /** A role that may not do this (from {@code @PreAuthorize}). */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.");
    }

    @ExceptionHandler(AccountService.AccountNotFoundException.class)
    ProblemDetail accountNotFound(AccountService.AccountNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(RulesetVersions.RulesetVersionNotFoundException.class)
    ProblemDetail versionNotFound(RulesetVersions.RulesetVersionNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** Rule files with errors: the whole validation report, so the author sees every problem at once. */
    @ExceptionHandler(RulesetService.RulesetRejectedException.class)
    ProblemDetail rulesetRejected(RulesetService.RulesetRejectedException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Rule files rejected", e.getMessage());
        problem.setProperty("report", e.report());
        return problem;
    }

    /** A ruleset that does not compile when it is activated (for instance against a changed fact vocabulary). */
    @ExceptionHandler(RulesetCompilationException.class)
    ProblemDetail rulesetDoesNotCompile(RulesetCompilationException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Rules do not compile",
                "the rules have " + e.problems().size() + " problem(s); nothing was changed");
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(RulesetService.NothingToRollBackException.class)
    ProblemDetail nothingToRollBack(RulesetService.NothingToRollBackException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /** A preview of a period that has no current results to compare with. */
    @ExceptionHandler(PeriodNotEvaluatedException.class)
    ProblemDetail periodNotEvaluated(PeriodNotEvaluatedException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** Candidate rules that compile but fail while they run in a preview. */
    @ExceptionHandler(PreviewFailedException.class)
    ProblemDetail previewFailed(PreviewFailedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "The candidate rules failed", e.getMessage());
    }

    /** An evaluation of a period without measurements: nothing was started; the detail says what to do first. */
    @ExceptionHandler(PeriodHasNoMeasurementsException.class)
    ProblemDetail periodHasNoMeasurements(PeriodHasNoMeasurementsException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Period has no measurements",
                e.getMessage());
        problem.setProperty("period", e.period());
        return problem;
    }

    @ExceptionHandler(EvaluationAlreadyRunningException.class)
    ProblemDetail conflict(EvaluationAlreadyRunningException e) {
        return problem(HttpStatus.CONFLICT, "Evaluation already running", e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request failed unexpectedly; the error has been logged.");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
