package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelInfo;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

class ProviderCacheTest {

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final AtomicLong clock = new AtomicLong();
    private final List<CountingProvider> created = new CopyOnWriteArrayList<>();
    private final ProviderCache cache = new ProviderCache(id -> {
        CountingProvider p = new CountingProvider(id);
        created.add(p);
        return p;
    }, clock::get);
    private final ExecutorService pool = Executors.newFixedThreadPool(100);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void hundredConcurrentFirstLeasesCreateOneInstanceWithoutDeadlock() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Lease>> leases = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            leases.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return cache.lease("p");
            }, pool));
        }
        go.countDown();

        CompletableFuture.allOf(leases.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(created).hasSize(1);
        assertThat(leases).allSatisfy(l -> assertThat(l.join().provider()).isSameAs(created.get(0)));
        assertThat(cache.leases("p")).isEqualTo(100);
        assertThat(cache.misses.get()).isEqualTo(1);
        assertThat(cache.hits.get()).isEqualTo(99);
        leases.forEach(l -> l.join().close());
        assertThat(cache.leases("p")).isZero();
    }

    @Test
    void releasingALeaseTwiceCountsOnce() {
        Lease a = cache.lease("p");
        Lease b = cache.lease("p");
        a.close();
        a.close();
        assertThat(cache.leases("p")).isEqualTo(1);
        b.close();
        assertThat(cache.openLeases()).isZero();
    }

    @Test
    void evictionNeverClosesALeasedProvider() {
        Lease lease = cache.lease("p");
        clock.addAndGet(IDLE.toNanos() * 2);

        assertThat(cache.evictIdle(IDLE, 64)).isZero();
        assertThat(created.get(0).closed.get()).isZero();

        lease.close();
        clock.addAndGet(IDLE.toNanos() + 1);
        assertThat(cache.evictIdle(IDLE, 64)).isEqualTo(1);
        assertThat(created.get(0).closed.get()).isEqualTo(1);
        assertThat(cache.isCached("p")).isFalse();
        assertThat(cache.evictions.get()).isEqualTo(1);
    }

    @Test
    void evictionKeepsRecentlyUsedProviders() {
        cache.lease("p").close();
        clock.addAndGet(IDLE.toNanos() - 1);
        assertThat(cache.evictIdle(IDLE, 64)).isZero();
        assertThat(cache.isCached("p")).isTrue();
    }

    @Test
    void aLeaseAfterEvictionCreatesAFreshInstance() {
        cache.lease("p").close();
        clock.addAndGet(IDLE.toNanos());
        cache.evictIdle(IDLE, 64);

        Lease lease = cache.lease("p");
        assertThat(created).hasSize(2);
        assertThat(lease.provider()).isSameAs(created.get(1));
        assertThat(created.get(1).closed.get()).isZero();
    }

    @Test
    void trimsToTheSizeLimitLeastRecentlyUsedFirstSkippingLeasedOnes() {
        Lease held = cache.lease("a");
        clock.incrementAndGet();
        cache.lease("b").close();
        clock.incrementAndGet();
        cache.lease("c").close();
        clock.incrementAndGet();
        cache.lease("d").close();

        assertThat(cache.evictIdle(IDLE, 2)).isEqualTo(2);
        assertThat(cache.isCached("a")).isTrue();
        assertThat(cache.isCached("b")).isFalse();
        assertThat(cache.isCached("c")).isFalse();
        assertThat(cache.isCached("d")).isTrue();
        held.close();
    }

    @Test
    void concurrentLeasesAndEvictionsNeverHandOutAClosedProvider() throws Exception {
        AtomicInteger violations = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5_000; i++) {
                    try (Lease lease = cache.lease("p")) {
                        if (((CountingProvider) lease.provider()).closed.get() > 0) {
                            violations.incrementAndGet();
                        }
                    }
                }
            }, pool));
        }
        workers.add(CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5_000; i++) {
                cache.evictIdle(Duration.ZERO, 64);
            }
        }, pool));

        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(violations.get()).isZero();
        assertThat(created).allSatisfy(p -> assertThat(p.closed.get()).isLessThanOrEqualTo(1));
        assertThat(cache.openLeases()).isZero();
    }

    @Test
    void drainWaitsForAnInFlightLeaseThenClosesAndRefusesNewLeases() throws Exception {
        Lease inFlight = cache.lease("p");
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> cache.drain(Duration.ofSeconds(30)),
                pool);

        awaitDraining();
        assertThat(drained).isNotDone();
        assertThat(created.get(0).closed.get()).isZero();
        assertThatThrownBy(() -> cache.lease("p")).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

        inFlight.close();
        assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(created.get(0).closed.get()).isEqualTo(1);
    }

    @Test
    void drainGivesUpAfterTheGracePeriodAndClosesAnyway() {
        cache.lease("p");
        assertThat(cache.drain(Duration.ofMillis(50))).isFalse();
        assertThat(created.get(0).closed.get()).isEqualTo(1);
    }

    @Test
    void aFailingFactoryLeavesNoEntryAndNoLease() {
        ProviderCache failing = new ProviderCache(id -> {
            throw GatewayException.of(ErrorKind.NOT_FOUND, "provider_not_found", "no " + id);
        }, clock::get);
        assertThatThrownBy(() -> failing.lease("x")).isInstanceOf(GatewayException.class);
        assertThat(failing.isCached("x")).isFalse();
        assertThat(failing.openLeases()).isZero();
    }

    private void awaitDraining() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(cache::isDraining);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingProvider implements Provider {
        final String id;
        final AtomicInteger closed = new AtomicInteger();

        CountingProvider(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Capabilities capabilities() {
            return new Capabilities(true, true, false, false, false);
        }

        @Override
        public Uni<ChatResult> chat(ChatRequest request) {
            return Uni.createFrom().nothing();
        }

        @Override
        public Multi<ChatDelta> streamChat(ChatRequest request) {
            return Multi.createFrom().nothing();
        }

        @Override
        public Uni<List<ModelInfo>> listModels() {
            return Uni.createFrom().item(List.of());
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
