package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The band a value fell in: values from {@code from} (inclusive) up to {@code to} (exclusive) get {@code status}. An
 * empty limit means no limit on that side. Derived from a set of {@link StatusLimit}s by {@link #at}.
 */
public final class Band implements Serializable {

    private final Status status;
    private final BigDecimal from;
    private final BigDecimal to;

    private Band(Status status, BigDecimal from, BigDecimal to) {
        this.status = status;
        this.from = from;
        this.to = to;
    }

    /**
     * The band of a value in a set of limits: the best status whose limit the value reaches (GREEN before AMBER), RED
     * when it reaches none. The band ends at the lowest limit of the better statuses.
     *
     * @param limits the {@link StatusLimit}s of one set, as a rule collects them
     * @throws IllegalArgumentException when the set has two limits for one status
     */
    public static Band at(Collection<?> limits, BigDecimal value) {
        Map<Status, StatusLimit> byStatus = new EnumMap<>(Status.class);
        for (Object fact : limits) {
            StatusLimit limit = (StatusLimit) fact;
            StatusLimit other = byStatus.putIfAbsent(limit.getStatus(), limit);
            if (other != null) {
                throw new IllegalArgumentException("two " + limit.getStatus() + " limits in one set, " + other
                        + " and " + limit + ": keep one");
            }
        }
        BigDecimal to = null;
        for (Status status : Status.values()) {
            BigDecimal from = byStatus.containsKey(status) ? byStatus.get(status).getFrom() : null;
            if (status == Status.RED || from != null && value.compareTo(from) >= 0) {
                return new Band(status, from, to);
            }
            if (from != null && (to == null || from.compareTo(to) < 0)) {
                to = from;
            }
        }
        throw new IllegalStateException("RED is the last status");
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
    public boolean equals(Object other) {
        return other instanceof Band band && status == band.status && Objects.equals(from, band.from)
                && Objects.equals(to, band.to);
    }

    @Override
    public int hashCode() { return Objects.hash(status, from, to); }

    @Override
    public String toString() { return "Band[" + status + " " + describe("x") + "]"; }
}
