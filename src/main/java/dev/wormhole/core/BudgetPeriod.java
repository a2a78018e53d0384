package dev.wormhole.core;

import java.util.Locale;
import java.util.Optional;

/** The period a virtual key's budget is spent over before it starts again. */
public enum BudgetPeriod {
    /** A calendar day (UTC). */
    DAY,
    /** A calendar month (UTC). */
    MONTH,
    /** The key's whole life: the budget never starts again. */
    TOTAL;

    /** The period named {@code name} ({@code day}, {@code month} or {@code total}), if it is one. */
    public static Optional<BudgetPeriod> named(String name) {
        for (BudgetPeriod period : values()) {
            if (period.wireName().equals(name)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /** The lowercase name used on the wire and in configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
