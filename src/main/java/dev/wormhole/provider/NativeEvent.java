package dev.wormhole.provider;

import dev.wormhole.core.Metered;
import dev.wormhole.core.Usage;

/**
 * One event of an upstream's stream in the client's own API: its SSE event name and data as sent, with the
 * call's usage as of this event (null when it reports none) and the output characters it carries.
 */
public record NativeEvent(String event, String data, Usage usage, long outputCharacters) implements Metered {
}
