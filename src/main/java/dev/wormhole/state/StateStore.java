package dev.wormhole.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * The gateway's shared state: small atomic operations that virtual keys, rate limits, budgets, usage, idempotency
 * and stored responses are built from. Two implementations keep the same contract: {@link EmbeddedStateStore}
 * (one replica, persisted to a file) and {@link RedisStateStore} (every replica shares one Redis). Each operation
 * is atomic on its own: a check and the change it guards happen in one step in the store, never as a read then a
 * write from the gateway. No method blocks; every one returns a lazy {@link Uni}.
 *
 * <p>Keys are caller-chosen names of at most 512 characters without whitespace, control characters or braces
 * (e.g. {@code vk:<sha256>}, {@code usage:<key>:<model>:2025-01-31}). A key holds one kind of data (a value, a
 * counter, a hash of counters, an index, a rate window or a set of leases), as in Redis; using it as another kind
 * fails with a {@link StateStoreException} (one leniency of Redis: {@code get} of a counter answers its digits).
 * A TTL of {@link #FOREVER} means no expiry; TTLs are honoured to the millisecond and survive restarts.
 */
public interface StateStore {

    /** The TTL of data that never expires. */
    Duration FOREVER = Duration.ZERO;

    /** The value at {@code key}, or empty when absent or expired. */
    Uni<Optional<byte[]>> get(String key);

    /** Stores {@code value} at {@code key}, replacing any value and its TTL. */
    Uni<Void> put(String key, byte[] value, Duration ttl);

    /** Stores {@code value} only if {@code key} holds nothing; true when this call stored it (one winner per race). */
    Uni<Boolean> putIfAbsent(String key, byte[] value, Duration ttl);

    /** Removes whatever {@code key} holds, of any kind; true when something was there. */
    Uni<Boolean> delete(String key);

    /**
     * Adds {@code delta} (may be negative) to the integer counter at {@code key}, created at 0, and answers the new
     * value; {@code ttl} is set when the counter has none (so on creation). Money is counted in integer micro-USD.
     */
    Uni<Long> increment(String key, long delta, Duration ttl);

    /** The value of the counter at {@code key}, 0 when absent or expired; reading does not create it. */
    Uni<Long> counter(String key);

    /**
     * Adds each delta to its field of the hash of counters at {@code key} in one step and answers the new values of
     * those fields; {@code ttl} is set when the hash has none. A usage row is one hash.
     */
    Uni<Map<String, Long>> incrementFields(String key, Map<String, Long> deltas, Duration ttl);

    /** Every field of the hash of counters at {@code key}; empty when absent. */
    Uni<Map<String, Long>> fields(String key);

    /** Adds {@code member} to the index at {@code key}; true when it was not there. Indexes never expire. */
    Uni<Boolean> indexAdd(String key, String member);

    /** Removes {@code member} from the index at {@code key}; true when it was there. */
    Uni<Boolean> indexRemove(String key, String member);

    /**
     * Up to {@code limit} members of the index at {@code key} that sort after {@code after} (empty string: from the
     * first), in byte order of their UTF-8 form; pass the last member back to read the next page.
     */
    Uni<List<String>> indexPage(String key, String after, int limit);

    /**
     * Counts {@code cost} against a limit of {@code limit} per sliding {@code window} if it fits, or refuses it
     * without counting anything. The window is exact: at no moment does the cost counted in the last
     * {@code window} exceed {@code limit}. A cost above the limit is never admitted. See {@link Admission}.
     */
    Uni<Admission> admit(String key, long limit, Duration window, long cost);

    /**
     * Corrects what an admission counted by {@code delta} (negative when the real cost was lower than reserved),
     * without any check: the correction leaves the window with the admission it corrects. When that admission has
     * already left the window, a positive delta is counted now and a negative one is dropped.
     */
    Uni<Void> adjust(String key, Duration window, Admission admission, long delta);

    /**
     * Takes one of {@code limit} concurrent leases at {@code key} under {@code leaseId}; true when taken. The lease
     * expires after {@code leaseTtl} unless taken again under the same id, which renews it and always succeeds
     * while it is held, so a replica that dies cannot hold a slot for longer than the TTL.
     */
    Uni<Boolean> acquire(String key, int limit, String leaseId, Duration leaseTtl);

    /** Gives the lease back; true when it was held (false when it had already expired). */
    Uni<Boolean> release(String key, String leaseId);

    /** Completes when the store answers, fails when it cannot be reached or used. */
    Uni<Void> ping();

    /** What the store is and where, for logs and health: never a password. */
    String describe();

    /** Releases the store's resources; the embedded store writes its file one last time. Blocks. */
    void close();
}
