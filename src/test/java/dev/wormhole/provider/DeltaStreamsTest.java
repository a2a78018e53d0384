package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class DeltaStreamsTest {

    @Test
    void deliversEveryTranslationBeforeTheFailureThatFollowsIt() {
        // An emitter, like the upstream readers: the failure comes as soon as the body ends, while the last
        // event's translations still wait for demand.
        Multi<Integer> events = Multi.createFrom().emitter(e -> {
            e.emit(0);
            e.emit(1);
            e.fail(new IllegalStateException("cut"));
        });

        AssertSubscriber<String> consumer = DeltaStreams.expand(events,
                e -> e == 0 ? List.<String> of() : List.of(e + "a", e + "b", e + "c"))
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        consumer.assertItems("1a");
        consumer.request(1);
        consumer.request(10);

        consumer.assertFailedWith(IllegalStateException.class, "cut");
        assertThat(consumer.getItems()).containsExactly("1a", "1b", "1c");
    }
}
