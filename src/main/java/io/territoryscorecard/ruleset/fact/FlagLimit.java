package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** Setting: a number an improvement flag rule compares against, such as the revenue shortfall limit. */
public final class FlagLimit implements Serializable {

    private final String flag;
    private final BigDecimal value;

    public FlagLimit(String flag, String value) {
        this.flag = Objects.requireNonNull(flag);
        this.value = Decimals.parse(value);
    }

    public String getFlag() { return flag; }
    public BigDecimal getValue() { return value; }

    @Override
    public String toString() { return "FlagLimit[" + flag + " " + value + "]"; }
}
