package dev.wormhole.store;

/**
 * One stored response as JSON bytes (UTF-8): the {@code response} object exactly as it was returned, and the
 * {@code input} items that produced it, as a JSON array. The input is the effective one: a response that
 * continued an earlier one holds the whole conversation before it, so that continuing it needs this entry only.
 * The arrays are never modified once stored.
 */
public record StoredResponse(byte[] response, byte[] input) {
}
