package dev.wormhole.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InMemoryResponseStoreTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final InMemoryResponseStore store = new InMemoryResponseStore(Duration.ofSeconds(60), 3, now::get);

    @Test
    void returnsWhatWasStoredUntilItExpires() {
        put("resp_a", "{\"id\":\"resp_a\"}");

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(get("resp_a")).map(StoredResponseText::of).contains(new StoredResponseText("{\"id\":\"resp_a\"}",
                "[]"));

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(get("resp_a")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void evictsTheOldestEntryBeyondTheMaximum() {
        put("resp_1", "{}");
        put("resp_2", "{}");
        put("resp_3", "{}");
        put("resp_4", "{}");

        assertThat(get("resp_1")).isEmpty();
        assertThat(get("resp_2")).isPresent();
        assertThat(get("resp_4")).isPresent();
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void dropsExpiredEntriesWhenStoring() {
        put("resp_1", "{}");
        put("resp_2", "{}");
        now.addAndGet(Duration.ofSeconds(61).toNanos());

        put("resp_3", "{}");

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void storingAnIdAgainReplacesItAndRenewsItsPlace() {
        put("resp_1", "{\"v\":1}");
        put("resp_2", "{}");
        put("resp_3", "{}");
        put("resp_1", "{\"v\":2}");
        put("resp_4", "{}");

        assertThat(get("resp_2")).isEmpty();
        assertThat(get("resp_1")).map(StoredResponseText::of).get().extracting(StoredResponseText::response)
                .isEqualTo("{\"v\":2}");
    }

    @Test
    void deletesOnceAndNeverAnExpiredEntry() {
        put("resp_1", "{}");
        put("resp_2", "{}");

        assertThat(store.delete("resp_1").await().indefinitely()).isTrue();
        assertThat(store.delete("resp_1").await().indefinitely()).isFalse();
        assertThat(get("resp_1")).isEmpty();

        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(store.delete("resp_2").await().indefinitely()).isFalse();
        assertThat(store.delete("resp_never").await().indefinitely()).isFalse();
    }

    private void put(String id, String response) {
        store.put(id, new StoredResponse(response.getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8))).await().indefinitely();
    }

    private Optional<StoredResponse> get(String id) {
        return store.get(id).await().indefinitely();
    }

    private record StoredResponseText(String response, String input) {

        static StoredResponseText of(StoredResponse stored) {
            return new StoredResponseText(new String(stored.response(), StandardCharsets.UTF_8),
                    new String(stored.input(), StandardCharsets.UTF_8));
        }
    }
}
