package dev.wormhole.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.wormhole.core.BudgetPeriod;
import dev.wormhole.state.StateStore;

/**
 * A key's spend in one budget period, a counter of micro-USD in the state store: {@code spend:<key id>:day:<date>},
 * {@code spend:<key id>:month:<yyyy-MM>} or {@code spend:<key id>:total}. Day and month counters expire a day after
 * their period ends; the total never does. Periods are UTC calendar days and months.
 */
final class SpendCounters {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private SpendCounters() {
    }

    /** The counter of {@code keyId}'s spend in the {@code period} that holds {@code now}. */
    static String key(String keyId, BudgetPeriod period, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return "spend:" + keyId + ":" + switch (period) {
            case DAY -> "day:" + day;
            case MONTH -> "month:" + MONTH.format(day);
            case TOTAL -> "total";
        };
    }

    /** When the {@code period} that holds {@code now} ends, or null for {@link BudgetPeriod#TOTAL}. */
    static Instant resetsAt(BudgetPeriod period, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (period) {
            case DAY -> day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case MONTH -> day.withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case TOTAL -> null;
        };
    }

    /** How long the counter must live: its period and a day of margin. */
    static Duration ttl(BudgetPeriod period, Instant now) {
        Instant end = resetsAt(period, now);
        return end == null ? StateStore.FOREVER : Duration.between(now, end).plusDays(1);
    }
}
