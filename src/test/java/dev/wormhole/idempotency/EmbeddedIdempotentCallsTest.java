package dev.wormhole.idempotency;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;

import dev.wormhole.state.EmbeddedStateStore;
import dev.wormhole.state.StateStore;

/** {@link IdempotentCalls} on the embedded store. */
class EmbeddedIdempotentCallsTest extends IdempotentCallsContract {

    @TempDir
    Path dir;

    @Override
    protected StateStore open() {
        return EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(50));
    }
}
