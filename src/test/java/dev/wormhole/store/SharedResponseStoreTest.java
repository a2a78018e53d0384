package dev.wormhole.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wormhole.state.EmbeddedStateStore;
import dev.wormhole.state.StateStore;

/** Stored responses on the state store: both parts back intact, gone when deleted or when their time is up. */
class SharedResponseStoreTest {

    @TempDir
    Path dir;

    private StateStore state;

    @BeforeEach
    void open() {
        state = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(20));
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void givesBackTheResponseAndItsInputAsStored() {
        SharedResponseStore store = new SharedResponseStore(state, Duration.ofHours(1));
        StoredResponse stored = new StoredResponse(bytes("{\"id\":\"resp_1\",\"output\":[]}"),
                bytes("[{\"role\":\"user\",\"content\":\"héllo\"}]"));

        store.put("resp_1", stored).await().indefinitely();

        StoredResponse found = store.get("resp_1").await().indefinitely().orElseThrow();
        assertThat(new String(found.response(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"resp_1\",\"output\":[]}");
        assertThat(new String(found.input(), StandardCharsets.UTF_8)).isEqualTo("[{\"role\":\"user\",\"content\":\"héllo\"}]");
        assertThat(store.get("resp_2").await().indefinitely()).isEmpty();
    }

    @Test
    void forgetsADeletedResponse() {
        SharedResponseStore store = new SharedResponseStore(state, Duration.ofHours(1));
        store.put("resp_1", new StoredResponse(bytes("{}"), bytes("[]"))).await().indefinitely();

        assertThat(store.delete("resp_1").await().indefinitely()).isTrue();
        assertThat(store.delete("resp_1").await().indefinitely()).isFalse();
        assertThat(store.get("resp_1").await().indefinitely()).isEmpty();
    }

    @Test
    void forgetsAResponseOnceItsTimeIsUp() {
        SharedResponseStore store = new SharedResponseStore(state, Duration.ofMillis(200));
        store.put("resp_1", new StoredResponse(bytes("{}"), bytes("[]"))).await().indefinitely();

        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> store.get("resp_1").await().indefinitely()
                .isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
