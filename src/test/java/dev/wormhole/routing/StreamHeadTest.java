package dev.wormhole.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

class StreamHeadTest {

    @Test
    void completesWithTheWholeStreamOnceTheFirstItemArrives() {
        UnicastProcessor<String> source = UnicastProcessor.create();
        UniAssertSubscriber<Multi<String>> head = StreamHead.awaitFirst(source).subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        head.assertNotTerminated();
        source.onNext("a");
        Multi<String> stream = head.awaitItem().getItem();
        AssertSubscriber<String> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(10));
        source.onNext("b");
        source.onNext("c");
        source.onComplete();

        tail.awaitCompletion().assertItems("a", "b", "c");
    }

    @Test
    void failsTheUniWhenTheStreamFailsBeforeItsFirstItem() {
        Multi<String> failing = Multi.createFrom().failure(new IllegalStateException("boom"));
        StreamHead.awaitFirst(failing).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure().assertFailedWith(IllegalStateException.class, "boom");
    }

    @Test
    void failsTheStreamWhenItFailsAfterTheFirstItem() {
        Multi<String> source = Multi.createFrom().items("a", "b")
                .onCompletion().failWith(new IllegalStateException("late"));
        Multi<String> stream = StreamHead.awaitFirst(source).await().atMost(Duration.ofSeconds(5));

        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitFailure()
                .assertItems("a", "b").assertFailedWith(IllegalStateException.class, "late");
    }

    @Test
    void deliversATerminalSignalThatArrivedBeforeTheTailWasSubscribed() {
        Multi<String> stream = StreamHead.awaitFirst(Multi.createFrom().items("only")).await()
                .atMost(Duration.ofSeconds(5));

        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitCompletion().assertItems("only");
    }

    @Test
    void honoursDemandOfTheTail() {
        Multi<Integer> stream = StreamHead.awaitFirst(Multi.createFrom().range(0, 10)).await()
                .atMost(Duration.ofSeconds(5));
        AssertSubscriber<Integer> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(0));

        tail.assertHasNotReceivedAnyItem();
        tail.request(1);
        tail.assertItems(0);
        tail.request(3);
        tail.assertItems(0, 1, 2, 3).assertNotTerminated();
        tail.request(100);
        tail.awaitCompletion().assertItems(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void cancellingBeforeTheFirstItemCancelsTheUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<String> never = Multi.createFrom().<String> nothing().onCancellation().invoke(() -> cancelled.set(true));
        UniAssertSubscriber<Multi<String>> head = StreamHead.awaitFirst(never).subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        head.cancel();

        assertThat(cancelled).isTrue();
    }

    @Test
    void cancellingTheTailCancelsTheUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<Long> ticks = Multi.createFrom().ticks().every(Duration.ofMillis(5))
                .onCancellation().invoke(() -> cancelled.set(true));
        Multi<Long> stream = StreamHead.awaitFirst(ticks).await().atMost(Duration.ofSeconds(5));
        AssertSubscriber<Long> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(2));

        tail.awaitItems(2).cancel();

        assertThat(cancelled).isTrue();
    }

    @Test
    void subscribesToTheSourceOncePerSubscriptionOfTheUni() {
        AtomicInteger subscriptions = new AtomicInteger();
        Multi<String> source = Multi.createFrom().items("x").onSubscription().invoke(subscriptions::incrementAndGet);
        Uni<Multi<String>> head = StreamHead.awaitFirst(source);

        assertThat(subscriptions).hasValue(0);
        head.await().atMost(Duration.ofSeconds(5));
        head.await().atMost(Duration.ofSeconds(5));
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void rejectsASecondTailSubscriber() {
        Multi<String> stream = StreamHead.awaitFirst(Multi.createFrom().items("a", "b")).await()
                .atMost(Duration.ofSeconds(5));
        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitCompletion();

        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitFailure()
                .assertFailedWith(IllegalStateException.class);
    }
}
