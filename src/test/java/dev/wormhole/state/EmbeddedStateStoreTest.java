package dev.wormhole.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;

class EmbeddedStateStoreTest extends StateStoreContract {

    private static final Duration FLUSH = Duration.ofMillis(50);

    @TempDir
    Path dir;

    @Override
    protected StateStore open() {
        return EmbeddedStateStore.open(dir.resolve("state.bin"), FLUSH);
    }

    @Override
    protected boolean sharesAcrossReplicas() {
        return false;
    }

    @Test
    void refusesASecondGatewayOnTheSameFile() {
        assertThatThrownBy(this::open).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("in use by another gateway").hasMessageContaining("wormhole.state.backend=redis");
    }

    @Test
    void writesTheFileSoonAfterAChangeSoThatACrashLosesLittle() {
        store.put(key("v"), "kept".getBytes(UTF_8), StateStore.FOREVER).await().atMost(Duration.ofSeconds(5));
        Path crashed = dir.resolve("crashed");
        // a copy of the file taken while the store runs is what a crash would leave behind
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .ignoreException(java.nio.file.NoSuchFileException.class).until(() -> {
            Files.createDirectories(crashed);
            Files.copy(dir.resolve("state.bin"), crashed.resolve("state.bin"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            StateStore recovered = EmbeddedStateStore.open(crashed.resolve("state.bin"), FLUSH);
            try {
                return recovered.get(key("v")).await().atMost(Duration.ofSeconds(5)).isPresent();
            } finally {
                recovered.close();
            }
        });
    }

    @Test
    void aDamagedFileStopsTheStartNamingTheFile() throws Exception {
        Path damaged = dir.resolve("damaged/state.bin");
        Files.createDirectories(damaged.getParent());
        Files.write(damaged, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> EmbeddedStateStore.open(damaged, FLUSH)).isInstanceOf(StateStoreException.class)
                .hasMessageContaining(damaged.toString()).hasMessageContaining("move it away");
        // the lock was given back: once the file is moved away, the store opens
        Files.delete(damaged);
        EmbeddedStateStore.open(damaged, FLUSH).close();
    }

    @Test
    void answersOnTheCallersEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> thread = new CompletableFuture<>();
            vertx.runOnContext(ignored -> store.increment(key("n"), 1, StateStore.FOREVER)
                    .subscribe().with(n -> thread.complete(Thread.currentThread().getName()), thread::completeExceptionally));
            assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("vert.x-eventloop-thread");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void failsAfterItIsClosed() {
        store.close();
        assertThatThrownBy(() -> store.get(key("v")).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(StateStoreException.class).hasMessageContaining("closed");
        store = open(); // for the common tear-down
    }
}
