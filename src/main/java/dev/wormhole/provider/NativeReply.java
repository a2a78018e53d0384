package dev.wormhole.provider;

import dev.wormhole.core.Usage;

/** An upstream's complete reply in the client's own API: its JSON body as sent, and the usage read from it. */
public record NativeReply(byte[] body, Usage usage) {
}
