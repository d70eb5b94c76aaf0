package io.territoryscorecard.evaluation;

/** An evaluation run failed; nothing of its results was kept and the error is recorded on the run. */
public class EvaluationFailedException extends RuntimeException {

    private final long runId;

    public EvaluationFailedException(long runId, String message, Throwable cause) {
        super("evaluation " + runId + " failed: " + message, cause);
        this.runId = runId;
    }

    public long runId() {
        return runId;
    }
}
