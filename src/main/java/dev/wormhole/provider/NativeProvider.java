package dev.wormhole.provider;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A provider whose upstream speaks some of the gateway's inbound APIs itself ({@link ProviderSettings#speaks}).
 * The body is the client's, with the target's model in {@code model}; the reply is the upstream's, byte for
 * byte. Failures are {@link dev.wormhole.core.GatewayException}s as for {@link Provider}, so routing, retries,
 * breakers and failover treat both paths alike. Lazy and cancellable like every provider call.
 */
public interface NativeProvider {

    /** Whether the upstream speaks {@code api}. */
    boolean speaks(NativeApi api);

    /**
     * One complete reply.
     *
     * @param headers client headers the upstream should see (for example {@code anthropic-beta})
     */
    Uni<NativeReply> call(NativeApi api, ObjectNode body, Map<String, String> headers);

    /**
     * The reply's events, the terminal one included. A stream cut before its terminal event or an in-band
     * error event fails.
     */
    Multi<NativeEvent> stream(NativeApi api, ObjectNode body, Map<String, String> headers);
}
