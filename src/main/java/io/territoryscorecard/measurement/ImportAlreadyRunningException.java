package io.territoryscorecard.measurement;

/** Imports run one at a time: two would race on the same rows and make each other's counts meaningless. */
public class ImportAlreadyRunningException extends RuntimeException {

    /** @param running the running import, or null when it finished a moment ago */
    public ImportAlreadyRunningException(ImportProgress running) {
        super(running == null ? "an import is already running; wait for it to finish"
                : "an import is already running (" + running.kind().word() + " from '" + running.file()
                        + "', started by " + running.startedBy() + ", " + running.rows() + " rows so far); wait for "
                        + "it to finish");
    }
}
