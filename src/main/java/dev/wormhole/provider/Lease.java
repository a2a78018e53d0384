package dev.wormhole.provider;

/**
 * A claim on a provider instance for the whole duration of one request (a stream included). While any
 * lease is open the instance is never evicted or closed. {@link #close()} is idempotent.
 */
public interface Lease extends AutoCloseable {

    /** The leased provider. */
    Provider provider();

    /** Gives the claim back; later calls do nothing. */
    @Override
    void close();
}
