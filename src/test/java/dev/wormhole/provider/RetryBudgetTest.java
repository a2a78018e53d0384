package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

    @Test
    void allowsTheFloorThenAFractionOfCalls() {
        RetryBudget budget = new RetryBudget(0.2, Duration.ofSeconds(10), 3, clock::get);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryRetry()).isTrue();
        }
        assertThat(budget.tryRetry()).isFalse();

        for (int i = 0; i < 50; i++) {
            budget.recordCall();
        }
        // 20 % of 50 calls: 10 retries in the window, 3 of them spent.
        for (int i = 0; i < 7; i++) {
            assertThat(budget.tryRetry()).isTrue();
        }
        assertThat(budget.tryRetry()).isFalse();
    }

    @Test
    void forgetsCallsAndRetriesOutsideTheWindow() {
        RetryBudget budget = new RetryBudget(0.2, Duration.ofSeconds(10), 1, clock::get);
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();

        clock.addAndGet(Duration.ofSeconds(11).toNanos());

        assertThat(budget.tryRetry()).isTrue();
    }
}
