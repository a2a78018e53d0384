package dev.wormhole.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wormhole.core.BudgetPeriod;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.core.ModelGlobs;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.state.EmbeddedStateStore;
import dev.wormhole.state.StateStore;
import dev.wormhole.usage.UsageQuery.Dimension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Usage rows, their report and budgets on the embedded state store, with a restart in between. */
class UsageLedgerTest {

    private static final Instant DAY1 = Instant.parse("2026-03-31T23:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-04-01T08:00:00Z");
    private static final ModelRef GPT = new ModelRef("openai", "gpt-4o");
    private static final ModelRef CLAUDE = new ModelRef("anthropic", "claude-sonnet-4");

    @TempDir
    Path dir;

    private StateStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(20));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Caller caller(String id, KeyLimits limits) {
        return new Caller(id, id + "-name", null, ModelGlobs.ANY, limits);
    }

    private void write(Caller caller, ModelRef target, Usage usage, long micros, boolean failed, Instant at) {
        UsageLedger ledger = new UsageLedger(store, null, null, new SimpleMeterRegistry());
        ledger.write(caller, target, usage == null ? Usage.ZERO : usage, micros < 0 ? Price.Cost.UNPRICED : new Price.Cost(micros, true), failed, at)
                .await().indefinitely();
    }

    private UsageReport.Report read(Set<String> keys, String model, LocalDate from, LocalDate to, Dimension... by) {
        return new UsageReport(store).read(new UsageQuery(keys, model, from, to, List.of(by))).await().indefinitely();
    }

    private void recordSome() {
        Caller a = caller("key_a", KeyLimits.NONE);
        write(a, GPT, new Usage(100, 50, 40, 0), 540, false, DAY1);
        write(a, GPT, Usage.of(10, 5), 60, false, DAY2);
        write(a, GPT, null, 0, true, DAY2);
        write(a, CLAUDE, Usage.of(7, 3), -1, false, DAY2);
        write(Caller.STATIC_KEY, GPT, Usage.of(1, 1), 9, false, DAY2);
    }

    @Test
    void sumsRowsByTheDimensionsAskedFor() {
        recordSome();

        UsageReport.Report all = read(null, null, null, null);
        assertThat(all.groups()).singleElement().satisfies(g -> assertThat(g.dimensions()).isEmpty());
        assertThat(all.totals()).isEqualTo(new UsageTotals(5, 1, 118, 59, 40, 609, 1));
        assertThat(all.totals().costUsd()).isEqualByComparingTo(new BigDecimal("0.000609"));

        UsageReport.Report byKeyAndDay = read(null, null, null, null, Dimension.KEY, Dimension.DAY);
        assertThat(byKeyAndDay.groups()).extracting(g -> g.dimensions().values().stream().toList(),
                g -> g.totals().requests()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(List.of("key_a", "2026-03-31"), 1L),
                        org.assertj.core.groups.Tuple.tuple(List.of("key_a", "2026-04-01"), 3L),
                        org.assertj.core.groups.Tuple.tuple(List.of("static", "2026-04-01"), 1L));

        UsageReport.Report byProvider = read(Set.of("key_a"), null, null, null, Dimension.PROVIDER);
        assertThat(byProvider.groups()).extracting(g -> g.dimensions().get(Dimension.PROVIDER), g -> g.totals().unpriced())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", 1L),
                        org.assertj.core.groups.Tuple.tuple("openai", 0L));
    }

    @Test
    void filtersByKeyModelAndInclusiveDays() {
        recordSome();

        assertThat(read(Set.of("key_a"), "openai/gpt-4o", null, null).totals().requests()).isEqualTo(3);
        assertThat(read(null, "gpt-4o", null, null).totals().requests()).isEqualTo(4);
        assertThat(read(null, null, LocalDate.parse("2026-03-31"), LocalDate.parse("2026-03-31")).totals())
                .isEqualTo(new UsageTotals(1, 0, 100, 50, 40, 540, 0));
        assertThat(read(null, null, LocalDate.parse("2026-04-01"), null).totals().requests()).isEqualTo(4);
        assertThat(read(Set.of("nobody"), null, null, null).groups()).isEmpty();
    }

    @Test
    void usageAndSpendSurviveARestart() {
        recordSome();
        UsageReport.Report before = read(null, null, null, null, Dimension.KEY, Dimension.MODEL, Dimension.DAY);
        long spent = store.counter(SpendCounters.key("key_a", BudgetPeriod.TOTAL, DAY2)).await().indefinitely();

        store.close();
        store = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(20));

        assertThat(read(null, null, null, null, Dimension.KEY, Dimension.MODEL, Dimension.DAY)).isEqualTo(before);
        assertThat(store.counter(SpendCounters.key("key_a", BudgetPeriod.TOTAL, DAY2)).await().indefinitely())
                .isEqualTo(spent).isEqualTo(600);
    }

    @Test
    void countsSpendPerPeriodForVirtualKeysOnly() {
        recordSome();

        assertThat(store.counter("spend:key_a:day:2026-03-31").await().indefinitely()).isEqualTo(540);
        assertThat(store.counter("spend:key_a:day:2026-04-01").await().indefinitely()).isEqualTo(60);
        assertThat(store.counter("spend:key_a:month:2026-03").await().indefinitely()).isEqualTo(540);
        assertThat(store.counter("spend:key_a:month:2026-04").await().indefinitely()).isEqualTo(60);
        assertThat(store.counter("spend:static:total").await().indefinitely()).isZero();
    }

    @Test
    void refusesAKeyThatHasSpentItsBudgetUntilThePeriodResets() {
        KeyLimits daily = new KeyLimits(null, null, null, new KeyLimits.Budget(new BigDecimal("0.0005"), BudgetPeriod.DAY));
        Caller key = caller("key_b", daily);
        Budgets budgets = new Budgets(store, Clock.fixed(DAY1, ZoneOffset.UTC));
        budgets.require(key).await().indefinitely();

        write(key, GPT, Usage.of(1, 1), 499, false, DAY1);
        budgets.require(key).await().indefinitely();
        write(key, GPT, Usage.of(1, 1), 1, false, DAY1);

        assertThatThrownBy(() -> budgets.require(key).await().indefinitely()).isInstanceOfSatisfying(
                GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BUDGET_EXCEEDED);
                    assertThat(e.code()).isEqualTo("budget_exceeded");
                    assertThat(e.getMessage()).contains("$0.0005", "day", "2026-04-01T00:00:00Z");
                    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                });
        new Budgets(store, Clock.fixed(DAY2, ZoneOffset.UTC)).require(key).await().indefinitely();
    }

    @Test
    void aTotalBudgetNeverResets() {
        KeyLimits total = new KeyLimits(null, null, null, new KeyLimits.Budget(new BigDecimal("0.0001"), BudgetPeriod.TOTAL));
        Caller key = caller("key_c", total);
        write(key, GPT, Usage.of(1, 1), 100, false, DAY1);

        assertThatThrownBy(() -> new Budgets(store, Clock.fixed(DAY2.plus(Duration.ofDays(400)), ZoneOffset.UTC))
                .require(key).await().indefinitely()).isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.getMessage()).contains("total budget of $0.0001", "does not reset");
                    assertThat(e.retryAfter()).isEmpty();
                });
    }

    @Test
    void rowNamesSurviveModelNamesWithAnyCharacter() {
        ModelRef odd = new ModelRef("openrouter", "meta/llama:free {x} y");
        write(caller("key:d", KeyLimits.NONE), odd, Usage.of(2, 2), 4, false, DAY1);

        UsageReport.Report report = read(Set.of("key:d"), "openrouter/meta/llama:free {x} y", null, null,
                Dimension.KEY, Dimension.PROVIDER, Dimension.MODEL);
        assertThat(report.groups()).singleElement().satisfies(g -> assertThat(g.dimensions()).isEqualTo(Map.of(
                Dimension.KEY, "key:d", Dimension.PROVIDER, "openrouter", Dimension.MODEL, "meta/llama:free {x} y")));
    }
}
