package io.territoryscorecard.measurement;

import java.time.LocalDateTime;

/**
 * How far the running import has got. {@code percent} and {@code secondsLeft} are estimated from the bytes read and
 * are null when the size is unknown (an .xlsx file, whose rows are read from inside the zip).
 */
public record ImportProgress(ImportKind kind, String file, String startedBy, LocalDateTime startedAt, long rows,
        long bytesRead, long bytesTotal, Integer percent, long rowsPerSecond, Long secondsLeft) {
}
