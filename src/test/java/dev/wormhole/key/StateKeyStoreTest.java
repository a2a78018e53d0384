package dev.wormhole.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.wormhole.core.BudgetPeriod;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.state.EmbeddedStateStore;
import dev.wormhole.state.StateStore;

/** Virtual keys on the embedded state store: records, the hash index, listing, and a restart in between. */
class StateKeyStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z").truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path dir;

    private StateStore state;
    private StateKeyStore keys;

    @BeforeEach
    void open() {
        state = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(20));
        keys = new StateKeyStore(state, JSON);
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void findsAKeyByIdAndBySecretHashWithEveryField() {
        VirtualKey key = key("key_a", "hash-a");
        assertThat(keys.create(key).await().indefinitely()).isTrue();

        assertThat(keys.byId("key_a").await().indefinitely()).contains(key);
        assertThat(keys.byHash("hash-a").await().indefinitely()).contains(key);
        assertThat(keys.byHash("hash-b").await().indefinitely()).isEmpty();
    }

    @Test
    void refusesASecondKeyWithTheSameIdOrSecret() {
        keys.create(key("key_a", "hash-a")).await().indefinitely();

        assertThat(keys.create(key("key_b", "hash-a")).await().indefinitely()).isFalse();
        assertThat(keys.create(key("key_a", "hash-c")).await().indefinitely()).isFalse();
        assertThat(keys.byHash("hash-c").await().indefinitely()).as("the refused key's hash is released").isEmpty();
        assertThat(keys.list(null, 10).await().indefinitely()).extracting(VirtualKey::id).containsExactly("key_a");
    }

    @Test
    void movesTheHashIndexWhenASecretRotates() {
        keys.create(key("key_a", "hash-a")).await().indefinitely();

        keys.update("key_a", k -> k.withSecret("hash-new", "wh-…new1", NOW)).await().indefinitely();

        assertThat(keys.byHash("hash-a").await().indefinitely()).isEmpty();
        assertThat(keys.byHash("hash-new").await().indefinitely()).get().extracting(VirtualKey::id)
                .isEqualTo("key_a");
    }

    @Test
    void listsByIdInPagesAndForgetsDeletedKeys() {
        for (String id : List.of("key_c", "key_a", "key_b")) {
            keys.create(key(id, "hash-" + id)).await().indefinitely();
        }

        assertThat(keys.list(null, 2).await().indefinitely()).extracting(VirtualKey::id)
                .containsExactly("key_a", "key_b");
        assertThat(keys.list("key_b", 2).await().indefinitely()).extracting(VirtualKey::id).containsExactly("key_c");

        assertThat(keys.delete("key_b").await().indefinitely()).isTrue();
        assertThat(keys.delete("key_b").await().indefinitely()).isFalse();
        assertThat(keys.byHash("hash-key_b").await().indefinitely()).isEmpty();
        assertThat(keys.list(null, 10).await().indefinitely()).extracting(VirtualKey::id)
                .containsExactly("key_a", "key_c");
    }

    @Test
    void keepsKeysAndRevocationsAcrossARestart() {
        keys.create(key("key_a", "hash-a")).await().indefinitely();
        keys.update("key_a", k -> k.revoked(NOW)).await().indefinitely();
        state.close();

        open();

        VirtualKey reopened = keys.byHash("hash-a").await().indefinitely().orElseThrow();
        assertThat(reopened.revokedAt()).isEqualTo(NOW);
        assertThat(reopened.active(NOW)).isFalse();
    }

    private static VirtualKey key(String id, String hash) {
        KeySpec spec = new KeySpec("name-" + id, "platform", List.of("openai/*", "sim-*"),
                new KeyLimits(60L, 10_000L, 4, new KeyLimits.Budget(new BigDecimal("12.50"), BudgetPeriod.MONTH)),
                NOW.plus(Duration.ofDays(30)), Map.of("env", "test"));
        return new VirtualKey(id, spec, hash, "wh-…" + id.substring(id.length() - 1), KeySource.API, NOW, NOW, null);
    }
}
