package dev.wormhole.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The contract every {@link StateStore} keeps, run against each implementation by a subclass. Concurrent calls come
 * from many threads and, where the implementation has them, from several replicas (clients) at once.
 */
abstract class StateStoreContract {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration SHORT_TTL = Duration.ofMillis(300);

    protected StateStore store;
    private final List<StateStore> replicas = new ArrayList<>();
    private ExecutorService callers;
    private String prefix;

    /** A store over the same data as every store opened before it in this test (a restart, or another replica). */
    protected abstract StateStore open();

    /** Whether {@link #open} may be called while another store is open (several replicas of one backend). */
    protected abstract boolean sharesAcrossReplicas();

    @BeforeEach
    void openStore() {
        store = open();
        callers = Executors.newFixedThreadPool(16);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @AfterEach
    void closeStore() {
        callers.shutdownNow();
        replicas.forEach(StateStore::close);
        store.close();
    }

    @Test
    void putsGetsAndDeletesValues() {
        assertThat(store.get(key("v")).await().atMost(PATIENCE)).isEmpty();
        store.put(key("v"), "one".getBytes(UTF_8), StateStore.FOREVER).await().atMost(PATIENCE);
        assertThat(text(store.get(key("v")))).contains("one");
        store.put(key("v"), "two".getBytes(UTF_8), StateStore.FOREVER).await().atMost(PATIENCE);
        assertThat(text(store.get(key("v")))).contains("two");
        assertThat(store.delete(key("v")).await().atMost(PATIENCE)).isTrue();
        assertThat(store.delete(key("v")).await().atMost(PATIENCE)).isFalse();
        assertThat(store.get(key("v")).await().atMost(PATIENCE)).isEmpty();
    }

    @Test
    void keepsBinaryValuesByteForByte() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        store.put(key("bin"), bytes, StateStore.FOREVER).await().atMost(PATIENCE);
        assertThat(store.get(key("bin")).await().atMost(PATIENCE)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes));
    }

    @Test
    void valuesExpireAfterTheirTtl() {
        store.put(key("short"), "x".getBytes(UTF_8), SHORT_TTL).await().atMost(PATIENCE);
        store.put(key("long"), "y".getBytes(UTF_8), Duration.ofMinutes(10)).await().atMost(PATIENCE);
        assertThat(text(store.get(key("short")))).contains("x");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(25))
                .until(() -> store.get(key("short")).await().atMost(PATIENCE).isEmpty());
        assertThat(text(store.get(key("long")))).contains("y");
        assertThat(store.putIfAbsent(key("short"), "z".getBytes(UTF_8), StateStore.FOREVER).await().atMost(PATIENCE))
                .as("an expired key is absent").isTrue();
    }

    @Test
    void putIfAbsentHasExactlyOneWinnerInARace() {
        List<Boolean> outcomes = concurrently(64, i -> replica(i).putIfAbsent(key("once"), ("w" + i).getBytes(UTF_8),
                Duration.ofMinutes(1)));
        assertThat(outcomes).filteredOn(won -> won).hasSize(1);
        int winner = outcomes.indexOf(true);
        assertThat(text(store.get(key("once")))).contains("w" + winner);
    }

    @Test
    void incrementsAreExactUnderConcurrency() {
        concurrently(1000, i -> replica(i).increment(key("n"), i % 2 == 0 ? 3 : -1, StateStore.FOREVER));
        assertThat(store.counter(key("n")).await().atMost(PATIENCE)).isEqualTo(1000);
        assertThat(store.counter(key("never")).await().atMost(PATIENCE)).isZero();
    }

    @Test
    void incrementSetsItsTtlOnlyOnCreation() {
        assertThat(store.increment(key("day"), 5, SHORT_TTL).await().atMost(PATIENCE)).isEqualTo(5);
        assertThat(store.increment(key("day"), 5, Duration.ofMinutes(10)).await().atMost(PATIENCE)).isEqualTo(10);
        assertThat(store.counter(key("day")).await().atMost(PATIENCE)).isEqualTo(10);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(25))
                .until(() -> store.counter(key("day")).await().atMost(PATIENCE) == 0);
        assertThat(store.increment(key("day"), 1, StateStore.FOREVER).await().atMost(PATIENCE))
                .as("the counter expired with the first TTL and starts again").isEqualTo(1);
    }

    @Test
    void hashFieldsIncrementTogetherExactly() {
        concurrently(300, i -> replica(i).incrementFields(key("usage"),
                Map.of("requests", 1L, "prompt_tokens", 10L, "cost_micros", 1_500L), Duration.ofDays(1)));
        Map<String, Long> last = store.incrementFields(key("usage"), Map.of("errors", 1L), Duration.ofDays(1))
                .await().atMost(PATIENCE);
        assertThat(last).containsExactly(Map.entry("errors", 1L));
        assertThat(store.fields(key("usage")).await().atMost(PATIENCE)).containsOnly(Map.entry("requests", 300L),
                Map.entry("prompt_tokens", 3000L), Map.entry("cost_micros", 450_000L), Map.entry("errors", 1L));
        assertThat(store.fields(key("none")).await().atMost(PATIENCE)).isEmpty();
    }

    @Test
    void hashesExpire() {
        store.incrementFields(key("h"), Map.of("a", 1L), SHORT_TTL).await().atMost(PATIENCE);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(25))
                .until(() -> store.fields(key("h")).await().atMost(PATIENCE).isEmpty());
    }

    @Test
    void indexesListMembersInPagesInByteOrder() {
        for (String member : List.of("b", "a", "c", "B", "aa", "é")) {
            assertThat(store.indexAdd(key("ids"), member).await().atMost(PATIENCE)).isTrue();
        }
        assertThat(store.indexAdd(key("ids"), "a").await().atMost(PATIENCE)).isFalse();
        assertThat(store.indexPage(key("ids"), "", 3).await().atMost(PATIENCE)).containsExactly("B", "a", "aa");
        assertThat(store.indexPage(key("ids"), "aa", 3).await().atMost(PATIENCE)).containsExactly("b", "c", "é");
        assertThat(store.indexPage(key("ids"), "é", 3).await().atMost(PATIENCE)).isEmpty();
        assertThat(store.indexRemove(key("ids"), "b").await().atMost(PATIENCE)).isTrue();
        assertThat(store.indexRemove(key("ids"), "b").await().atMost(PATIENCE)).isFalse();
        assertThat(store.indexPage(key("ids"), "aa", 10).await().atMost(PATIENCE)).containsExactly("c", "é");
        assertThat(store.indexPage(key("empty"), "", 10).await().atMost(PATIENCE)).isEmpty();
    }

    @Test
    void admitLetsExactlyTheLimitThroughConcurrentCallers() {
        List<Admission> admissions = concurrently(300, i -> replica(i).admit(key("rpm"), 100, Duration.ofMinutes(1), 1));
        assertThat(admissions).filteredOn(Admission::admitted).hasSize(100);
        assertThat(admissions).filteredOn(a -> !a.admitted()).allSatisfy(a -> {
            assertThat(a.remaining()).isZero();
            assertThat(a.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(a.resetAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        });
        assertThat(admissions).filteredOn(Admission::admitted).extracting(Admission::remaining)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(0, 100).boxed().toList());
    }

    @Test
    void neverCountsMoreThanTheLimitInAnyWindowUnderSustainedOverload() {
        long limit = 20;
        Duration window = Duration.ofMillis(500);
        // about 3x the limit for three windows, from three replicas where the backend has them
        List<Admission> admissions = Multi.createFrom().ticks().every(Duration.ofMillis(8)).select().first(180)
                .onItem().transformToUni(i -> replica(i.intValue()).admit(key("load"), limit, window, 1)).merge(16)
                .collect().asList().await().atMost(PATIENCE);
        List<Long> admitted = admissions.stream().filter(Admission::admitted).map(Admission::at).sorted().toList();
        for (int i = 0; i < admitted.size(); i++) {
            long end = admitted.get(i);
            long inWindow = admitted.stream().filter(at -> at > end - window.toMillis() && at <= end).count();
            assertThat(inWindow).as("admitted in the window ending at %d", end).isLessThanOrEqualTo(limit);
        }
        assertThat(admitted).hasSizeGreaterThanOrEqualTo((int) limit * 2);
    }

    @Test
    void admitCountsCostsAndAdjustReconcilesAReservation() {
        Duration minute = Duration.ofMinutes(1);
        Admission first = store.admit(key("tpm"), 1000, minute, 400).await().atMost(PATIENCE);
        Admission second = store.admit(key("tpm"), 1000, minute, 400).await().atMost(PATIENCE);
        assertThat(first.admitted()).isTrue();
        assertThat(first.remaining()).isEqualTo(600);
        assertThat(first.retryAfter()).isZero();
        assertThat(second.remaining()).isEqualTo(200);
        Admission third = store.admit(key("tpm"), 1000, minute, 400).await().atMost(PATIENCE);
        assertThat(third.admitted()).isFalse();
        assertThat(third.remaining()).isEqualTo(200);
        assertThat(third.retryAfter()).isPositive().isLessThanOrEqualTo(minute);

        store.adjust(key("tpm"), minute, first, -300).await().atMost(PATIENCE); // the first used only 100
        Admission fourth = store.admit(key("tpm"), 1000, minute, 400).await().atMost(PATIENCE);
        assertThat(fourth.admitted()).isTrue();
        assertThat(fourth.remaining()).isEqualTo(100);
        store.adjust(key("tpm"), minute, fourth, 50).await().atMost(PATIENCE);
        assertThat(store.admit(key("tpm"), 1000, minute, 60).await().atMost(PATIENCE).admitted()).isFalse();
        assertThat(store.admit(key("tpm"), 1000, minute, 50).await().atMost(PATIENCE).admitted()).isTrue();
    }

    @Test
    void aCostAboveTheLimitIsNeverAdmitted() {
        Admission admission = store.admit(key("big"), 100, Duration.ofSeconds(10), 101).await().atMost(PATIENCE);
        assertThat(admission.admitted()).isFalse();
        assertThat(admission.remaining()).isEqualTo(100);
        assertThat(admission.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theWindowSlides() {
        Duration window = Duration.ofMillis(400);
        assertThat(store.admit(key("w"), 2, window, 1).await().atMost(PATIENCE).admitted()).isTrue();
        assertThat(store.admit(key("w"), 2, window, 1).await().atMost(PATIENCE).admitted()).isTrue();
        Admission refused = store.admit(key("w"), 2, window, 1).await().atMost(PATIENCE);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(window);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> store.admit(key("w"), 2, window, 1).await().atMost(PATIENCE).admitted());
    }

    @Test
    void leasesBoundConcurrencyExactlyAndCanBeRenewedAndReleased() {
        List<Boolean> taken = concurrently(100, i -> replica(i).acquire(key("conc"), 10, "lease-" + i,
                Duration.ofMinutes(1)));
        assertThat(taken).filteredOn(t -> t).hasSize(10);
        int holder = taken.indexOf(true);
        int waiter = taken.indexOf(false);
        assertThat(store.acquire(key("conc"), 10, "lease-" + holder, Duration.ofMinutes(1)).await().atMost(PATIENCE))
                .as("renewing a held lease").isTrue();
        assertThat(store.acquire(key("conc"), 10, "lease-" + waiter, Duration.ofMinutes(1)).await().atMost(PATIENCE))
                .isFalse();
        assertThat(store.release(key("conc"), "lease-" + holder).await().atMost(PATIENCE)).isTrue();
        assertThat(store.release(key("conc"), "lease-" + holder).await().atMost(PATIENCE)).isFalse();
        assertThat(store.acquire(key("conc"), 10, "lease-" + waiter, Duration.ofMinutes(1)).await().atMost(PATIENCE))
                .isTrue();
    }

    @Test
    void leasesOfADeadReplicaExpire() {
        assertThat(store.acquire(key("slot"), 1, "dead-replica", SHORT_TTL).await().atMost(PATIENCE)).isTrue();
        assertThat(store.acquire(key("slot"), 1, "live", SHORT_TTL).await().atMost(PATIENCE)).isFalse();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(25))
                .until(() -> store.acquire(key("slot"), 1, "live", Duration.ofMinutes(1)).await().atMost(PATIENCE));
        assertThat(store.release(key("slot"), "dead-replica").await().atMost(PATIENCE))
                .as("an expired lease is no longer held").isFalse();
    }

    @Test
    void aKeyHoldsOneKindOfData() {
        store.put(key("kind"), new byte[] {1}, StateStore.FOREVER).await().atMost(PATIENCE);
        assertThatThrownBy(() -> store.increment(key("kind"), 1, StateStore.FOREVER).await().atMost(PATIENCE))
                .isInstanceOf(StateStoreException.class);
        assertThatThrownBy(() -> store.admit(key("kind"), 1, Duration.ofSeconds(1), 1).await().atMost(PATIENCE))
                .isInstanceOf(StateStoreException.class);
        assertThat(store.delete(key("kind")).await().atMost(PATIENCE)).isTrue();
        assertThat(store.increment(key("kind"), 1, StateStore.FOREVER).await().atMost(PATIENCE)).isEqualTo(1);
    }

    @Test
    void refusesMalformedArguments() {
        assertThatThrownBy(() -> store.get("has space").await().atMost(PATIENCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("").await().atMost(PATIENCE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(key("x"), new byte[0], Duration.ofSeconds(-1)).await().atMost(PATIENCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.admit(key("x"), 0, Duration.ofSeconds(1), 1).await().atMost(PATIENCE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersAPing() {
        store.ping().await().atMost(PATIENCE);
        assertThat(store.describe()).isNotBlank();
    }

    @Test
    void everythingSurvivesARestart() {
        store.put(key("vk"), "record".getBytes(UTF_8), Duration.ofMinutes(10)).await().atMost(PATIENCE);
        store.put(key("soon"), "gone".getBytes(UTF_8), SHORT_TTL).await().atMost(PATIENCE);
        store.increment(key("spend"), 1_250_000, StateStore.FOREVER).await().atMost(PATIENCE);
        store.incrementFields(key("row"), Map.of("requests", 2L), Duration.ofDays(1)).await().atMost(PATIENCE);
        store.indexAdd(key("keys"), "k1").await().atMost(PATIENCE);
        store.admit(key("rpm"), 2, Duration.ofMinutes(1), 2).await().atMost(PATIENCE);
        store.acquire(key("conc"), 1, "held", Duration.ofMinutes(1)).await().atMost(PATIENCE);

        restart();

        assertThat(text(store.get(key("vk")))).contains("record");
        assertThat(store.counter(key("spend")).await().atMost(PATIENCE)).isEqualTo(1_250_000);
        assertThat(store.fields(key("row")).await().atMost(PATIENCE)).containsEntry("requests", 2L);
        assertThat(store.indexPage(key("keys"), "", 10).await().atMost(PATIENCE)).containsExactly("k1");
        assertThat(store.admit(key("rpm"), 2, Duration.ofMinutes(1), 1).await().atMost(PATIENCE).admitted())
                .as("the window still counts what was admitted before the restart").isFalse();
        assertThat(store.acquire(key("conc"), 1, "other", Duration.ofMinutes(1)).await().atMost(PATIENCE)).isFalse();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(25))
                .until(() -> store.get(key("soon")).await().atMost(PATIENCE).isEmpty());
    }

    protected void restart() {
        store.close();
        store = open();
    }

    protected String key(String name) {
        return prefix + name;
    }

    private StateStore replica(int i) {
        if (!sharesAcrossReplicas() || i % 3 == 0) {
            return store;
        }
        while (replicas.size() < 2) {
            replicas.add(open());
        }
        return replicas.get(i % 3 - 1);
    }

    /** Subscribes to {@code n} calls at once, each from one of many threads, and waits for every outcome. */
    private <T> List<T> concurrently(int n, IntFunction<Uni<T>> call) {
        for (int i = 0; i < 2; i++) {
            replica(i + 1); // open the replicas before the race, not during it
        }
        List<Uni<T>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            calls.add(Uni.createFrom().deferred(() -> call.apply(index)).runSubscriptionOn(callers));
        }
        return Uni.join().all(calls).andFailFast().await().atMost(PATIENCE.multipliedBy(3));
    }

    private static Optional<String> text(Uni<Optional<byte[]>> value) {
        return value.await().atMost(PATIENCE).map(bytes -> new String(bytes, UTF_8));
    }
}
