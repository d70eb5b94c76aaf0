package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A status band: values from {@code from} (inclusive) up to {@code to} (exclusive) get {@code status}. An empty
 * limit means no limit on that side. Limits are written as text ("0.90") so that they are exact decimals.
 */
public abstract class Band implements Serializable {

    private final Status status;
    private final BigDecimal from;
    private final BigDecimal to;

    protected Band(Status status, String from, String to) {
        this.status = Objects.requireNonNull(status);
        this.from = Decimals.parseOrNull(from);
        this.to = Decimals.parseOrNull(to);
        if (this.from != null && this.to != null && this.from.compareTo(this.to) >= 0) {
            throw new IllegalArgumentException(status + " band: 'from' " + from + " must be below 'to' " + to);
        }
    }

    public Status getStatus() { return status; }
    public BigDecimal getFrom() { return from; }
    public BigDecimal getTo() { return to; }

    /** True when value lies in [from, to). */
    public boolean includes(BigDecimal value) {
        return (from == null || value.compareTo(from) >= 0) && (to == null || value.compareTo(to) < 0);
    }

    /** The band in words, for explanations: "0.90 <= value < 1.00". */
    public String describe(String value) {
        String lower = from == null ? "" : from.toPlainString() + " <= ";
        String upper = to == null ? "" : " < " + to.toPlainString();
        return lower + value + upper;
    }

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + status + " " + describe("x") + "]"; }
}
