package io.territoryscorecard.measurement.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the rows and bytes an import has read, for the progress the API shows and the log line written at most every
 * five seconds: rows, share of the file, rows per second and the seconds left.
 */
public final class ImportMeter {

    private static final Logger log = LoggerFactory.getLogger("io.territoryscorecard.measurement.Imports");
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String label;
    private volatile long bytesTotal;
    private final long started = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private long lastLogged = started;

    /** @param bytesTotal the size of what {@link #count} reads, or -1 when unknown */
    public ImportMeter(String label, long bytesTotal) {
        this.label = label;
        this.bytesTotal = bytesTotal;
    }

    /** The stream, counting the bytes read from it. */
    public InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytes.addAndGet(n);
                }
                return n;
            }
        };
    }

    /** The rows are not read from the counted bytes (an .xlsx file): no share or time left can be estimated. */
    public void sizeUnknown() {
        bytesTotal = -1;
    }

    void row() {
        long done = rows.incrementAndGet();
        if ((done & 1023) == 0) {
            long now = System.nanoTime();
            if (now - lastLogged >= LOG_EVERY_NANOS) {
                lastLogged = now;
                log.info("Import {}: {}", label, describe());
            }
        }
    }

    public long rows() {
        return rows.get();
    }

    public long bytesRead() {
        return bytes.get();
    }

    public long bytesTotal() {
        return bytesTotal;
    }

    /** Share of the file read, 0-100; null when the size is unknown. */
    public Integer percent() {
        return bytesTotal > 0 ? (int) Math.min(100, bytes.get() * 100 / bytesTotal) : null;
    }

    public long rowsPerSecond() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return Math.round(rows.get() / seconds);
    }

    /** Estimated from the share of bytes read so far; null when the size is unknown or nothing was read yet. */
    public Long secondsLeft() {
        long read = bytes.get();
        if (bytesTotal <= 0 || read == 0) {
            return null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return Math.max(0, Math.round(seconds * (bytesTotal - Math.min(read, bytesTotal)) / read));
    }

    public String describe() {
        Integer percent = percent();
        Long left = secondsLeft();
        return String.format(Locale.ROOT, "%,d rows%s, %,d rows/s%s", rows.get(),
                percent == null ? "" : " (" + percent + "% of the file)", rowsPerSecond(),
                left == null ? "" : ", ETA " + left + " s");
    }
}
