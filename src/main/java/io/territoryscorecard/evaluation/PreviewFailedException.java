package io.territoryscorecard.evaluation;

/** The candidate rules compiled but failed while they ran (an error in a rule, a runaway loop); nothing was stored. */
public class PreviewFailedException extends RuntimeException {

    PreviewFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
