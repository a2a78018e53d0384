package dev.wormhole.store;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Where the Responses API keeps the responses a client asked to store, keyed by response id, for a limited time.
 * Entries are JSON documents, not Java objects, and every operation is asynchronous, so that a shared store
 * (Redis, once gateways share state) can stand in for the in-memory one without changing its callers. An entry
 * past its time to live is gone: {@link #get} and {@link #delete} treat it as absent.
 */
public interface ResponseStore {

    /** Stores (or replaces) the entry of {@code id}; completes once a {@link #get} would see it. */
    Uni<Void> put(String id, StoredResponse response);

    /** The entry of {@code id}, or empty when it was never stored, has expired, was evicted or deleted. */
    Uni<Optional<StoredResponse>> get(String id);

    /** Removes the entry of {@code id}; true when there was one to remove. */
    Uni<Boolean> delete(String id);
}
