package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A status limit: values from {@code from} (inclusive) up get {@code status}, unless they reach the limit of a better
 * status. Only GREEN and AMBER have a limit; RED is what lies below them, so a set of limits has no gaps and no
 * overlaps. The limit is written as text ("0.90") so that it is an exact decimal.
 */
public abstract class StatusLimit implements Serializable {

    private final Status status;
    private final BigDecimal from;

    protected StatusLimit(Status status, String from) {
        this.status = Objects.requireNonNull(status);
        if (status == Status.RED) {
            throw new IllegalArgumentException("RED has no limit of its own: it is every value below the AMBER "
                    + "limit (below the GREEN limit when there is no AMBER limit)");
        }
        this.from = Decimals.parse(from);
    }

    public Status getStatus() { return status; }
    public BigDecimal getFrom() { return from; }

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + status + " from " + from.toPlainString() + "]"; }
}
