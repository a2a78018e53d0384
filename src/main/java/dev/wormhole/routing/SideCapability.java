package dev.wormhole.routing;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.Provider;

/** The optional capability ({@link dev.wormhole.provider.EmbeddingProvider}, say) a call needs of a target. */
final class SideCapability {

    private SideCapability() {
    }

    /** The provider as {@code side}, or the 400 saying that it does not offer {@code what}. */
    static <P extends Provider> P require(Provider provider, Class<P> side, String what) {
        if (!side.isInstance(provider)) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "unsupported_capability",
                    "Provider '" + provider.id() + "' does not offer " + what + ".");
        }
        return side.cast(provider);
    }
}
