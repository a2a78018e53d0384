package dev.wormhole.core;

/**
 * A piece of a streamed audio answer, as the upstream sent it. Audio is billed by its input, not its output:
 * the first chunk carries the call's usage, the others none.
 */
public record AudioChunk(byte[] bytes, Usage usage) implements Metered {

    @Override
    public long outputCharacters() {
        return 0;
    }
}
