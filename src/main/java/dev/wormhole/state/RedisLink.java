package dev.wormhole.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Commands to one Redis over a few long-lived, pipelined connections, taken in turn: each command is written at
 * once and its reply matched in order, so that many commands are in flight on each connection. (A pool lends a
 * connection to one command at a time: with several commands per gateway request, its wait queue overflowed under
 * load and usage went unrecorded.) A connection is opened on first use; one that closes, fails or leaves a command
 * unanswered past the timeout is dropped and replaced on the next command, so the store recovers by itself when
 * Redis comes back; the commands in flight on it fail.
 */
final class RedisLink {

    private final Redis client;
    private final Duration timeout;
    private final AtomicReferenceArray<Slot> slots;
    private final AtomicInteger turn = new AtomicInteger();

    /** {@code connections} connections of {@code client} (a client whose pool holds at least that many). */
    RedisLink(Redis client, int connections, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
        this.slots = new AtomicReferenceArray<>(connections);
    }

    /** Sends {@code request} on the next connection; fails with a {@link StateStoreException} after the timeout. */
    Uni<Response> send(Request request) {
        int index = Math.floorMod(turn.getAndIncrement(), slots.length());
        Slot slot = slot(index);
        return Uni.createFrom().completionStage(slot.connection).flatMap(connection -> connection.send(request))
                .ifNoItem().after(timeout).failWith(() -> {
                    drop(index, slot);
                    return new StateStoreException("Redis did not answer within " + timeout);
                });
    }

    private Slot slot(int index) {
        Slot current = slots.get(index);
        if (current != null) {
            return current;
        }
        Slot fresh = new Slot();
        if (!slots.compareAndSet(index, null, fresh)) {
            return slots.get(index) != null ? slots.get(index) : slot(index);
        }
        fresh.open(client, () -> drop(index, fresh));
        return fresh;
    }

    private void drop(int index, Slot slot) {
        if (slots.compareAndSet(index, slot, null)) {
            slot.close();
        }
    }

    /** Closes every connection and the client. */
    void close() {
        for (int i = 0; i < slots.length(); i++) {
            Slot slot = slots.getAndSet(i, null);
            if (slot != null) {
                slot.close();
            }
        }
        client.close();
    }

    /** One connection: opening, then open until it ends. */
    private static final class Slot {

        private final CompletableFuture<RedisConnection> connection = new CompletableFuture<>();

        void open(Redis client, Runnable onEnd) {
            client.connect().subscribe().with(c -> {
                c.exceptionHandler(e -> onEnd.run());
                c.endHandler(onEnd);
                connection.complete(c);
            }, failure -> {
                connection.completeExceptionally(failure);
                onEnd.run();
            });
        }

        void close() {
            connection.thenAccept(RedisConnection::closeAndForget);
        }
    }
}
