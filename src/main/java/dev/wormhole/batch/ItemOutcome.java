package dev.wormhole.batch;

/**
 * How one batch item ended: its position in the request and either its value or its failure.
 *
 * @param elapsedNanos time from the item's start to its end
 */
public record ItemOutcome<T>(int index, T value, Throwable failure, long elapsedNanos) {

    public boolean succeeded() {
        return failure == null;
    }
}
