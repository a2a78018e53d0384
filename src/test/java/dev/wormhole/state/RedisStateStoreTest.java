package dev.wormhole.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.wormhole.testing.RedisServer;
import dev.wormhole.testing.RedisStores;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** The contract against a real redis-server; "replicas" are separate clients (sets of connections) on it. */
class RedisStateStoreTest extends StateStoreContract {

    private static final String PREFIX = "wormhole-test:";

    @RegisterExtension
    static final RedisStores REDIS = new RedisStores(PREFIX);

    @Override
    protected StateStore open() {
        return REDIS.open();
    }

    @Override
    protected boolean sharesAcrossReplicas() {
        return true;
    }

    @Test
    void keysCarryThePrefixAndBraces() {
        store.put(key("p"), new byte[] {1}, StateStore.FOREVER).await().atMost(Duration.ofSeconds(5));
        assertThat(raw(Request.cmd(Command.EXISTS).arg(PREFIX + "{" + key("p") + "}"))).isEqualTo("1");
    }

    @Test
    void scriptsAreSentAgainAfterTheServerForgotThem() {
        assertThat(store.admit(key("s"), 5, Duration.ofMinutes(1), 1).await().atMost(Duration.ofSeconds(5)).admitted())
                .isTrue();
        raw(Request.cmd(Command.SCRIPT).arg("FLUSH"));
        assertThat(store.admit(key("s"), 5, Duration.ofMinutes(1), 1).await().atMost(Duration.ofSeconds(5)).remaining())
                .isEqualTo(3);
    }

    @Test
    void anUnreachableRedisFailsWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StateStore unreachable = RedisStateStore.create(REDIS.vertx(), URI.create("redis://127.0.0.1:" + port + "/0"),
                PREFIX, 1, Duration.ofMillis(500));
        try {
            assertThatThrownBy(() -> unreachable.ping().await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOf(StateStoreException.class);
        } finally {
            unreachable.close();
        }
    }

    @Test
    void recoversByItselfWhenRedisComesBack() throws Exception {
        try (RedisServer first = RedisServer.start()) {
            StateStore store = RedisStateStore.create(REDIS.vertx(), first.url(), PREFIX, 2, Duration.ofMillis(500));
            try {
                // several commands so that every connection of the link is open when Redis goes away
                for (int i = 0; i < 4; i++) {
                    assertThat(store.increment(key("r"), 1, StateStore.FOREVER).await().atMost(Duration.ofSeconds(5)))
                            .isEqualTo(i + 1);
                }
                first.close();
                assertThatThrownBy(() -> store.ping().await().atMost(Duration.ofSeconds(5)))
                        .isInstanceOf(StateStoreException.class);
                try (RedisServer again = RedisServer.start(first.port())) {
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        for (int i = 0; i < 4; i++) {
                            store.ping().await().atMost(Duration.ofSeconds(2));
                        }
                    });
                    assertThat(store.increment(key("r"), 1, StateStore.FOREVER).await().atMost(Duration.ofSeconds(5)))
                            .as("a fresh server: the counter starts again").isEqualTo(1);
                }
            } finally {
                store.close();
            }
        }
    }

    @Test
    void manyCommandsInFlightOnFewConnections() {
        StateStore narrow = RedisStateStore.create(REDIS.vertx(), REDIS.server().url(), PREFIX, 1,
                Duration.ofSeconds(5));
        try {
            List<Uni<Long>> increments = new ArrayList<>();
            // more than a pool's wait queue (1,024) or Vert.x's default pipeline (2,048) would hold
            for (int i = 0; i < 5000; i++) {
                increments.add(narrow.increment(key("burst"), 1, StateStore.FOREVER));
            }
            Uni.join().all(increments).andFailFast().await().atMost(Duration.ofSeconds(30));
            assertThat(narrow.counter(key("burst")).await().atMost(Duration.ofSeconds(5))).isEqualTo(5000);
        } finally {
            narrow.close();
        }
    }

    @Test
    void neverShowsThePassword() {
        assertThat(RedisStateStore.redacted(URI.create("redis://:s3cret@cache:6380/2")))
                .isEqualTo("redis://:***@cache:6380/2");
        assertThat(RedisStateStore.redacted(URI.create("rediss://app:s3cret@cache/0")))
                .isEqualTo("rediss://app:***@cache/0");
        assertThat(RedisStateStore.redacted(URI.create("redis://cache:6379/0"))).isEqualTo("redis://cache:6379/0");
        StateStore withPassword = RedisStateStore.create(REDIS.vertx(), URI.create("redis://:s3cret@127.0.0.1:1/0"),
                PREFIX, 1, Duration.ofSeconds(1));
        assertThat(withPassword.describe()).doesNotContain("s3cret");
        withPassword.close();
    }

    private String raw(Request request) {
        Redis client = Redis.createClient(REDIS.vertx(), REDIS.server().url().toString());
        try {
            return client.send(request).await().atMost(Duration.ofSeconds(5)).toString();
        } finally {
            client.close();
        }
    }
}
