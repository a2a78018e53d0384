package dev.wormhole.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;
import dev.wormhole.testing.WireDialect;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** Google's Gemini API as {@link GeminiProvider} speaks it; the ids it gives unnamed calls are sequential. */
public final class GeminiWireDialect implements WireDialect {

    private final ObjectMapper json = WireDialect.json();
    private final Vertx vertx = Vertx.vertx();
    private final GeminiApi api = new GeminiApi(vertx, WireDialect.settings("gemini", Dialect.GEMINI,
            "https://generativelanguage.googleapis.com", ProviderSettings.Quirks.NONE), json);

    @Override
    public JsonNode request(ChatRequest request, boolean stream) {
        return WireDialect.tree(json, GeminiMapper.toWire(request, json));
    }

    @Override
    public Multi<ChatDelta> stream(Multi<Buffer> body, ChatRequest request) {
        return GeminiProvider.deltas(api.chunks(body),
                new GeminiStream(request.model(), CREATED, WireDialect.sequentialIds(), json));
    }

    @Override
    public ChatResult result(byte[] body, ChatRequest request) {
        return GeminiMapper.fromWire(WireDialect.read(json, body, GenerateContentResponse.class), request.model(),
                CREATED, WireDialect.sequentialIds(), json);
    }

    @Override
    public void close() {
        api.close();
        vertx.close();
    }
}
