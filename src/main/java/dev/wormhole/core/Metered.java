package dev.wormhole.core;

/**
 * An item of a streamed answer that the gateway accounts for: the usage it reports (the whole call's so far, or
 * null) and how many characters of output it carries, from which a stream cut before its usage is estimated.
 */
public interface Metered {

    /** The usage of the whole call as of this item, or null when the item reports none. */
    Usage usage();

    /** The characters of generated output (text, reasoning, tool arguments) in this item. */
    long outputCharacters();
}
